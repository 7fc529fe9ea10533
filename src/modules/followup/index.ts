// The follow-up module's public face: its manifest and what other modules use.
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { followUpEventTypes } from './events.ts';
import { refreshFiguresJob } from './refresh-figures.ts';
import { remindActionsJob } from './remind-actions.ts';
import { followUpApiRoutes } from './routes.api.ts';
import { actionPlanWebRoutes } from './routes.web.action-plans.ts';
import { annualReportWebRoutes } from './routes.web.report.ts';
import { followUpWebRoutes } from './routes.web.ts';

export const followUpModule: ModuleManifest = {
  name: 'followup',
  apiRoutes: [followUpApiRoutes],
  webRoutes: [followUpWebRoutes, actionPlanWebRoutes, annualReportWebRoutes],
  jobs: [refreshFiguresJob, remindActionsJob],
  accessRules: {},
  events: followUpEventTypes,
  reactions: {},
};

export { listOverdueActions } from './remind-actions.ts';
export { unscopedActionDue } from './unscoped-reads.ts';
