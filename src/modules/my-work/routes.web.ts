import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../platform/http/context.ts';
import { filters } from '../../platform/views/filters.ts';
import { renderPage } from '../../platform/views/render.ts';
import { organisationNames } from '../organisations/queries.ts';
import {
  listOverdueFollowUps,
  listPendingInvitations,
  listUnansweredInvitationFlags,
} from '../sip/list-my-work.ts';

/**
 * "Mitt arbete": the start page. It gathers what waits for the user's unit: invitations to answer,
 * invitations to its SIPs not answered in time, SIPs whose follow-up is overdue; deviations to answer as
 * that capability lands.
 */
export const myWorkWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { config: { access: 'authenticated' } }, async (request, reply) => {
    const ctx = requireUser(request.ctx);
    const { user } = ctx;
    const invitations = await listPendingInvitations(ctx);
    const followUps = await listOverdueFollowUps(ctx);
    const unanswered = await listUnansweredInvitationFlags(ctx);
    const names = await organisationNames(ctx.db, {
      unitIds: [...invitations.map((i) => i.conveningUnitId), ...unanswered.map((u) => u.unitId)],
      principalIds: [],
    });
    return renderPage(request, reply, 'my-work/index.njk', {
      pageTitle: 'Mitt arbete',
      nav: 'mitt-arbete',
      me: user,
      roles: user.roles.map((r) => filters.role(r)).join(', '),
      invitations: invitations.map((i) => ({
        ...i,
        conveningName: names.unitWithPrincipal(i.conveningUnitId),
      })),
      followUps,
      unanswered: unanswered.map((u) => ({ ...u, unitName: names.unitWithPrincipal(u.unitId) })),
    });
  });
};
