// The organisations module's public face: its manifest.
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { adminEventTypes } from './admin/admin-log.ts';
import { adminApiRoutes } from './admin/routes.api.ts';
import { adminWebRoutes } from './admin/routes.web.ts';
import { organisationsApiRoutes } from './routes.api.ts';
import { organisationsWebRoutes } from './routes.web.ts';

export const organisationsModule: ModuleManifest = {
  name: 'organisations',
  apiRoutes: [organisationsApiRoutes, adminApiRoutes],
  webRoutes: [organisationsWebRoutes, adminWebRoutes],
  jobs: [],
  accessRules: {},
  events: adminEventTypes,
  reactions: {},
};
