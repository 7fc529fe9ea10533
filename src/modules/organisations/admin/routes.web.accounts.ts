import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../../platform/errors.ts';
import { requireUser } from '../../../platform/http/context.ts';
import { type FieldMessage, formErrors } from '../../../platform/views/form-errors.ts';
import { done, postForm, registerButton, registerFormPage } from '../../../platform/views/form-pages.ts';
import { listSummary, pagination } from '../../../platform/views/page-helpers.ts';
import { renderPage } from '../../../platform/views/render.ts';
import {
  changeAccount,
  createAccount,
  deactivateAccount,
  reactivateAccount,
  sendPasswordReset,
} from './accounts.ts';
import { accountChangeForm, accountForm, accountIdentityNumberForm } from './forms.ts';
import { importAccounts, importHelp, maxImportRows } from './import-accounts.ts';
import { adminAccess as access } from './policy.ts';
import { listAccounts, loadAccountForAdmin } from './read-accounts.ts';
import { refuseSelfChange } from './role-grants.ts';
import { banner, roleItems, unitOptions } from './routes.web.shared.ts';

// "Konton": the county's staff accounts; create, change roles and unit, deactivate, send a password link,
// and import many from a CSV file. County administrators only.

const nav = 'administration' as const;
const params = z.object({ id: z.string().min(1).max(100) });
const accountPath = (id: string) => `/administration/konton/${encodeURIComponent(id)}`;
const toList = { href: '/administration/konton', text: 'Tillbaka till kontona' };
const fieldIds = { unitId: 'unitId', roles: 'roles' };
// A multipart form: the file (a Buffer from @fastify/multipart; a text field is no file) and the CSRF token.
const importForm = z.object({ file: z.union([z.instanceof(Buffer), z.string()]).optional() });
const importedText = (file: unknown) => (Buffer.isBuffer(file) ? file.toString('utf8') : '');
const back = (p: Record<string, string>) => ({ href: accountPath(p.id!), text: 'Tillbaka till kontot' });

/** The import page: its help, and after a post the accounts made or each row's problem. */
const showImport = (
  request: Parameters<typeof renderPage>[0],
  reply: Parameters<typeof renderPage>[1],
  state: {
    errors?: FieldMessage[] | undefined;
    problem?: Problem | undefined;
    imported?: { username: string; name: string; unitName: string }[];
  } = {},
) =>
  renderPage(request, reply, 'administration/import.njk', {
    pageTitle: 'Importera konton från fil',
    nav,
    back: toList,
    help: {
      columns: importHelp.columns,
      optionalColumns: importHelp.optionalColumns,
      roles: importHelp.roles(),
      maxRows: maxImportRows,
    },
    rowErrors: (state.problem?.errors ?? [])
      .filter((e) => e.path.startsWith('rad.'))
      .map((e) => {
        const [, line, field] = e.path.split('.');
        return { line, field, text: e.message.replace(/^Rad \d+: /, '') };
      }),
    imported: state.imported,
    // The rows' errors are listed in a table of their own; the summary gives the whole and links to the file.
    ...formErrors(
      state.errors,
      state.problem?.status === 422
        ? new Problem(422, state.problem.title, state.problem.detail)
        : state.problem,
      'file',
    ),
  });

export const adminAccountWebRoutes: FastifyPluginAsyncZod = async (app) => {
  await listAndNewRoutes(app, {});
  await accountRoutes(app, {});
  await identityAndStatusRoutes(app, {});
  await importRoutes(app, {});
};

/** The county's accounts, filtered and paged, and a new account. */
const listAndNewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/administration/konton',
    {
      config: { access },
      schema: {
        querystring: z.object({
          q: z.string().max(200).optional(),
          enhet: z.string().max(100).optional(),
          sida: z.coerce.number().int().min(1).max(10000).default(1),
          klart: z.string().max(40).optional(),
        }),
      },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const { q = '', enhet = '', sida } = request.query;
      const found = await listAccounts(ctx.db, ctx.user.county.code, {
        q,
        unitId: enhet || undefined,
        page: sida,
      });
      const list = { path: '/administration/konton', filters: { q, enhet }, page: sida, size: found.size };
      return renderPage(request, reply, 'administration/accounts.njk', {
        pageTitle: 'Konton',
        nav,
        q,
        unitItems: (await unitOptions(ctx, enhet)).map((i) =>
          i.value === '' ? { ...i, text: 'Alla enheter' } : i,
        ),
        accounts: found.accounts,
        summary: listSummary(list, found.total, { one: 'konto', many: 'konton' }),
        pagination: pagination(list, found.total),
        banner: banner(request.query.klart),
      });
    },
  );

  registerFormPage(app, {
    path: '/administration/konton/nytt',
    access,
    nav,
    view: 'administration/account-form.njk',
    title: 'Nytt konto',
    form: accountForm,
    firstField: 'name',
    fieldIds,
    load: async (ctx, _p, state) => ({
      back: toList,
      model: {
        unitItems: await unitOptions(ctx, String(state.values?.unitId ?? '')),
        roleItems: roleItems(state.values?.roles ?? 'staff'),
        isNew: true,
      },
    }),
    run: async (ctx, _p, data: z.infer<typeof accountForm>) =>
      done(accountPath((await createAccount(ctx, data)).id), 'konto'),
  });
};

