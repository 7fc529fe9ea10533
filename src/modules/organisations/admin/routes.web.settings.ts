import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { done, registerButton } from '../../../platform/views/form-pages.ts';
import { adminAccess as access } from './policy.ts';
import { confirmSettings } from './settings-to-confirm.ts';

// The county's own settings to confirm, from the administration's start page (which lists them): a button
// per setting and one for all. County administrators only, their own county's settings only.

const start = { href: '/administration', text: 'Tillbaka till administrationen' };

export const adminSettingsWebRoutes: FastifyPluginAsyncZod = async (app) => {
  registerButton(app, {
    path: '/administration/installningar/:setting/bekrafta',
    params: z.object({ setting: z.string().min(1).max(100) }),
    access,
    back: () => start,
    run: async (ctx, p) => {
      await confirmSettings(ctx, p.setting!);
      return done('/administration', 'bekraftad');
    },
  });
  registerButton(app, {
    path: '/administration/installningar/bekrafta-alla',
    access,
    back: () => start,
    run: async (ctx) => {
      await confirmSettings(ctx);
      return done('/administration', 'bekraftade');
    },
  });
};
