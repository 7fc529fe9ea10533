// The agreements module's public face: its manifest and what other modules use.
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { agreementEventTypes } from './events.ts';
import { agreementApiRoutes } from './routes.api.ts';
import { agreementDocumentWebRoutes } from './routes.web.documents.ts';
import { agreementWebRoutes } from './routes.web.ts';
import { warnDeadlinesJob } from './warn-deadlines.ts';

export const agreementsModule: ModuleManifest = {
  name: 'agreements',
  apiRoutes: [agreementApiRoutes],
  webRoutes: [agreementWebRoutes, agreementDocumentWebRoutes],
  jobs: [warnDeadlinesJob],
  accessRules: {},
  events: agreementEventTypes,
  reactions: {},
};

export { compareSections } from './compare-sections.ts';
export { countyAgreementId } from './demo.ts';
export { listAgreementWarnings } from './list-my-work.ts';
export { agreementDeadlines, agreementTitleOf, inForceSince } from './read-agreements.ts';
export { readSeedSections } from './reference/seed-outline.ts';
