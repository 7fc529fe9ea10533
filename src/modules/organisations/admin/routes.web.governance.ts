import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound, unprocessable } from '../../../platform/errors.ts';
import { requireUser, type UserContext } from '../../../platform/http/context.ts';
import { done, registerButton, registerFormPage } from '../../../platform/views/form-pages.ts';
import { labelItems } from '../../../platform/views/page-helpers.ts';
import { renderPage } from '../../../platform/views/render.ts';
import { bodyKindLabels } from '../labels.ts';
import { countyGovernance, countyWithPrincipals } from '../queries.ts';
import { type CaseKind, caseKinds, users } from '../schema.ts';
import { addCategory, changeCategory, listCountyCategories } from './county-rules.ts';
import { bodyForm, categoryForm, firstLevelForm, levelForm, memberForm } from './forms.ts';
import { addBodyMember, bodyInCounty, changeBody, createBody, removeBodyMember } from './governance.ts';
import { addLadderLevel, changeLadderLevel, removeLadderLevel } from './ladders.ts';
import { adminAccess as access } from './policy.ts';
import { banner } from './routes.web.shared.ts';

// "Samverkansorgan", "Eskaleringsordningar" and "Kategorier": a county's governance bodies and members, its
// ladders for deviations and for disputes, and its case categories. County administrators only.

const nav = 'administration' as const;
const kindLabel: Record<CaseKind, string> = { deviation: 'avvikelser', dispute: 'tvister' };
const kindSlug: Record<CaseKind, string> = { deviation: 'avvikelser', dispute: 'tvister' };
const kindOf = (slug: string): CaseKind => {
  const kind = caseKinds.find((k) => kindSlug[k] === slug);
  if (!kind) throw notFound();
  return kind;
};
const kindParam = z.enum(['avvikelser', 'tvister']);
const bodyParams = z.object({ id: z.string().min(1).max(200) });
const bodyPath = (id: string) => `/administration/organ/${encodeURIComponent(id)}`;
const toBodies = { href: '/administration/organ', text: 'Tillbaka till samverkansorganen' };
const toLadders = { href: '/administration/eskalering', text: 'Tillbaka till eskaleringsordningarna' };
const toCategories = { href: '/administration/kategorier', text: 'Tillbaka till kategorierna' };
const klart = z.object({ klart: z.string().max(40).optional() });

/** The county's municipalities and other principals as checkboxes, for which part of the county a body covers. */
async function coverageItems(ctx: UserContext, chosen: unknown) {
  const county = (await countyWithPrincipals(ctx.db, ctx.user.county.code))!;
  const picked = new Set([chosen ?? []].flat().map(String));
  return county.principals
    .filter((p) => p.kind === 'municipality')
    .map((p) => ({ value: p.id, text: p.name, checked: picked.has(p.id) }));
}

async function bodyItems(ctx: UserContext, chosen: unknown) {
  const { bodies } = await countyGovernance(ctx.db, ctx.user.county.code);
  const picked = new Set([chosen ?? []].flat().map(String));
  return bodies.map((b) => ({ value: b.id, text: b.name, checked: picked.has(b.id) }));
}

/** The form for a new body, or for changing one (`existing`: the body's id is in the path). */
const registerBodyPage = (app: FastifyInstance, path: string, title: string, existing: boolean) =>
  registerFormPage(app, {
    path,
    ...(existing ? { params: bodyParams } : {}),
    access,
    nav,
    view: 'administration/body-form.njk',
    title,
    form: bodyForm,
    firstField: 'name',
    load: async (ctx, p, state) => {
      const body = existing ? await bodyInCounty(ctx.db, ctx, p.id!) : null;
      const covers = body
        ? (await countyGovernance(ctx.db, ctx.user.county.code)).bodies.find((b) => b.id === body.id)!.covers
        : [];
      const county = (await countyWithPrincipals(ctx.db, ctx.user.county.code))!;
      const values =
        state.values ??
        (body
          ? {
              ...body,
              coversPrincipalIds: county.principals.filter((x) => covers.includes(x.name)).map((x) => x.id),
            }
          : {});
      return {
        back: body ? { href: bodyPath(body.id), text: `Tillbaka till ${body.name}` } : toBodies,
        values,
        model: {
          kindItems: [
            { value: '', text: 'Välj' },
            ...labelItems(bodyKindLabels, values.kind).map((i) => ({ ...i, selected: i.checked })),
          ],
          coverageItems: await coverageItems(ctx, values.coversPrincipalIds),
        },
      };
    },
    run: async (ctx, p, data: z.infer<typeof bodyForm>) => {
      const body = existing ? await changeBody(ctx, p.id!, data) : await createBody(ctx, data);
      return done(bodyPath(body.id), 'organ');
    },
  });

