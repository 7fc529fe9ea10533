import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paging, pagingFields, sendSlice } from '../../../platform/http/api-paging.ts';
import { requireUser } from '../../../platform/http/context.ts';
import { adminAccess } from './policy.ts';
import { confirmSettings, listSettingsToConfirm } from './settings-to-confirm.ts';

// The county's own settings to confirm (API.md "Administration"): the list, and a confirmation of one or of
// all. County administrators only; a setting is looked up in their own county, so another county's is 404.

const tags = ['Administration'];
const security = [{ bearer: [] }];
const config = { access: adminAccess };
const setting = z.object({ key: z.string(), label: z.string(), assumption: z.string() });
const confirmed = z.object({ confirmed: z.array(setting) });

export const adminSettingsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/settings-to-confirm',
    {
      config,
      schema: { tags, security, querystring: z.object(pagingFields), response: { 200: z.array(setting) } },
    },
    async (request, reply) =>
      sendSlice(request, reply, await listSettingsToConfirm(requireUser(request.ctx)), paging(request.query)),
  );
  app.post(
    '/api/admin/settings-to-confirm/confirmation',
    { config, schema: { tags, security, body: z.object({}).optional(), response: { 200: confirmed } } },
    async (request) => ({ confirmed: await confirmSettings(requireUser(request.ctx)) }),
  );
  app.post(
    '/api/admin/settings-to-confirm/:setting/confirmation',
    {
      config,
      schema: {
        tags,
        security,
        params: z.object({ setting: z.string().min(1).max(100) }),
        body: z.object({}).optional(),
        response: { 200: confirmed },
      },
    },
    async (request) => ({
      confirmed: await confirmSettings(requireUser(request.ctx), request.params.setting),
    }),
  );
};
