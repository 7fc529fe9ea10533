// The deviations module's public face: its manifest and what other modules use.
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { deviationEventTypes } from './events.ts';
import { flagOverdueJob } from './flag-overdue.ts';
import { deviationViewFilters } from './labels.ts';
import { deviationApiRoutes } from './routes.api.ts';
import { deviationWebRoutes } from './routes.web.ts';
import { deviationsUnitClosed } from './unit-work.ts';

export const deviationsModule: ModuleManifest = {
  name: 'deviations',
  apiRoutes: [deviationApiRoutes],
  webRoutes: [deviationWebRoutes],
  jobs: [flagOverdueJob],
  accessRules: {},
  events: deviationEventTypes,
  reactions: { unitClosed: deviationsUnitClosed },
  viewFilters: deviationViewFilters,
};

// The use cases, for the living demo (src/demo/living/case-stories.ts), which plays deviations through them.
export { answerDeviation } from './answer-deviation.ts';
export { closeDeviation } from './close-deviation.ts';
export { decideDeviation } from './decide-deviation.ts';
export { escalateDeviation } from './escalate-deviation.ts';
export { deviationIndicatorFacts } from './indicator-facts.ts';
export { deviationOutcomeLabels } from './labels.ts';
export { listDeviations, listOverdueForMyUnit } from './read-deviations.ts';
export { reportDeviation } from './report-deviation.ts';
export { listSuggestions } from './suggestions.ts';
export { unscopedDeviationDue, unscopedDeviationReceivingUnits } from './unscoped-reads.ts';