const levelParams = z.object({ kind: kindParam, level: z.coerce.number().int().min(1).max(100) });
/** A step of the county's ladder for the kind of case in the path (404 for a level it does not have). */
const loadLevel = async (ctx: UserContext, p: Record<string, string>) => {
  const kind = kindOf(p.kind!);
  const steps = (await countyGovernance(ctx.db, ctx.user.county.code)).ladders[kind];
  const step = steps.find((s) => s.level === Number(p.level));
  if (!step) throw notFound('Nivån finns inte i länets eskaleringsordning.');
  return { kind, step };
};
const categoryParams = z.object({ kind: kindParam, key: z.string().min(1).max(100) });

export const adminGovernanceWebRoutes: FastifyPluginAsyncZod = async (app) => {
  await bodyRoutes(app, {});
  await ladderRoutes(app, {});
  await levelChangeRoutes(app, {});
  await categoryRoutes(app, {});
  await categoryChangeRoutes(app, {});
};

/** The governance bodies: the list, a new body, changing one, its page with members added and removed. */
const bodyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/administration/organ',
    { config: { access }, schema: { querystring: klart } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const { bodies } = await countyGovernance(ctx.db, ctx.user.county.code);
      return renderPage(request, reply, 'administration/bodies.njk', {
        pageTitle: 'Samverkansorgan',
        nav,
        bodies,
        banner: banner(request.query.klart),
      });
    },
  );
  registerBodyPage(app, '/administration/organ/nytt', 'Nytt samverkansorgan', false);
  registerBodyPage(app, '/administration/organ/:id/andra', 'Ändra samverkansorganet', true);

  registerFormPage(app, {
    path: '/administration/organ/:id',
    params: bodyParams,
    access,
    nav,
    view: 'administration/body.njk',
    title: 'Samverkansorgan',
    form: memberForm,
    firstField: 'username',
    fieldIds: { userId: 'username' },
    load: async (ctx, p) => {
      const body = await bodyInCounty(ctx.db, ctx, p.id!);
      const detail = (await countyGovernance(ctx.db, ctx.user.county.code)).bodies.find(
        (b) => b.id === body.id,
      )!;
      return { back: toBodies, model: { body: detail } };
    },
    run: async (ctx, p, data: z.infer<typeof memberForm>) => {
      const [user] = await ctx.db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.username, data.username));
      if (!user)
        throw unprocessable('Det finns inget konto med det användarnamnet.', [
          { path: 'userId', message: 'Det finns inget konto med det användarnamnet' },
        ]);
      await addBodyMember(ctx, p.id!, user.id);
      return done(bodyPath(p.id!), 'ledamot');
    },
  });
  registerButton(app, {
    path: '/administration/organ/:id/ledamoter/:userId/ta-bort',
    params: z.object({ id: z.string().min(1).max(200), userId: z.string().min(1).max(100) }),
    access,
    back: (p) => ({ href: bodyPath(p.id!), text: 'Tillbaka till organet' }),
    run: async (ctx, p) => {
      await removeBodyMember(ctx, p.id!, p.userId!);
      return done(bodyPath(p.id!), 'ledamot');
    },
  });
};

/** The ladders for deviations and for disputes, and a new level in one. */
const ladderRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/administration/eskalering',
    { config: { access }, schema: { querystring: klart } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const { ladders } = await countyGovernance(ctx.db, ctx.user.county.code);
      return renderPage(request, reply, 'administration/ladders.njk', {
        pageTitle: 'Eskaleringsordningar',
        nav,
        ladders: caseKinds.map((k) => ({
          kind: k,
          slug: kindSlug[k],
          label: kindLabel[k],
          steps: ladders[k],
        })),
        banner: banner(request.query.klart),
      });
    },
  );

  registerFormPage(app, {
    path: '/administration/eskalering/:kind/ny-niva',
    params: z.object({ kind: kindParam }),
    access,
    nav,
    view: 'administration/level-form.njk',
    title: 'Ny nivå',
    form: levelForm,
    firstField: 'label',
    load: async (ctx, p, state) => {
      const kind = kindOf(p.kind!);
      const steps = (await countyGovernance(ctx.db, ctx.user.county.code)).ladders[kind];
      const chosen = String(state.values?.position ?? steps.length + 1);
      return {
        back: toLadders,
        caption: `Eskaleringsordning för ${kindLabel[kind]}`,
        model: {
          bodyItems: await bodyItems(ctx, state.values?.bodyIds),
          positionItems: [
            ...steps.slice(1).map((s) => ({
              value: String(s.level),
              text: `Nivå ${s.level}, under ${s.label}`,
              selected: chosen === String(s.level),
            })),
            {
              value: String(steps.length + 1),
              text: `Överst, som nivå ${steps.length + 1}`,
              selected: chosen === String(steps.length + 1),
            },
          ],
        },
      };
    },
    run: async (ctx, p, data: z.infer<typeof levelForm>) => {
      await addLadderLevel(ctx, kindOf(p.kind!), data);
      return done('/administration/eskalering', 'niva');
    },
  });
};

