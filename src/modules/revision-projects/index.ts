// The revision projects module's public face: its manifest.
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { revisionProjectEventTypes } from './events.ts';
import { revisionProjectApiRoutes } from './routes.api.ts';
import { revisionProjectWebRoutes } from './routes.web.ts';

export const revisionProjectsModule: ModuleManifest = {
  name: 'revision-projects',
  apiRoutes: [revisionProjectApiRoutes],
  webRoutes: [revisionProjectWebRoutes],
  jobs: [],
  accessRules: {},
  events: revisionProjectEventTypes,
  reactions: {},
};
