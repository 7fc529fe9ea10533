import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../platform/clock.ts';
import { conflict, forbidden, notFound, type Problem } from '../../platform/errors.ts';
import { type RouteAccess, requireUser, type UserContext } from '../../platform/http/context.ts';
import { renderErrorPage } from '../../platform/http/errors-plugin.ts';
import { formErrors } from '../../platform/views/form-errors.ts';
import type { FormState } from '../../platform/views/page-helpers.ts';
import { parseForm } from '../../platform/views/parse-form.ts';
import { renderPage } from '../../platform/views/render.ts';
import { listCounties } from '../organisations/index.ts';
import { administers, assertDraft, notAdministrator, versionOf } from './change.ts';
import { answerComment, commentOnSection, openConsultation } from './consultation.ts';
import { giveNotice, recordAdoption, sendForDecision } from './decide.ts';
import { addSection, draftVersion, removeSection, saveSection, updateTerms } from './edit-version.ts';
import {
  addSectionForm,
  adoptionForm,
  answerForm,
  commentForm,
  consultationForm,
  followUpForm,
  localAgreementForm,
  noticeForm,
  sectionForm,
  termsForm,
} from './forms.ts';
import {
  type AgreementAggregate,
  loadAgreement,
  loadConsultation,
  loadSections,
  sectionTree,
} from './load.ts';
import { createLocalAgreement, recordFollowUp } from './local-agreements.ts';
import { agreementPath, sectionViews, versionPath } from './page-model.ts';

type Req = FastifyRequest;
type Rep = FastifyReply;

// The forms that change an agreement, each its own small page: offered only to those who may send it now
// (the same checks the use cases make again when it is sent), shown again with what was typed and the
// messages at the fields when sending fails (400, 422), and after it a redirect to the page that shows the
// result with a banner. A 409 (the version was published meanwhile, the consultation closed) is a page of its
// own with the reason and the way back: the form cannot succeed any more.

const admins = ['agreementAdmin'] as const;
const id = z.string().min(1).max(100);
const number = z.coerce.number().int().min(1).max(10000);
const agreementParams = z.object({ id });
const versionParams = z.object({ id, number });
const sectionParams = versionParams.extend({ key: z.string().min(1).max(100) });
const commentParams = versionParams.extend({ commentId: id });
const anyForm = z.record(z.string(), z.unknown());

type Params = { id: string; number?: number; key?: string; commentId?: string };
type Loaded = {
  /** The caption above the page's heading: the agreement, and the version when there is one. */
  caption: string;
  back: { href: string; text: string };
  /** What the form shows before anything is typed. */
  values?: Record<string, unknown>;
  model?: Record<string, unknown>;
};
type FormPage = {
  path: string;
  params: z.ZodObject;
  access: RouteAccess;
  view: string;
  title: string;
  form: z.ZodType;
  firstField: string;
  /** Loads what the page shows, and refuses (403, 404, 409) when the action is not open to the caller now. */
  load: (ctx: UserContext, p: Params, request: Req) => Promise<Loaded>;
  /** Does it; returns where to go next. */
  run: (ctx: UserContext, p: Params, data: never) => Promise<string>;
};

const today = (ctx: UserContext) => isoDate(ctx.now);
const backTo = (p: Params) =>
  p.number !== undefined
    ? { href: versionPath(p.id, p.number), text: `Tillbaka till version ${p.number}` }
    : { href: agreementPath(p.id), text: 'Tillbaka till överenskommelsen' };

/** A problem that is not about what was typed: its own page with the reason and the way back. */
function renderProblem(request: Req, reply: Rep, problem: Problem) {
  if (problem.status !== 409) return renderErrorPage(request, reply, problem);
  return renderPage(request, reply.status(409), 'agreements/problem.njk', {
    pageTitle: problem.title,
    problem,
    back: backTo(request.params as Params),
  });
}

