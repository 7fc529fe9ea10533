// The discharge module's public face: discharge planning from inpatient care (samverkan vid utskrivning, SPU)
// under lag (2017:612). Its manifest, what "Mitt arbete" lists, and the person's own stays for their pages
// (the my-plans module: own-stays.ts, through the person's path of the access layer).
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { dischargeStayAccessRule } from './access-rule.ts';
import { dischargeEventTypes } from './events.ts';
import { flagSipsNotCalledJob } from './flag-sip-not-called.ts';
import { dischargeStaySelfAccessRule } from './own-stays.ts';
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
  selfAccessRules: { dischargeStay: dischargeStaySelfAccessRule },
  events: dischargeEventTypes,
  reactions: {},
};

export { dischargeIndicatorFacts } from './indicator-facts.ts';
export { listDischargeNotices } from './list-my-work.ts';
export { listOwnStays, type OwnStay, ownStaysExport } from './own-stays.ts';
