import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../platform/http/context.ts';
import { renderPage } from '../../platform/views/render.ts';
import { listAgreementWarnings } from '../agreements/index.ts';
import { listDeviations, listOverdueForMyUnit, listSuggestions } from '../deviations/index.ts';
import { listDischargeNotices } from '../discharge/index.ts';
import { listOverdueActions } from '../followup/index.ts';
import { listInventoryNotices } from '../needs-inventory/index.ts';
import { organisationNames, roleLabel } from '../organisations/index.ts';
import {
  listConsentNotices,
  listOverdueFollowUps,
  listPendingInvitations,
  listUnansweredInvitationFlags,
} from '../sip/index.ts';
import { reviewsAccessLog, worksOnCases } from './policy.ts';

/** What each discharge notice tells the unit (the notice names the stay, the list the person, through the access rule). */
const dischargeNoticeTexts: Record<string, string> = {
  'discharge.admissionNotice': 'Inskrivningsmeddelande: kvittera och starta planeringen',
  'discharge.expectedDateChanged': 'Nytt beräknat datum för utskrivningsklar',
  'discharge.ready': 'Utskrivningsklar',
  'discharge.readyRevoked': 'Inte längre utskrivningsklar',
  'discharge.discharged': 'Utskriven',
  'discharge.sipNotCalled': 'Ingen SIP kallad inom tre dagar från beskedet om utskrivningsklar',
};

/**
 * "Mitt arbete": the start page. It gathers what waits for the user's unit: invitations to answer,
 * invitations to its SIPs not answered in time, SIPs whose follow-up is overdue; the discharge notices about
 * stays in inpatient care it takes part in; deviations waiting for the
 * user, those overdue, and deviations the SIP work suggests reporting; for agreement administrators, notice
 * deadlines and local agreements' follow-ups coming up; action plan actions the unit is late with; needs
 * inventories the unit is asked to enter records in, and a note when the county's next inventory is due; consent
 * the persons of the unit's SIPs changed themselves with e-ID (issue 26), with no name.
 */
export const myWorkWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { config: { access: 'authenticated' } }, async (request, reply) => {
    const ctx = requireUser(request.ctx);
    const { user } = ctx;
    const invitations = await listPendingInvitations(ctx);
    const followUps = await listOverdueFollowUps(ctx);
    const unanswered = await listUnansweredInvitationFlags(ctx);
    const discharge = await listDischargeNotices(ctx);
    const cases = worksOnCases(user);
    const deviationsToHandle = cases
      ? await listDeviations(ctx, { status: 'open', show: 'toHandle', page: { number: 1, size: 10 } })
      : { deviations: [], total: 0 };
    const overdueDeviations = cases ? await listOverdueForMyUnit(ctx) : [];
    const suggestions = cases ? await listSuggestions(ctx) : [];
    const agreementWarnings = await listAgreementWarnings(ctx);
    const overdueActions = await listOverdueActions(ctx);
    const inventories = await listInventoryNotices(ctx);
    const consentNotices = await listConsentNotices(ctx);
    const names = await organisationNames(ctx.db, {
      unitIds: [...invitations.map((i) => i.conveningUnitId), ...unanswered.map((u) => u.unitId)],
      principalIds: [],
    });
    return renderPage(request, reply, 'my-work/index.njk', {
      pageTitle: 'Mitt arbete',
      nav: 'mitt-arbete',
      me: user,
      accessLogLink: reviewsAccessLog(user),
      roles: user.roles.map((r) => roleLabel(r)).join(', '),
      invitations: invitations.map((i) => ({
        ...i,
        conveningName: names.unitWithPrincipal(i.conveningUnitId),
      })),
      followUps,
      discharge: discharge.map((n) => ({ ...n, text: dischargeNoticeTexts[n.kind] ?? n.kind })),
      unanswered: unanswered.map((u) => ({ ...u, unitName: names.unitWithPrincipal(u.unitId) })),
      cases,
      deviationsToHandle,
      overdueDeviations,
      suggestions,
      agreementWarnings,
      overdueActions,
      inventories,
      consentNotices,
    });
  });
};
