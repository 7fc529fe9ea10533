// The disputes module's public face: its manifest and what other modules use.
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { disputeEventTypes } from './events.ts';
import { disputeViewFilters } from './labels.ts';
import { disputeApiRoutes } from './routes.api.ts';
import { disputeWebRoutes } from './routes.web.ts';
import { disputesUnitClosed } from './unit-work.ts';

export const disputesModule: ModuleManifest = {
  name: 'disputes',
  apiRoutes: [disputeApiRoutes],
  webRoutes: [disputeWebRoutes],
  jobs: [],
  accessRules: {},
  events: disputeEventTypes,
  reactions: { unitClosed: disputesUnitClosed },
  viewFilters: disputeViewFilters,
};

export { disputeIndicatorFacts } from './indicator-facts.ts';
// The use cases, for the living demo (src/demo/living/case-stories.ts), which plays disputes through them, and
// for another module that opens a dispute on the county's ladder (a municipality disputing a paid day).
export { type OpenDisputeInput, openDispute } from './open-dispute.ts';
export { addStatement, decideDispute, escalateDispute } from './proceed.ts';
export { unscopedDisputeReceivingUnits, unscopedDisputesOfSips } from './unscoped-reads.ts';
