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

// The use cases and the figures' refresh, for the living demo (src/demo/living/), which makes action plans
// through them and computes its figures once at the end.
export {
  addAction,
  addNote,
  changeStatus as changeActionPlanStatus,
  createActionPlan,
  markActionDone,
} from './action-plans.ts';
export { refreshCountyFigures } from './refresh-figures.ts';
export { listOverdueActions } from './remind-actions.ts';
export { unscopedActionDue } from './unscoped-reads.ts';