function registerFormPage(app: FastifyInstance, page: FormPage) {
  const show = async (request: Req, reply: Rep, state: FormState = {}) => {
    const ctx = requireUser(request.ctx);
    const p = request.params as Params;
    const loaded = await page.load(ctx, p, request);
    return renderPage(request, reply, page.view, {
      pageTitle: page.title,
      nav: 'overenskommelser',
      caption: loaded.caption,
      back: loaded.back,
      action: request.url.split('?')[0],
      values: state.values ?? loaded.values ?? {},
      ...loaded.model,
      ...formErrors(state.errors, state.problem, page.firstField),
    });
  };
  app.get(
    page.path,
    { config: { access: page.access }, schema: { params: page.params } },
    async (request, reply) => show(request, reply),
  );
  app.post(
    page.path,
    {
      config: {
        access: page.access,
        renderFormError: (request, reply, problem) =>
          [400, 422].includes(problem.status)
            ? show(request, reply, { values: request.body as Record<string, unknown>, problem })
            : renderProblem(request, reply, problem),
      },
      schema: { params: page.params, body: anyForm },
    },
    async (request, reply) => {
      const parsed = parseForm(page.form, request.body);
      if ('errors' in parsed)
        return show(request, reply.status(400), {
          values: request.body as Record<string, unknown>,
          errors: parsed.errors,
        });
      const to = await page.run(requireUser(request.ctx), request.params as Params, parsed.data as never);
      return reply.redirect(to, 303);
    },
  );
}

/** A button that does one thing (no fields but the CSRF token), then shows the result. */
function registerButton(
  app: FastifyInstance,
  path: string,
  params: z.ZodObject,
  run: (ctx: UserContext, p: Params) => Promise<string>,
) {
  app.post(
    path,
    {
      config: { access: admins, renderFormError: renderProblem },
      schema: { params, body: anyForm },
    },
    async (request, reply) =>
      reply.redirect(await run(requireUser(request.ctx), request.params as Params), 303),
  );
}

const load = (ctx: UserContext, p: Params) => loadAgreement(ctx.db, p.id, today(ctx));

/** The agreement, for an administrator of one of its parties (403 otherwise). */
async function administered(ctx: UserContext, p: Params) {
  const a = await load(ctx, p);
  if (!administers(ctx.user, a)) throw notAdministrator();
  return a;
}

/** A draft version of an agreement the caller administers: 409 once it is published. */
async function draftOf(ctx: UserContext, p: Params) {
  const a = await administered(ctx, p);
  const v = versionOf(a, p.number!);
  assertDraft(v);
  return { a, v, caption: `${a.title} · version ${v.number}` };
}

const done = (path: string, code: string) => `${path}?klart=${code}`;

/** The county's organisations a consultation can go to: user organisations first, then region and municipalities. */
async function consultationGroups(ctx: UserContext, a: AgreementAggregate, chosen: unknown) {
  const county = (await listCounties(ctx.db)).find((c) => c.code === a.countyCode)!;
  const picked = new Set([chosen ?? []].flat().map(String));
  const group = (legend: string, kind: string) => ({
    legend,
    items: county.principals
      .filter((p) => p.kind === kind)
      .map((p) => ({ value: p.id, text: p.name, checked: picked.has(p.id) })),
  });
  return [
    group('Brukar- och närståendeorganisationer', 'userOrganisation'),
    group('Region', 'region'),
    group('Kommuner', 'municipality'),
  ].filter((g) => g.items.length > 0);
}

