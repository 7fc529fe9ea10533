// The SIP module's public face: its manifest and what other modules may ask of it. Other modules never read
// the SIP tables themselves: through the SIP's access rule (userSeesSip, visibleSipId), through the person's
// self rule on their own pages (own-sips.ts, change-own-consent.ts: the my-plans module), or through reads named
// unscoped that give no person data (unscoped-reads.ts, unscopedPersonHasSip).
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { sipAccessRule } from './access-rule.ts';
import { sipEventTypes } from './events.ts';
import { flagFollowUpsDueJob } from './flag-follow-ups-due.ts';
import { flagNotConvenedJob } from './flag-not-convened.ts';
import { sipViewFilters } from './labels.ts';
import { sipSelfAccessRule } from './own-sips.ts';
import { remindInvitationsJob } from './remind-invitations.ts';
import { sipOverviewApiRoutes } from './routes.api.overview.ts';
import { sipApiRoutes } from './routes.api.ts';
import { sipClosureWebRoutes } from './routes.web.closure.ts';
import { sipConsentWebRoutes } from './routes.web.consent.ts';
import { sipContentWebRoutes } from './routes.web.content.ts';
import { sipDocumentWebRoutes } from './routes.web.documents.ts';
import { sipInvitationWebRoutes } from './routes.web.invitations.ts';
import { sipLetterWebRoutes } from './routes.web.letter.ts';
import { sipOverviewWebRoutes } from './routes.web.overview.ts';
import { sipPlanWebRoutes } from './routes.web.plan.ts';
import { sipWebRoutes } from './routes.web.ts';
import { sipUnitClosed } from './unit-work.ts';

export const sipModule: ModuleManifest = {
  name: 'sip',
  apiRoutes: [sipApiRoutes, sipOverviewApiRoutes],
  webRoutes: [
    sipOverviewWebRoutes,
    sipWebRoutes,
    sipConsentWebRoutes,
    sipInvitationWebRoutes,
    sipPlanWebRoutes,
    sipContentWebRoutes,
    sipClosureWebRoutes,
    sipDocumentWebRoutes,
    sipLetterWebRoutes,
  ],
  jobs: [remindInvitationsJob, flagNotConvenedJob, flagFollowUpsDueJob],
  accessRules: { sip: sipAccessRule },
  objectLabels: { sip: 'SIP' },
  selfAccessRules: { sip: sipSelfAccessRule },
  events: sipEventTypes,
  reactions: { unitClosed: sipUnitClosed },
  viewFilters: sipViewFilters,
};

export { userSeesSip, visibleSipId } from './access-rule.ts';
// The use cases, for the living demo (src/demo/living/sip-stories.ts), which plays SIPs through them.
export { answerInvitation } from './answer-invitation.ts';
export {
  changeOwnConsent,
  consentNoticeText,
  listConsentNotices,
  type OwnConsentAct,
} from './change-own-consent.ts';
export { closeSip } from './close-sip.ts';
export { meetingIcs } from './documents/meeting-ics.ts';
export { type PlanDocument, planPdf } from './documents/plan-pdf.ts';
export { sipIndicatorFacts } from './indicator-facts.ts';
export { inviteUnits } from './invite-unit.ts';
export { lifeAreaLabel, lifeAreaRank } from './life-areas.ts';
export {
  listOverdueFollowUps,
  listPendingInvitations,
  listUnansweredInvitationFlags,
} from './list-my-work.ts';
export {
  listOwnSips,
  type OwnSip,
  ownSipsExport,
  readOwnSip,
  unscopedPersonHasSip,
} from './own-sips.ts';
export { planUnitIds, responsibleName } from './plan-units.ts';
export { printedPlanFrame } from './print-plan.ts';
export { recordConsent } from './record-consent.ts';
export { recordFollowUp } from './record-follow-up.ts';
export { savePlan } from './save-plan.ts';
// The discharge module starts the SIP of a discharge plan (plan kind SPU) with the same use case as the page.
export { type StartSipInput, startSip } from './start-sip.ts';
export {
  unscopedConsentChange,
  unscopedConveningUnit,
  unscopedInvitationMeeting,
  unscopedSipConsent,
  unscopedSipDeadlines,
  unscopedSipInvitation,
} from './unscoped-reads.ts';
export { withdrawConsent } from './withdraw-consent.ts';
