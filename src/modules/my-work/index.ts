// "Mitt arbete", the start page: its manifest. It gathers what the other modules list for the user.
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { myWorkWebRoutes } from './routes.web.ts';

export const myWorkModule: ModuleManifest = {
  name: 'my-work',
  apiRoutes: [],
  webRoutes: [myWorkWebRoutes],
  jobs: [],
  accessRules: {},
  events: [],
  reactions: {},
};
