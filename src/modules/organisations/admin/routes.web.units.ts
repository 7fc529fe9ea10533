import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/http/context.ts';
import { done, registerFormPage } from '../../../platform/views/form-pages.ts';
import { renderPage } from '../../../platform/views/render.ts';
import {
  closeForm,
  moveForm,
  providerForm,
  renameForm,
  unitForm,
  unitHsaIdForm,
  unitKindForm,
} from './forms.ts';
import { adminAccess as access } from './policy.ts';
import { createPrivateProvider } from './principals.ts';
import { describeWork, listCountyUnits, loadUnitForAdmin } from './read-units.ts';
import { banner, principalOptions } from './routes.web.shared.ts';
import { closeUnit, createUnit, moveUnit, renameUnit, setUnitHsaId, setUnitKind } from './units.ts';

// "Enheter": the county's units by principal; create, rename, move, close. County administrators only.

const nav = 'administration' as const;
const params = z.object({ id: z.string().min(1).max(100) });
const unitPath = (id: string) => `/administration/enheter/${encodeURIComponent(id)}`;
const toList = { href: '/administration/enheter', text: 'Tillbaka till enheterna' };
/** The unit of a page's path, with the way back to it and the caption its forms show. */
const openUnit = async (ctx: Parameters<typeof loadUnitForAdmin>[0], id: string) => {
  const unit = await loadUnitForAdmin(ctx, id);
  return {
    unit,
    back: { href: unitPath(id), text: `Tillbaka till ${unit.name}` },
    caption: unit.principalName,
  };
};

export const adminUnitWebRoutes: FastifyPluginAsyncZod = async (app) => {
  await listAndNewRoutes(app, {});
  await unitRoutes(app, {});
  await kindRoutes(app, {});
  await moveAndCloseRoutes(app, {});
};

/** The county's units by principal, and a new unit. */
const listAndNewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/administration/enheter',
    {
      config: { access },
      schema: {
        querystring: z.object({
          huvudman: z.string().max(200).optional(),
          klart: z.string().max(40).optional(),
        }),
      },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const units = await listCountyUnits(ctx.db, ctx.user.county.code, {
        principalId: request.query.huvudman || undefined,
      });
      const groups = new Map<string, typeof units>();
      for (const u of units) groups.set(u.principalName, [...(groups.get(u.principalName) ?? []), u]);
      return renderPage(request, reply, 'administration/units.njk', {
        pageTitle: 'Enheter',
        nav,
        groups: [...groups].map(([principal, rows]) => ({ principal, rows })),
        principalItems: [
          { value: '', text: 'Alla huvudmän' },
          ...(await principalOptions(ctx, request.query.huvudman ?? '')),
        ],
        banner: banner(request.query.klart),
      });
    },
  );

  registerFormPage(app, {
    path: '/administration/enheter/ny',
    access,
    nav,
    view: 'administration/unit-form.njk',
    title: 'Ny enhet',
    form: unitForm,
    firstField: 'principalId',
    load: async (ctx, _p, state) => ({
      back: toList,
      model: { principalItems: await principalOptions(ctx, String(state.values?.principalId ?? ''), true) },
    }),
    run: async (ctx, _p, data: z.infer<typeof unitForm>) =>
      done(unitPath((await createUnit(ctx, data)).id), 'skapad'),
  });

  // A private provider under contract is a principal of its own, kept beside the units (there is no other
  // administration of principals): its units are then made with "Ny enhet".
  registerFormPage(app, {
    path: '/administration/vardgivare/ny',
    access,
    nav,
    view: 'administration/provider-form.njk',
    title: 'Ny privat vårdgivare på uppdrag',
    form: providerForm,
    firstField: 'name',
    load: async (ctx, _p, state) => {
      const chosen = String(state.values?.contractedByPrincipalId ?? '');
      const items = await principalOptions(ctx, chosen, true, ['region', 'municipality']);
      return { back: toList, model: { contractingItems: items } };
    },
    run: async (ctx, _p, data: z.infer<typeof providerForm>) => {
      const created = await createPrivateProvider(ctx, data);
      return done(`/administration/enheter?huvudman=${encodeURIComponent(created.id)}`, 'vardgivare');
    },
  });
};

