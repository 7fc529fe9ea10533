// The SIP module's public face: its manifest.
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { sipAccessRule } from './access-rule.ts';
import { sipEventTypes } from './events.ts';
import { flagNotConvenedJob } from './flag-not-convened.ts';
import { remindInvitationsJob } from './remind-invitations.ts';
import { sipApiRoutes } from './routes.api.ts';
import { sipDocumentWebRoutes } from './routes.web.documents.ts';
import { sipWebRoutes } from './routes.web.ts';
import { sipUnitClosed } from './unit-work.ts';

export const sipModule: ModuleManifest = {
  name: 'sip',
  apiRoutes: [sipApiRoutes],
  webRoutes: [sipWebRoutes, sipDocumentWebRoutes],
  jobs: [remindInvitationsJob, flagNotConvenedJob],
  accessRules: { sip: sipAccessRule },
  events: sipEventTypes,
  reactions: { unitClosed: sipUnitClosed },
};
