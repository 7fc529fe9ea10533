// The needs inventory module's public face: its manifest and what other modules use.
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { needsInventoryEventTypes } from './events.ts';
import { needsInventoryRemindJob } from './remind.ts';
import { needsInventoryApiRoutes } from './routes.api.ts';
import { needsInventoryWebRoutes } from './routes.web.ts';

export const needsInventoryModule: ModuleManifest = {
  name: 'needs-inventory',
  apiRoutes: [needsInventoryApiRoutes],
  webRoutes: [needsInventoryWebRoutes],
  jobs: [needsInventoryRemindJob],
  accessRules: {},
  events: needsInventoryEventTypes,
  reactions: {},
};

export { listInventoryNotices } from './remind.ts';
export { unscopedRoundPeriodEnd } from './unscoped-reads.ts';
