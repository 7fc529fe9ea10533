// The SIP module's public face: its manifest and what other modules may ask of it. Other modules never read
// the SIP tables themselves: through the SIP's access rule (userSeesSip, visibleSipId), or through reads named
// unscoped that give no person data (unscoped-reads.ts).
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { sipAccessRule } from './access-rule.ts';
import { sipEventTypes } from './events.ts';
import { flagFollowUpsDueJob } from './flag-follow-ups-due.ts';
import { flagNotConvenedJob } from './flag-not-convened.ts';
import { remindInvitationsJob } from './remind-invitations.ts';
import { sipApiRoutes } from './routes.api.ts';
import { sipClosureWebRoutes } from './routes.web.closure.ts';
import { sipConsentWebRoutes } from './routes.web.consent.ts';
import { sipDocumentWebRoutes } from './routes.web.documents.ts';
import { sipInvitationWebRoutes } from './routes.web.invitations.ts';
import { sipLetterWebRoutes } from './routes.web.letter.ts';
import { sipPlanWebRoutes } from './routes.web.plan.ts';
import { sipWebRoutes } from './routes.web.ts';
import { sipUnitClosed } from './unit-work.ts';

export const sipModule: ModuleManifest = {
  name: 'sip',
  apiRoutes: [sipApiRoutes],
  webRoutes: [
    sipWebRoutes,
    sipConsentWebRoutes,
    sipInvitationWebRoutes,
    sipPlanWebRoutes,
    sipClosureWebRoutes,
    sipDocumentWebRoutes,
    sipLetterWebRoutes,
  ],
  jobs: [remindInvitationsJob, flagNotConvenedJob, flagFollowUpsDueJob],
  accessRules: { sip: sipAccessRule },
  events: sipEventTypes,
  reactions: { unitClosed: sipUnitClosed },
};

export { userSeesSip, visibleSipId } from './access-rule.ts';
export { meetingIcs } from './documents/meeting-ics.ts';
export { sipIndicatorFacts } from './indicator-facts.ts';
export {
  listOverdueFollowUps,
  listPendingInvitations,
  listUnansweredInvitationFlags,
} from './list-my-work.ts';
// The discharge module starts the SIP of a discharge plan (plan kind SPU) with the same use case as the page.
export { type StartSipInput, startSip } from './start-sip.ts';
export {
  unscopedConveningUnit,
  unscopedInvitationMeeting,
  unscopedSipConsent,
  unscopedSipDeadlines,
  unscopedSipInvitation,
} from './unscoped-reads.ts';
