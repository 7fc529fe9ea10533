// The disputes module's public face: its manifest and what other modules use.
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { disputeEventTypes } from './events.ts';
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
};

export { disputeIndicatorFacts } from './indicator-facts.ts';
// Another module opens a dispute on the county's ladder with the same use case (a municipality disputing a paid day).
export { type OpenDisputeInput, openDispute } from './open-dispute.ts';
export { unscopedDisputeReceivingUnits } from './unscoped-reads.ts';
