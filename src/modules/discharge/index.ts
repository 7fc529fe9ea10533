// The discharge module's public face: discharge planning from inpatient care (samverkan vid utskrivning, SPU)
// under lag (2017:612). Its manifest, and what "Mitt arbete" lists.
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { dischargeStayAccessRule } from './access-rule.ts';
import { dischargeEventTypes } from './events.ts';
import { flagSipsNotCalledJob } from './flag-sip-not-called.ts';
import { dischargeApiRoutes } from './routes.api.ts';
import { dischargeInvoiceWebRoutes } from './routes.web.invoice.ts';
import { dischargeRulesWebRoutes } from './routes.web.rules.ts';
import { dischargeStepWebRoutes } from './routes.web.steps.ts';
import { dischargeWebRoutes } from './routes.web.ts';

export const dischargeModule: ModuleManifest = {
  name: 'discharge',
  apiRoutes: [dischargeApiRoutes],
  webRoutes: [dischargeWebRoutes, dischargeStepWebRoutes, dischargeInvoiceWebRoutes, dischargeRulesWebRoutes],
  jobs: [flagSipsNotCalledJob],
  accessRules: { dischargeStay: dischargeStayAccessRule },
  objectLabels: { dischargeStay: 'Vårdtillfälle (utskrivning)' },
  events: dischargeEventTypes,
  reactions: {},
};

export { dischargeIndicatorFacts } from './indicator-facts.ts';
export { listDischargeNotices } from './list-my-work.ts';
