// The responsibilities module's public face: its manifest and what other modules use.
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { responsibilityApiRoutes } from './routes.api.ts';
import { responsibilityWebRoutes } from './routes.web.ts';

export const responsibilitiesModule: ModuleManifest = {
  name: 'responsibilities',
  apiRoutes: [responsibilityApiRoutes],
  webRoutes: [responsibilityWebRoutes],
  jobs: [],
  accessRules: {},
  events: [],
  reactions: {},
};

export { placementResponsibilities, responsibilityGroups } from './read.ts';