export const agreementEditWebRoutes: FastifyPluginAsyncZod = async (app) => {
  registerButton(app, '/overenskommelser/:id/versioner', agreementParams, async (ctx, p) => {
    const a = await draftVersion(ctx, p.id);
    return done(versionPath(p.id, a.pendingVersion?.number ?? a.currentVersion?.number ?? 1), 'utkast');
  });

  registerButton(app, '/overenskommelser/:id/versioner/:number/beslut', versionParams, async (ctx, p) => {
    await sendForDecision(ctx, p.id, p.number!);
    return done(versionPath(p.id, p.number!), 'beslut');
  });

  registerFormPage(app, {
    path: '/overenskommelser/:id/versioner/:number/villkor',
    params: versionParams,
    access: admins,
    view: 'agreements/terms.njk',
    title: 'Ändra villkor',
    form: termsForm,
    firstField: 'startsOn',
    load: async (ctx, p) => {
      const { v, caption } = await draftOf(ctx, p);
      return {
        caption,
        back: backTo(p),
        values: {
          startsOn: v.startsOn,
          endsOn: v.endsOn,
          noticeMonths: v.noticeMonths,
          extensionMonths: v.extensionMonths,
          noticeRecipient: v.noticeRecipient,
          changeNote: v.changeNote,
        },
      };
    },
    run: async (ctx, p, data: z.infer<typeof termsForm>) => {
      await updateTerms(ctx, p.id, p.number!, data);
      return done(versionPath(p.id, p.number!), 'villkor');
    },
  });

  registerFormPage(app, {
    path: '/overenskommelser/:id/versioner/:number/nytt-avsnitt',
    params: versionParams,
    access: admins,
    view: 'agreements/add-section.njk',
    title: 'Lägg till ett avsnitt',
    form: addSectionForm,
    firstField: 'heading',
    load: async (ctx, p, request) => {
      const { v, caption } = await draftOf(ctx, p);
      const sections = sectionViews(sectionTree(await loadSections(ctx.db, v.id)));
      const chosen = ((request.body as { parentKey?: string } | undefined)?.parentKey ?? '') as string;
      return {
        caption,
        back: backTo(p),
        model: {
          parentItems: [
            {
              value: '',
              text: 'Inget – ett nytt huvudavsnitt sist i överenskommelsen',
              selected: chosen === '',
            },
            ...sections
              .filter((s) => s.depth < 2)
              .map((s) => ({
                value: s.key,
                text: `${s.depth ? '– ' : ''}${s.heading}`,
                selected: s.key === chosen,
              })),
          ],
        },
      };
    },
    run: async (ctx, p, data: z.infer<typeof addSectionForm>) => {
      await addSection(ctx, p.id, p.number!, data);
      return done(versionPath(p.id, p.number!), 'nytt-avsnitt');
    },
  });

  /** A section of a draft: 404 when the version has no such section. */
  const sectionOf = async (ctx: UserContext, p: Params) => {
    const found = await draftOf(ctx, p);
    const section = (await loadSections(ctx.db, found.v.id)).find((s) => s.key === p.key);
    if (!section) throw notFound('Avsnittet finns inte.');
    return { ...found, section };
  };

  registerFormPage(app, {
    path: '/overenskommelser/:id/versioner/:number/avsnitt/:key',
    params: sectionParams,
    access: admins,
    view: 'agreements/section.njk',
    title: 'Ändra avsnittet',
    form: sectionForm,
    firstField: 'heading',
    load: async (ctx, p) => {
      const { section, caption } = await sectionOf(ctx, p);
      return {
        caption,
        back: backTo(p),
        values: { heading: section.heading, text: section.text },
        model: {
          removeHref: `${versionPath(p.id, p.number!)}/avsnitt/${encodeURIComponent(p.key!)}/ta-bort`,
        },
      };
    },
    run: async (ctx, p, data: z.infer<typeof sectionForm>) => {
      await saveSection(ctx, p.id, p.number!, p.key!, data);
      return `${done(versionPath(p.id, p.number!), 'avsnitt')}#avsnitt-${encodeURIComponent(p.key!)}`;
    },
  });

  registerFormPage(app, {
    path: '/overenskommelser/:id/versioner/:number/avsnitt/:key/ta-bort',
    params: sectionParams,
    access: admins,
    view: 'agreements/remove-section.njk',
    title: 'Ta bort avsnittet',
    form: z.object({}),
    firstField: 'confirm',
    load: async (ctx, p) => {
      const { v, section, caption } = await sectionOf(ctx, p);
      const below = (await loadSections(ctx.db, v.id)).filter((s) => s.parentKey === section.key);
      return { caption, back: backTo(p), model: { section, below } };
    },
    run: async (ctx, p) => {
      await removeSection(ctx, p.id, p.number!, p.key!);
      return done(versionPath(p.id, p.number!), 'avsnitt-borttaget');
    },
  });

  registerFormPage(app, {
    path: '/overenskommelser/:id/versioner/:number/remiss',
    params: versionParams,
    access: admins,
    view: 'agreements/consultation.njk',
    title: 'Skicka på remiss',
    form: consultationForm,
    firstField: 'closesOn',
    load: async (ctx, p, request) => {
      const { a, caption } = await draftOf(ctx, p);
      const posted = request.body as { inviteePrincipalIds?: unknown } | undefined;
      return {
        caption,
        back: backTo(p),
        model: { groups: await consultationGroups(ctx, a, posted?.inviteePrincipalIds) },
      };
    },
    run: async (ctx, p, data: z.infer<typeof consultationForm>) => {
      await openConsultation(ctx, p.id, p.number!, data);
      return done(versionPath(p.id, p.number!), 'remiss');
    },
  });

  registerFormPage(app, {
    path: '/overenskommelser/:id/versioner/:number/synpunkt',
    params: versionParams,
    access: 'authenticated',
    view: 'agreements/comment.njk',
    title: 'Lämna synpunkt',
    form: commentForm,
    firstField: 'sectionKey',
    load: async (ctx, p, request) => {
      const a = await load(ctx, p);
      const v = versionOf(a, p.number!);
      const consultation = await loadConsultation(ctx.db, v.id);
      if (!consultation) throw conflict('Versionen är inte ute på remiss.');
      if (!consultation.invitees.some((i) => i.principalId === ctx.user.principal.id))
        throw forbidden('Din organisation är inte inbjuden att lämna synpunkter på den här remissen.');
      if (v.stage !== 'consultation' || today(ctx) > consultation.closesOn)
        throw conflict(`Remisstiden gick ut ${consultation.closesOn}. Synpunkter kan inte längre lämnas.`);
      const query = request.query as { avsnitt?: string };
      const posted = request.body as { sectionKey?: string } | undefined;
      const chosen = posted?.sectionKey ?? query.avsnitt ?? '';
      const sections = sectionViews(sectionTree(await loadSections(ctx.db, v.id)));
      return {
        caption: `${a.title} · version ${v.number}`,
        back: backTo(p),
        model: {
          closesOn: consultation.closesOn,
          organisation: ctx.user.principal.name,
          sectionItems: [
            { value: '', text: 'Välj avsnitt', selected: chosen === '' },
            ...sections.map((s) => ({
              value: s.key,
              text: `${'– '.repeat(s.depth)}${s.heading}`,
              selected: s.key === chosen,
            })),
          ],
        },
      };
    },
    run: async (ctx, p, data: z.infer<typeof commentForm>) => {
      await commentOnSection(ctx, p.id, p.number!, data);
      return `${done(versionPath(p.id, p.number!), 'synpunkt')}#avsnitt-${encodeURIComponent(data.sectionKey)}`;
    },
  });

  registerFormPage(app, {
    path: '/overenskommelser/:id/versioner/:number/synpunkter/:commentId/svar',
    params: commentParams,
    access: admins,
    view: 'agreements/answer.njk',
    title: 'Besvara synpunkten',
    form: answerForm,
    firstField: 'answer',
    load: async (ctx, p) => {
      const a = await administered(ctx, p);
      const v = versionOf(a, p.number!);
      const consultation = await loadConsultation(ctx.db, v.id);
      const comment = consultation?.comments.find((c) => c.id === p.commentId);
      if (!comment) throw notFound('Synpunkten finns inte.');
      if (comment.answer !== null) throw conflict('Synpunkten är redan besvarad.');
      const section = (await loadSections(ctx.db, v.id)).find((s) => s.key === comment.sectionKey);
      return {
        caption: `${a.title} · version ${v.number}`,
        back: backTo(p),
        model: { comment, sectionHeading: section?.heading ?? '' },
      };
    },
    run: async (ctx, p, data: z.infer<typeof answerForm>) => {
      await answerComment(ctx, p.id, p.number!, p.commentId!, data.answer);
      return done(versionPath(p.id, p.number!), 'svar');
    },
  });

  registerFormPage(app, {
    path: '/overenskommelser/:id/versioner/:number/antagande',
    params: versionParams,
    access: admins,
    view: 'agreements/adoption.njk',
    title: 'Registrera en parts beslut',
    form: adoptionForm,
    firstField: 'principalId',
    load: async (ctx, p, request) => {
      const a = await administered(ctx, p);
      const v = versionOf(a, p.number!);
      if (v.stage !== 'decision') throw conflict('Versionen är inte skickad till parterna för beslut än.');
      const waiting = a.parties.filter((x) => !v.adoptions.some((d) => d.principalId === x.principalId));
      const query = request.query as { part?: string };
      const posted = request.body as { principalId?: string } | undefined;
      const chosen = posted?.principalId ?? query.part ?? '';
      return {
        caption: `${a.title} · version ${v.number}`,
        back: backTo(p),
        model: {
          publishedOn: v.publishedOn,
          partyItems: [
            { value: '', text: 'Välj part', selected: chosen === '' },
            ...waiting.map((x) => ({
              value: x.principalId,
              text: x.name,
              selected: x.principalId === chosen,
            })),
          ],
        },
      };
    },
    run: async (ctx, p, data: z.infer<typeof adoptionForm>) => {
      await recordAdoption(ctx, p.id, p.number!, data);
      return `${done(versionPath(p.id, p.number!), 'antagande')}#beslut`;
    },
  });

  registerFormPage(app, {
    path: '/overenskommelser/:id/uppsagning',
    params: agreementParams,
    access: admins,
    view: 'agreements/notice.njk',
    title: 'Registrera uppsägning',
    form: noticeForm,
    firstField: 'principalId',
    load: async (ctx, p, request) => {
      const a = await administered(ctx, p);
      if (a.status !== 'inForce') throw conflict('Bara en gällande överenskommelse kan sägas upp.');
      if (a.noticeGivenOn) throw conflict(`Överenskommelsen är redan uppsagd (${a.noticeGivenOn}).`);
      const posted = request.body as { principalId?: string } | undefined;
      const chosen = posted?.principalId ?? ctx.user.principal.id;
      return {
        caption: a.title,
        back: backTo(p),
        values: { givenOn: today(ctx) },
        model: {
          validity: a.validity,
          recipient: a.current?.noticeRecipient ?? null,
          partyItems: a.parties.map((x) => ({
            value: x.principalId,
            text: x.name,
            selected: x.principalId === chosen,
          })),
        },
      };
    },
    run: async (ctx, p, data: z.infer<typeof noticeForm>) => {
      await giveNotice(ctx, p.id, data);
      return done(agreementPath(p.id), 'uppsagd');
    },
  });

  registerFormPage(app, {
    path: '/overenskommelser/:id/uppfoljning',
    params: agreementParams,
    access: admins,
    view: 'agreements/follow-up.njk',
    title: 'Registrera uppföljning',
    form: followUpForm,
    firstField: 'on',
    load: async (ctx, p) => {
      const a = await administered(ctx, p);
      if (a.kind !== 'local') throw conflict('Bara lokala överenskommelser följs upp här.');
      return {
        caption: a.title,
        back: backTo(p),
        values: { on: today(ctx) },
        model: { last: a.lastFollowedUpOn },
      };
    },
    run: async (ctx, p, data: z.infer<typeof followUpForm>) => {
      await recordFollowUp(ctx, p.id, data);
      return done(agreementPath(p.id), 'uppfoljning');
    },
  });

  registerFormPage(app, {
    path: '/overenskommelser/:id/lokal',
    params: agreementParams,
    access: admins,
    view: 'agreements/local.njk',
    title: 'Skapa lokal överenskommelse',
    form: localAgreementForm,
    firstField: 'title',
    load: async (ctx, p, request) => {
      const a = await administered(ctx, p);
      if (a.kind !== 'county')
        throw conflict('En lokal överenskommelse hör till en länsövergripande överenskommelse.');
      const picked = new Set(
        [(request.body as { principalIds?: unknown } | undefined)?.principalIds ?? []].flat().map(String),
      );
      return {
        caption: a.title,
        back: backTo(p),
        model: {
          groups: [
            {
              legend: 'Kommuner',
              items: a.parties
                .filter((x) => x.kind === 'municipality')
                .map((x) => ({ value: x.principalId, text: x.name, checked: picked.has(x.principalId) })),
            },
          ],
        },
      };
    },
    run: async (ctx, p, data: z.infer<typeof localAgreementForm>) => {
      const created = await createLocalAgreement(ctx, p.id, data);
      return done(agreementPath(created.id), 'lokal');
    },
  });
};
