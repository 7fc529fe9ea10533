import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../http/context.ts';
import { formErrors } from '../views/form-errors.ts';
import { done, type FormState, postForm, registerFormPage } from '../views/form-pages.ts';
import { renderPage } from '../views/render.ts';
import { changeOwnPassword } from './change-password.ts';
import { choosePasswordWithLink, findPasswordLink } from './password-links.ts';
import { minPasswordLength } from './password-policy.ts';

// "Mitt konto" (any logged-in user: who they are, their roles, their password) and the page a password link
// opens (public: the link itself is the key, valid 24 hours, once).

const passwordHint = `Minst ${minPasswordLength} tecken. Välj gärna flera ord som bara du förknippar med varandra. Vanliga lösenord godtas inte.`;
const newPassword = z
  .object({
    newPassword: z.string({ error: 'Ange ett nytt lösenord' }).min(1, 'Ange ett nytt lösenord').max(1000),
    confirmPassword: z.string().max(1000).optional(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'Lösenorden är inte lika. Skriv samma lösenord två gånger.',
  });
const changeForm = z
  .object({
    currentPassword: z
      .string({ error: 'Ange ditt nuvarande lösenord' })
      .min(1, 'Ange ditt nuvarande lösenord')
      .max(1000),
  })
  .and(newPassword);

export const accountWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/konto',
    {
      config: { access: 'authenticated' },
      schema: { querystring: z.object({ klart: z.string().max(40).optional() }) },
    },
    async (request, reply) =>
      renderPage(request, reply, 'auth/account.njk', {
        pageTitle: 'Mitt konto',
        account: requireUser(request.ctx).user,
        banner:
          request.query.klart === 'losenord'
            ? 'Ditt lösenord är bytt. Dina andra inloggningar har avslutats.'
            : null,
      }),
  );

  registerFormPage(app, {
    path: '/konto/losenord',
    access: 'authenticated',
    nav: 'mitt-arbete',
    view: 'auth/change-password.njk',
    title: 'Byt lösenord',
    form: changeForm,
    firstField: 'currentPassword',
    fieldIds: { newPassword: 'newPassword' },
    load: async () => ({
      back: { href: '/konto', text: 'Tillbaka till Mitt konto' },
      values: {},
      model: { passwordHint },
    }),
    run: async (ctx, _p, data: z.infer<typeof changeForm>) => {
      await changeOwnPassword(ctx, data);
      return done('/konto', 'losenord');
    },
  });

  const params = z.object({ token: z.string().min(20).max(100) });
  const showChoose = async (
    request: Parameters<typeof renderPage>[0],
    reply: Parameters<typeof renderPage>[1],
    state: FormState = {},
  ) => {
    const { token } = request.params as { token: string };
    const link = await findPasswordLink(request.ctx.db, token, request.ctx.now);
    if (!link)
      return renderPage(request, reply.status(410), 'auth/link-gone.njk', {
        pageTitle: 'Länken gäller inte längre',
      });
    return renderPage(request, reply, 'auth/choose-password.njk', {
      pageTitle: link.purpose === 'welcome' ? 'Välj ditt lösenord' : 'Välj ett nytt lösenord',
      username: link.username,
      passwordHint,
      ...formErrors(state.errors, state.problem, 'newPassword', { password: 'newPassword' }),
    });
  };
  app.get('/losenord/:token', { config: { access: 'public' }, schema: { params } }, async (request, reply) =>
    showChoose(request, reply),
  );
  // What was typed is never shown again (a password); a chosen password the policy refuses is a 422 at its field.
  postForm(app, {
    path: '/losenord/:token',
    access: 'public',
    params,
    form: newPassword,
    show: (request, reply, state) =>
      showChoose(request, reply, { errors: state.errors, problem: state.problem }),
    run: async (request, data, _prepared, reply) => {
      const { token } = request.params as { token: string };
      const link = await findPasswordLink(request.ctx.db, token, request.ctx.now);
      if (!link) return showChoose(request, reply);
      await choosePasswordWithLink(request.ctx.db, request.ctx.now, token, data.newPassword);
      return '/logga-in?losenord=valt';
    },
  });
};