/** Changing a level of a ladder (level 1 has its own form), and removing one. */
const levelChangeRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const first of [false, true]) {
    registerFormPage(app, {
      path: first ? '/administration/eskalering/:kind/1' : '/administration/eskalering/:kind/:level',
      params: first ? z.object({ kind: kindParam }) : levelParams,
      access,
      nav,
      view: 'administration/level-form.njk',
      title: first ? 'Ändra nivå 1' : 'Ändra nivån',
      // Level 1 has no position to choose; it is the principals' managers, unless a deviation ladder gives it
      // bodies (Värmland's agreement sends deviations to its Beredningsgrupp, decision 0025).
      form: first ? firstLevelForm : levelForm,
      firstField: 'label',
      load: async (ctx, p, state) => {
        const { kind, step } = await loadLevel(ctx, { ...p, level: first ? '1' : p.level! });
        const values = state.values ?? {
          label: step.label,
          source: step.source,
          bodyIds: step.bodies.map((b) => b.id),
        };
        return {
          back: toLadders,
          caption: `Eskaleringsordning för ${kindLabel[kind]}, nivå ${step.level}`,
          values,
          model: {
            first,
            bodiesAtFirst: first && kind === 'deviation',
            bodyItems: !first || kind === 'deviation' ? await bodyItems(ctx, values.bodyIds) : [],
          },
        };
      },
      run: async (ctx, p, data: z.infer<typeof firstLevelForm> | z.infer<typeof levelForm>) => {
        const { position: _ignored, ...change } = data as Partial<z.infer<typeof levelForm>> & typeof data;
        await changeLadderLevel(ctx, kindOf(p.kind!), first ? 1 : Number(p.level), change);
        return done('/administration/eskalering', 'niva');
      },
    });
  }
  registerButton(app, {
    path: '/administration/eskalering/:kind/:level/ta-bort',
    params: levelParams,
    access,
    back: () => toLadders,
    run: async (ctx, p) => {
      await removeLadderLevel(ctx, kindOf(p.kind!), Number(p.level));
      return done('/administration/eskalering', 'niva');
    },
  });
};

/** The case categories of each kind, and a new category. */
const categoryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/administration/kategorier',
    { config: { access }, schema: { querystring: klart } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const lists = await Promise.all(
        caseKinds.map(async (k) => ({
          kind: k,
          slug: kindSlug[k],
          label: kindLabel[k],
          rows: await listCountyCategories(ctx.db, ctx.user.county.code, k),
        })),
      );
      return renderPage(request, reply, 'administration/categories.njk', {
        pageTitle: 'Kategorier',
        nav,
        lists,
        banner: banner(request.query.klart),
      });
    },
  );
  registerFormPage(app, {
    path: '/administration/kategorier/:kind/ny',
    params: z.object({ kind: kindParam }),
    access,
    nav,
    view: 'administration/category-form.njk',
    title: 'Ny kategori',
    form: categoryForm,
    firstField: 'label',
    load: async (_ctx, p) => ({
      back: toCategories,
      caption: `Kategorier för ${kindLabel[kindOf(p.kind!)]}`,
    }),
    run: async (ctx, p, data: z.infer<typeof categoryForm>) => {
      await addCategory(ctx, kindOf(p.kind!), data);
      return done('/administration/kategorier', 'kategori');
    },
  });
};

/** Renaming a category, removing, restoring and moving it. */
const categoryChangeRoutes: FastifyPluginAsyncZod = async (app) => {
  registerFormPage(app, {
    path: '/administration/kategorier/:kind/:key',
    params: categoryParams,
    access,
    nav,
    view: 'administration/category-form.njk',
    title: 'Byt namn på kategorin',
    form: categoryForm,
    firstField: 'label',
    load: async (ctx, p) => {
      const kind = kindOf(p.kind!);
      const row = (await listCountyCategories(ctx.db, ctx.user.county.code, kind)).find(
        (c) => c.key === p.key,
      );
      if (!row) throw notFound('Kategorin finns inte.');
      return {
        back: toCategories,
        caption: `Kategorier för ${kindLabel[kind]}`,
        values: { label: row.label },
      };
    },
    run: async (ctx, p, data: z.infer<typeof categoryForm>) => {
      await changeCategory(ctx, kindOf(p.kind!), p.key!, data);
      return done('/administration/kategorier', 'kategori');
    },
  });
  for (const [slug, change] of [
    ['ta-bort', { active: false }],
    ['aterstall', { active: true }],
    ['upp', { move: 'up' }],
    ['ner', { move: 'down' }],
  ] as const) {
    registerButton(app, {
      path: `/administration/kategorier/:kind/:key/${slug}`,
      params: categoryParams,
      access,
      back: () => toCategories,
      run: async (ctx, p) => {
        await changeCategory(ctx, kindOf(p.kind!), p.key!, change);
        return done('/administration/kategorier', 'kategori');
      },
    });
  }
};
