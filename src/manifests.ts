import { agreementsModule } from './modules/agreements/index.ts';
import { deviationsModule } from './modules/deviations/index.ts';
import { dischargeModule } from './modules/discharge/index.ts';
import { disputesModule } from './modules/disputes/index.ts';
import { followUpModule } from './modules/followup/index.ts';
import { myPlansModule } from './modules/my-plans/index.ts';
import { myWorkModule } from './modules/my-work/index.ts';
import { needsInventoryModule } from './modules/needs-inventory/index.ts';
import { notificationsModule } from './modules/notifications/index.ts';
import { organisationsModule } from './modules/organisations/index.ts';
import { responsibilitiesModule } from './modules/responsibilities/index.ts';
import { revisionProjectsModule } from './modules/revision-projects/index.ts';
import { sipModule } from './modules/sip/index.ts';
import type { ModuleManifest } from './platform/modules/manifest.ts';

/**
 * Every module of the app, in the order it is registered: its routes in this order (the API's, then the pages'),
 * its jobs in this order each round, its reactions to a unit's closure in this order. buildApp (app.ts) and
 * jobs.ts hand the list to registerModules; nothing registers itself when imported.
 */
export const manifests: readonly ModuleManifest[] = [
  organisationsModule,
  sipModule,
  dischargeModule,
  deviationsModule,
  disputesModule,
  agreementsModule,
  responsibilitiesModule,
  revisionProjectsModule,
  followUpModule,
  needsInventoryModule,
  myWorkModule,
  myPlansModule,
  notificationsModule,
];
