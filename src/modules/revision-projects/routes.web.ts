import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CurrentUser } from '../../platform/auth/current-user.ts';
import { conflict, forbidden, notFound, type Problem } from '../../platform/errors.ts';
import { requireUser, type UserContext } from '../../platform/http/context.ts';
import { registerFormPage } from '../../platform/views/form-pages.ts';
import { renderPage } from '../../platform/views/render.ts';
import { compareSections } from '../agreements/index.ts';
import { listCounties } from '../organisations/index.ts';
import { decideChange, proposeChange } from './change-requests.ts';
import { joinChangeRuns, sectionDepths, textBlocks } from './directive.ts';
import { decisionForm, deliverableStatusForm, proposeForm, reportForm } from './forms.ts';
import { changeRequestStatusLabels, deliverableStatusLabels } from './labels.ts';
import { mayAdminister, mayDecide } from './policy.ts';
import type { ProjectView } from './present.ts';
import {
  addReport,
  notAdministering as refusedToNonAdministrators,
  setDeliverableStatus,
} from './progress.ts';
import {
  compareDirectiveVersions,
  listProjects,
  readDirectiveVersion,
  readProject,
} from './read-projects.ts';
import type { DirectiveSection } from './schema.ts';

type Params = Record<string, string>;

// Access on every page: anyone logged in reads a revision project, its directive and the comparison of its
// versions. The forms are offered only to those who may send them, and the use cases check the same again:
// the county's agreement administrators report, set deliverable status and propose changes; members of the
// project's steering body decide the proposals.
const base = '/overenskommelser/revideringar';
const nav = 'overenskommelser' as const;
const readers = { access: 'authenticated' } as const;
const administrators = ['agreementAdmin'] as const;
const deciders = ['governance'] as const;
const idParam = z.string().min(1).max(100);
const params = z.object({ id: idParam });
const projectPath = (id: string) => `${base}/${encodeURIComponent(id)}`;
export const revisionProjectWebRoutes: FastifyPluginAsyncZod = async (app) => {
  await projectRoutes(app, {});
  await directiveRoutes(app, {});
  registerProgressForms(app);
  registerChangeForms(app);
};

/** The county's revision projects, and a project's page. */
const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    base,
    { config: readers, schema: { querystring: z.object({ lan: z.string().max(10).optional() }) } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const counties = await listCounties(ctx.db);
      const chosen = counties.find((c) => c.code === request.query.lan) ?? ctx.user.county;
      const county = counties.find((c) => c.code === chosen.code)!;
      return renderPage(request, reply, 'revision-projects/list.njk', {
        pageTitle: 'Revideringsuppdrag',
        nav,
        county,
        projects: await listProjects(ctx, county.code),
        countyItems: counties.map((c) => ({ value: c.code, text: c.name, selected: c.code === county.code })),
      });
    },
  );

  app.get(`${base}/:id`, { config: readers, schema: { params } }, async (request, reply) => {
    const ctx = requireUser(request.ctx);
    const p = await readProject(ctx, request.params.id);
    return renderPage(request, reply, 'revision-projects/show.njk', {
      pageTitle: p.title,
      nav,
      p,
      can: { administer: mayAdminister(ctx.user, p), decide: mayDecide(ctx.user, p.steeringBody.id) },
      phaseName: Object.fromEntries(p.phases.map((ph) => [ph.id, ph.name])),
      deliverableTags: Object.fromEntries(
        p.deliverables.map((d) => [d.id, deliverableStatusLabels[d.status].tag]),
      ),
      requestTags: Object.fromEntries(
        p.changeRequests.map((c) => [c.id, changeRequestStatusLabels[c.status].tag]),
      ),
      phases: p.phases.map((ph) => ({ ...ph, blocks: textBlocks(ph.description) })),
      sections: withDepth(p.directive?.sections ?? []),
      reports: [...p.reports].reverse(),
      changeRequests: [...p.changeRequests].reverse(),
    });
  });
};