/** One account's page, and changing its name, e-mail, unit, roles and HSA-id. */
const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/administration/konton/:id',
    {
      config: { access },
      schema: { params, querystring: z.object({ klart: z.string().max(40).optional() }) },
    },
    async (request, reply) => {
      const account = await loadAccountForAdmin(requireUser(request.ctx), request.params.id);
      return renderPage(request, reply, 'administration/account.njk', {
        pageTitle: account.name,
        nav,
        account,
        own: account.id === request.ctx.user?.id,
        banner: banner(request.query.klart),
      });
    },
  );

  registerFormPage(app, {
    path: '/administration/konton/:id/andra',
    params,
    access,
    nav,
    view: 'administration/account-form.njk',
    title: 'Ändra kontot',
    form: accountChangeForm,
    firstField: 'name',
    fieldIds,
    load: async (ctx, p, state) => {
      const a = await loadAccountForAdmin(ctx, p.id!);
      const values = state.values ?? {
        name: a.name,
        email: a.email ?? '',
        unitId: a.unitId,
        roles: a.roles,
        hsaId: a.hsaId ?? '',
      };
      return {
        back: { href: accountPath(a.id), text: `Tillbaka till ${a.name}` },
        caption: a.username,
        values,
        model: {
          unitItems: await unitOptions(ctx, String(values.unitId ?? '')),
          roleItems: roleItems(values.roles),
        },
      };
    },
    run: async (ctx, p, data: z.infer<typeof accountChangeForm>) => {
      await changeAccount(ctx, p.id!, data);
      return done(accountPath(p.id!), 'andrat');
    },
  });
};

/** The identity number for e-ID logins; deactivating, reactivating, and sending a password link. */
const identityAndStatusRoutes: FastifyPluginAsyncZod = async (app) => {
  // The holder's identity number, where the county matches e-ID logins by it (issue 24): only a keyed hash is
  // kept, so the form never shows a number; an administrator's own is another administrator's to set.
  registerFormPage(app, {
    path: '/administration/konton/:id/personnummer',
    params,
    access,
    nav,
    view: 'administration/account-identity-number.njk',
    title: 'Personnummer för inloggning',
    form: accountIdentityNumberForm,
    firstField: 'identityNumber',
    load: async (ctx, p) => {
      if (p.id === ctx.user.id) refuseSelfChange('ändra HSA-id eller personnummer på ditt eget konto');
      const a = await loadAccountForAdmin(ctx, p.id!);
      return {
        back: { href: accountPath(a.id), text: `Tillbaka till ${a.name}` },
        caption: a.name,
        values: { identityNumber: '' },
        model: { identityNumberSet: a.identityNumberSet },
      };
    },
    run: async (ctx, p, data: z.infer<typeof accountIdentityNumberForm>) => {
      await changeAccount(ctx, p.id!, { identityNumber: data.identityNumber });
      return done(accountPath(p.id!), data.identityNumber ? 'personnummer' : 'personnummer-borttaget');
    },
  });
  for (const [slug, run, code] of [
    ['inaktivera', deactivateAccount, 'inaktiverat'],
    ['aktivera', reactivateAccount, 'aktiverat'],
    ['losenordslank', sendPasswordReset, 'lank'],
  ] as const) {
    registerButton(app, {
      path: `/administration/konton/:id/${slug}`,
      params,
      access,
      back,
      run: async (ctx, p) => {
        await run(ctx, p.id!);
        return done(accountPath(p.id!), code);
      },
    });
  }
};

/** Importing accounts from a CSV file. */
const importRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/administration/konton/import', { config: { access } }, async (request, reply) =>
    showImport(request, reply),
  );
  // The import answers with the accounts it made (or every row's problem): there is no page to redirect to.
  postForm(app, {
    path: '/administration/konton/import',
    access,
    form: importForm,
    everyProblemInForm: true,
    show: showImport,
    check: (_request, posted) =>
      importedText(posted.file).trim()
        ? []
        : [{ field: 'file', text: 'Välj en CSV-fil med konton att importera' }],
    run: async (request, data, _prepared, reply) => {
      const result = await importAccounts(requireUser(request.ctx), importedText(data.file));
      return showImport(request, reply, { imported: result.imported });
    },
  });
};
