// Every module's scheduled jobs, registered by importing them; main.ts runs them on a timer and tests call
// runJobs with a clock of their choice.
import './modules/sip/remind-invitations.ts';
import './modules/sip/flag-not-convened.ts';
import './modules/deviations/flag-overdue.ts';
import './modules/agreements/warn-deadlines.ts';
import './modules/followup/refresh-figures.ts';
import './modules/followup/remind-actions.ts';
import './modules/needs-inventory/remind.ts';
// Mail about work: each notice above is mailed in its own transaction (hooks.ts); then the SIP follow-ups due,
// and last the daily digests, so a digest holds what this round found.
import './modules/notifications/hooks.ts';
import './modules/notifications/sip-follow-ups.ts';
import './modules/notifications/digests.ts';