/** One unit's page, its name and its HSA-id. */
const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/administration/enheter/:id',
    {
      config: { access },
      schema: { params, querystring: z.object({ klart: z.string().max(40).optional() }) },
    },
    async (request, reply) => {
      const unit = await loadUnitForAdmin(requireUser(request.ctx), request.params.id);
      return renderPage(request, reply, 'administration/unit.njk', {
        pageTitle: unit.name,
        nav,
        unit,
        work: describeWork(unit.work),
        banner: banner(request.query.klart),
      });
    },
  );
  registerFormPage(app, {
    path: '/administration/enheter/:id/namn',
    params,
    access,
    nav,
    view: 'administration/unit-rename.njk',
    title: 'Byt namn på enheten',
    form: renameForm,
    firstField: 'name',
    load: async (ctx, p) => {
      const { unit, back, caption } = await openUnit(ctx, p.id!);
      return { back, caption, values: { name: unit.name }, model: { unit } };
    },
    run: async (ctx, p, data: z.infer<typeof renameForm>) => {
      await renameUnit(ctx, p.id!, data);
      return done(unitPath(p.id!), 'namn');
    },
  });

  registerFormPage(app, {
    path: '/administration/enheter/:id/hsa-id',
    params,
    access,
    nav,
    view: 'administration/unit-hsa-id.njk',
    title: 'Enhetens HSA-id',
    form: unitHsaIdForm,
    firstField: 'hsaId',
    load: async (ctx, p) => {
      const { unit, back, caption } = await openUnit(ctx, p.id!);
      return { back, caption, values: { hsaId: unit.hsaId ?? '' }, model: { unit } };
    },
    run: async (ctx, p, data: z.infer<typeof unitHsaIdForm>) => {
      await setUnitHsaId(ctx, p.id!, data);
      return done(unitPath(p.id!), 'hsa-id');
    },
  });
};

/** A unit's kind: whether it is a care unit, a governance body's unit or an administrative unit. */
const kindRoutes: FastifyPluginAsyncZod = async (app) => {
  registerFormPage(app, {
    path: '/administration/enheter/:id/sort',
    params,
    access,
    nav,
    view: 'administration/unit-kind.njk',
    title: 'Vad är enheten?',
    form: unitKindForm,
    firstField: 'kind',
    load: async (ctx, p) => {
      const { unit, back, caption } = await openUnit(ctx, p.id!);
      return { back, caption, values: { kind: unit.kind }, model: { unit } };
    },
    run: async (ctx, p, data: z.infer<typeof unitKindForm>) => {
      await setUnitKind(ctx, p.id!, data);
      return done(unitPath(p.id!), 'sort');
    },
  });
};

/** Moving a unit to another principal, and closing it. */
const moveAndCloseRoutes: FastifyPluginAsyncZod = async (app) => {
  registerFormPage(app, {
    path: '/administration/enheter/:id/flytta',
    params,
    access,
    nav,
    view: 'administration/unit-move.njk',
    title: 'Flytta enheten till en annan huvudman',
    form: moveForm,
    firstField: 'principalId',
    load: async (ctx, p, state) => {
      const { unit, back, caption } = await openUnit(ctx, p.id!);
      const chosen = String(state.values?.principalId ?? '');
      const items = (await principalOptions(ctx, chosen, true)).filter((i) => i.value !== unit.principalId);
      return { back, caption, model: { unit, principalItems: items } };
    },
    run: async (ctx, p, data: z.infer<typeof moveForm>) => {
      await moveUnit(ctx, p.id!, data);
      return done(unitPath(p.id!), 'flyttad');
    },
  });

  registerFormPage(app, {
    path: '/administration/enheter/:id/stang',
    params,
    access,
    nav,
    view: 'administration/unit-close.njk',
    title: 'Stäng enheten',
    form: closeForm,
    firstField: 'successorUnitId',
    load: async (ctx, p, state) => {
      const { unit, back, caption } = await openUnit(ctx, p.id!);
      const siblings = (
        await listCountyUnits(ctx.db, ctx.user.county.code, { principalId: unit.principalId })
      ).filter((u) => u.active && u.id !== unit.id);
      const chosen = String(state.values?.successorUnitId ?? '');
      return {
        back,
        caption,
        model: {
          unit,
          work: describeWork(unit.work),
          successorItems: [
            { value: '', text: 'Välj enhet' },
            ...siblings.map((u) => ({ value: u.id, text: u.name, selected: u.id === chosen })),
            { value: 'ingen', text: 'Ingen enhet tar över', selected: chosen === 'ingen' },
          ],
          activeAccounts: unit.accounts.filter((a) => a.active).length,
        },
      };
    },
    run: async (ctx, p, data: z.infer<typeof closeForm>) => {
      await closeUnit(ctx, p.id!, data);
      return done(unitPath(p.id!), 'stangd');
    },
  });
};
