// The notifications module's public face: mail about work (a notice or an event that gives a unit work becomes a
// notification, mailed at once or in a daily digest as each user chose), the choices and the unsubscribe pages.
// Its manifest comes last in src/manifests.ts, so its jobs run after the jobs whose notices they mail.
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { sendDigestsJob } from './digests.ts';
import { eventListeners, noticeListener } from './hooks.ts';
import { notificationWebRoutes } from './routes.web.ts';

export const notificationsModule: ModuleManifest = {
  name: 'notifications',
  apiRoutes: [],
  webRoutes: [notificationWebRoutes],
  jobs: [sendDigestsJob],
  accessRules: {},
  events: [],
  reactions: {},
  listeners: { noticesCreated: [noticeListener], events: eventListeners },
};
