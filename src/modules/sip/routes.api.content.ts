import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/context.ts';
import { lifeAreaCodes } from './life-areas.ts';
import { sipSchema } from './present.ts';
import { recordAssessment } from './record-assessment.ts';
import { recordMeeting } from './record-meeting.ts';
import { personsParticipations } from './schema.ts';

// The SIP's content around the plan (issue 22): each unit's needs assessment, and the meetings as held. Like the
// plan, for the units that take part (rules.ts); whether the caller sees the SIP is the access rule's call (404).

const access = { access: ['staff', 'manager'] as const };
const security = [{ bearer: [] }];
const tags = ['SIP'];
const params = z.object({ id: z.string().min(1).max(100) });
const text = (max: number) => z.string().trim().min(1).max(max);

const assessmentBody = z.object({
  areas: z
    .array(
      z.object({
        area: z.enum(lifeAreaCodes),
        situation: z.string().max(4000),
        strengths: z.string().max(4000).optional(),
        wishes: z.string().max(4000).optional(),
      }),
    )
    .max(lifeAreaCodes.length),
});

const meetingBody = z.object({
  heldOn: z.iso.date(),
  personsParticipation: z.enum(personsParticipations),
  participants: z
    .array(
      z.discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('unit'),
          unitId: z.string().min(1).max(100),
          role: text(200),
          attended: z.boolean(),
        }),
        z.strictObject({
          kind: z.enum(['relative', 'external']),
          name: text(200),
          role: text(200),
          attended: z.boolean(),
        }),
      ]),
    )
    .max(50),
  notes: z.string().max(4000).optional(),
});

export const sipContentApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/api/sips/:id/assessment',
    {
      config: access,
      schema: { tags, security, params, body: assessmentBody, response: { 200: sipSchema } },
    },
    async (request) => recordAssessment(requireUser(request.ctx), request.params.id, request.body),
  );

  app.post(
    '/api/sips/:id/meetings',
    {
      config: access,
      schema: { tags, security, params, body: meetingBody, response: { 201: sipSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await recordMeeting(requireUser(request.ctx), request.params.id, request.body)),
  );
};
