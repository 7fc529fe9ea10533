import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole } from '../../platform/auth/current-user.ts';
import { forbidden } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/context.ts';
import { overviewKinds, overviewWeeks, readOverview } from './overview.ts';
import { sipSchema } from './present.ts';
import { markProtectedIdentity } from './protected-identity.ts';

// The SIP overview and marking a person's protected identity. Staff and managers of care units call them;
// whether a given SIP is in the overview, or may be marked, is the SIP's access rule's call.
const access = { access: ['staff', 'manager'] as const };
const security = [{ bearer: [] }];
const tags = ['SIP'];
const params = z.object({ id: z.string().min(1).max(100) });

const person = z.object({ id: z.string(), name: z.string(), personalIdentityNumber: z.string() });
const count = z.number().int().nullable();

/** API.md's SipOverview. A list not asked for (kinds) is null. */
export const overviewSchema = z.object({
  from: z.string(),
  to: z.string(),
  meetings: z
    .array(
      z.object({
        sipId: z.string(),
        invitationId: z.string(),
        meetingAt: z.string(),
        unitId: z.string(),
        conveningUnitId: z.string(),
        answered: z.boolean(),
        person,
      }),
    )
    .nullable(),
  plansWaiting: z
    .array(z.object({ sipId: z.string(), conveningUnitId: z.string(), hasPlan: z.boolean(), person }))
    .nullable(),
  followUpsDue: z
    .array(
      z.object({
        sipId: z.string(),
        followUpDueOn: z.string(),
        overdue: z.boolean(),
        overallUnitId: z.string().nullable(),
        person,
      }),
    )
    .nullable(),
  units: z
    .array(
      z.object({
        unitId: z.string(),
        name: z.string(),
        meetings: count,
        plansWaiting: count,
        followUpsDue: count,
      }),
    )
    .nullable(),
});

const overviewQuery = z.object({
  weeks: z.coerce
    .number()
    .int()
    .refine((n) => (overviewWeeks as readonly number[]).includes(n), 'weeks: 1, 2, 4 or 8')
    .default(4),
  kind: z.enum(overviewKinds).optional(),
  scope: z.enum(['unit', 'principal']).default('unit'),
});

export const sipOverviewApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/sips/overview',
    {
      config: access,
      schema: { tags, security, querystring: overviewQuery, response: { 200: overviewSchema } },
    },
    async (request) => {
      const ctx = requireUser(request.ctx);
      const { weeks, kind, scope } = request.query;
      if (scope === 'principal' && !hasRole(ctx.user, 'manager'))
        throw forbidden('Bara chefer ser översikten för huvudmannens alla enheter.');
      return readOverview(ctx, {
        weeks,
        kinds: kind ? [kind] : overviewKinds,
        principalUnits: scope === 'principal',
      });
    },
  );

  app.post(
    '/api/sips/:id/protected-identity',
    {
      config: access,
      schema: {
        tags,
        security,
        params,
        body: z.object({ confirmed: z.literal(true) }),
        response: { 200: sipSchema },
      },
    },
    async (request) => markProtectedIdentity(requireUser(request.ctx), request.params.id),
  );
};