/** The directive: two versions compared, and one version. */
const directiveRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    `${base}/:id/direktiv/jamfor`,
    {
      config: readers,
      schema: {
        params,
        querystring: z.object({
          fran: z.coerce.number().int().min(1).max(100000).optional(),
          till: z.coerce.number().int().min(1).max(100000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const p = await readProject(ctx, request.params.id);
      const latest = p.directive?.number ?? 1;
      const till = request.query.till ?? latest;
      const fran = request.query.fran ?? Math.max(1, till - 1);
      const comparison = await compareDirectiveVersions(ctx, p.id, fran, till);
      const changed = comparison.sections.filter((s) => s.change !== 'unchanged');
      const versionItems = (chosen: number) =>
        p.versions.map((v) => ({
          value: String(v.number),
          text: `Version ${v.number} (${v.decidedOn})`,
          selected: v.number === chosen,
        }));
      return renderPage(request, reply, 'revision-projects/compare.njk', {
        pageTitle: `Jämför direktivets version ${fran} och ${till}`,
        nav,
        p,
        comparison,
        changed: changed.map((s) => ({ ...s, headingLevel: Math.min(3 + s.depth, 6) })),
        unchanged: comparison.sections.filter((s) => s.change === 'unchanged'),
        fromItems: versionItems(fran),
        toItems: versionItems(till),
      });
    },
  );

  app.get(
    `${base}/:id/direktiv/:nummer`,
    {
      config: readers,
      schema: { params: z.object({ id: idParam, nummer: z.coerce.number().int().min(1).max(100000) }) },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const p = await readProject(ctx, request.params.id);
      const version = await readDirectiveVersion(ctx, p.id, request.params.nummer);
      return renderPage(request, reply, 'revision-projects/version.njk', {
        pageTitle: `Direktivet, version ${version.number}`,
        nav,
        p,
        version,
        sections: withDepth(version.sections),
        madeBy: p.changeRequests.find((c) => c.id === version.changeRequestId) ?? null,
      });
    },
  );
};

/** The sections with the heading level each gets under the page's h2 (a top section is an h3). */
function withDepth(sections: DirectiveSection[]) {
  const depth = sectionDepths(sections);
  return sections.map((s) => ({
    ...s,
    headingLevel: Math.min(3 + (depth.get(s.key) ?? 0), 6),
    blocks: textBlocks(s.text),
  }));
}

type ProjectForm<S extends z.ZodType> = {
  /** Under the project's path, e.g. "rapport" or "leveranser/:leveransId". */
  path: string;
  params: z.ZodObject;
  access: readonly ('agreementAdmin' | 'governance')[];
  view: string;
  title: string;
  form: S;
  firstField: string;
  /** Why the caller may not use this form now (null when they may); checked when it is opened and sent. */
  refusal: (user: CurrentUser, p: ProjectView, params: Params) => Problem | null;
  /** What the page shows besides the project, the values and the errors; `query` only when it is opened. */
  model?: (
    p: ProjectView,
    params: Params,
    query: Record<string, string | undefined>,
  ) => Record<string, unknown>;
  /** The values the form starts with when it is opened. */
  initial?: (
    p: ProjectView,
    params: Params,
    query: Record<string, string | undefined>,
  ) => Record<string, unknown>;
  run: (ctx: UserContext, params: Params, data: z.output<S>) => Promise<unknown>;
};

/**
 * Each action is a page of its own (platform/views/form-pages.ts): the form, offered only to those who may send
 * it (refused before anything typed is looked at, and the use case checks the same again), and after it the
 * project's page. These forms act on the project, and some on one of its deliverables or change requests too.
 */
function registerProjectForm<S extends z.ZodType>(app: FastifyInstance, page: ProjectForm<S>) {
  const refuse = async (ctx: UserContext, at: Params) => {
    const p = await readProject(ctx, at.id!);
    const refused = page.refusal(ctx.user, p, at);
    if (refused) throw refused;
    return p;
  };
  registerFormPage(app, {
    path: `${base}/:id/${page.path}`,
    params: page.params,
    access: page.access,
    nav,
    view: page.view,
    title: page.title,
    form: page.form,
    firstField: page.firstField,
    back: (at) => ({ href: projectPath(at.id!), text: 'Tillbaka till uppdraget' }),
    load: async (ctx, at, _state, request) => {
      const opening = request.method === 'GET';
      const p = opening ? await refuse(ctx, at) : await readProject(ctx, at.id!);
      const query = (opening ? request.query : {}) as Record<string, string | undefined>;
      return {
        values: page.initial?.(p, at, query),
        model: { p, ...page.model?.(p, at, query) },
      };
    },
    prepare: async (ctx, at) => {
      await refuse(ctx, at);
    },
    run: async (ctx, at, data) => {
      await page.run(ctx, at, data);
      return projectPath(at.id!);
    },
  });
}

const notAdministering = (user: CurrentUser, p: ProjectView) =>
  mayAdminister(user, p) ? null : refusedToNonAdministrators();

const deliverableParams = z.object({ id: idParam, leveransId: idParam });
/** The deliverable of the path (404 for one the project does not have). */
const deliverableOf = (p: ProjectView, at: Params) => {
  const d = p.deliverables.find((x) => x.id === at.leveransId);
  if (!d) throw notFound('Leveransen finns inte i uppdraget.');
  return d;
};
const requestParams = z.object({ id: idParam, andringId: idParam });
/** The change request of the path (404 for one the project does not have). */
const requestOf = (p: ProjectView, at: Params) => {
  const c = p.changeRequests.find((x) => x.id === at.andringId);
  if (!c) throw notFound('Ändringsförslaget finns inte i uppdraget.');
  return c;
};

/** The agreement administrators' forms on the project's progress: a report, a deliverable's status. */
function registerProgressForms(app: FastifyInstance) {
  registerProjectForm(app, {
    path: 'rapport',
    params,
    access: administrators,
    view: 'revision-projects/report.njk',
    title: 'Ny lägesrapport',
    form: reportForm,
    firstField: 'text',
    refusal: notAdministering,
    model: (p) => ({
      phaseItems: [
        { value: '', text: 'Hela uppdraget' },
        ...p.phases.map((ph) => ({ value: ph.id, text: ph.name })),
      ],
    }),
    run: (ctx, at, data: { text: string; phaseId?: string }) =>
      addReport(ctx, at.id!, { text: data.text, phaseId: data.phaseId || null }),
  });
  registerProjectForm(app, {
    path: 'leveranser/:leveransId',
    params: deliverableParams,
    access: administrators,
    view: 'revision-projects/deliverable.njk',
    title: 'Ändra leveransens status',
    form: deliverableStatusForm,
    firstField: 'status',
    refusal: (user, p, at) => {
      const refused = notAdministering(user, p);
      if (!refused) deliverableOf(p, at);
      return refused;
    },
    initial: (p, at) => ({ status: deliverableOf(p, at).status }),
    model: (p, at) => ({
      deliverable: deliverableOf(p, at),
      statusItems: Object.entries(deliverableStatusLabels).map(([value, label]) => ({
        value,
        text: label.text,
      })),
    }),
    run: (ctx, at, data: { status: 'planned' | 'inProgress' | 'delivered' }) =>
      setDeliverableStatus(ctx, at.id!, at.leveransId!, data),
  });
}

/** The forms on the directive: proposing a change (administrators), deciding it (the steering body). */
function registerChangeForms(app: FastifyInstance) {
  registerProjectForm(app, {
    path: 'andringar/ny',
    params,
    access: administrators,
    view: 'revision-projects/propose.njk',
    title: 'Föreslå en ändring i direktivet',
    form: proposeForm,
    firstField: 'sectionKey',
    refusal: notAdministering,
    initial: (p, _at, query) => {
      const section = p.directive?.sections.find((s) => s.key === query.avsnitt);
      return section ? { sectionKey: section.key, proposedText: section.text } : {};
    },
    model: (p) => ({ sectionItems: sectionItems(p) }),
    run: (ctx, at, data: { sectionKey: string; title: string; proposedText: string; reason: string }) =>
      proposeChange(ctx, at.id!, data),
  });
  registerProjectForm(app, {
    path: 'andringar/:andringId/beslut',
    params: requestParams,
    access: deciders,
    view: 'revision-projects/decide.njk',
    title: 'Besluta om ändringsförslaget',
    form: decisionForm,
    firstField: 'decision',
    refusal: (user, p, at) => {
      const c = requestOf(p, at);
      if (!mayDecide(user, p.steeringBody.id))
        return forbidden(`Bara ledamöter i ${p.steeringBody.name} kan besluta om ändringar i direktivet.`);
      return c.status === 'proposed' ? null : conflict('Ändringsförslaget är redan beslutat.');
    },
    model: (p, at) => {
      const c = requestOf(p, at);
      const current = p.directive?.sections.find((s) => s.key === c.sectionKey);
      const proposed = current ? { ...current, text: c.proposedText } : null;
      return {
        c,
        nextVersion: (p.directive?.number ?? 0) + 1,
        difference:
          current && proposed ? joinChangeRuns(compareSections([current], [proposed])[0]!.text) : [],
      };
    },
    run: (ctx, at, data: { decision: 'approve' | 'reject'; note?: string }) =>
      decideChange(ctx, at.id!, at.andringId!, { approve: data.decision === 'approve', note: data.note }),
  });
}

/** The current directive's sections to choose from, each under its parent's heading. */
function sectionItems(p: ProjectView) {
  const sections = p.directive?.sections ?? [];
  const headingOf = new Map(sections.map((s) => [s.key, s.heading]));
  return [
    { value: '', text: 'Välj avsnitt' },
    ...sections.map((s) => ({
      value: s.key,
      text: s.parentKey ? `${headingOf.get(s.parentKey)} – ${s.heading}` : s.heading,
    })),
  ];
}
