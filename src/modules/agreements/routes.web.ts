import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/context.ts';
import { renderPage } from '../../platform/views/render.ts';
import { listCounties } from '../organisations/index.ts';
import { versionOf } from './change.ts';
import { compareVersions } from './compare-versions.ts';
import { doneMessage, kindLabel, statusTag, versionTag } from './labels.ts';
import { loadAgreement, loadConsultation, loadSections, sectionTree } from './load.ts';
import {
  adoptedCount,
  agreementPath,
  comparisonModel,
  noticeLine,
  sectionViews,
  termRows,
  validityRows,
  versionPath,
  versionRows,
} from './page-model.ts';
import { administers, mayComment } from './policy.ts';
import { nextFollowUpOn, presentAgreement } from './present.ts';
import { listAgreements } from './read-agreements.ts';
import { agreementConsultationWebRoutes } from './routes.web.consultation.ts';
import { agreementDecisionWebRoutes } from './routes.web.decisions.ts';
import { agreementDraftWebRoutes } from './routes.web.drafts.ts';
import { agreementLocalWebRoutes } from './routes.web.local.ts';
import { agreementPublicWebRoutes } from './routes.web.public.ts';
import { agreementTemplateHeadings } from './schema.ts';

type Req = FastifyRequest;
type Rep = FastifyReply;

// Anyone logged in reads every agreement and version (public documents, drafts included); the actions are
// offered to agreement administrators of a party only (the use cases check the same again), and the comment
// links to users of an organisation invited to an open consultation.
const readers = { access: 'authenticated' as const };
const params = z.object({ id: z.string().min(1).max(100) });
const versionParams = params.extend({ number: z.coerce.number().int().min(1).max(10000) });
const done = z.object({ klart: z.string().max(50).optional() });

/** The county select: every county, the chosen one selected. */
async function countyItems(request: Req, chosen: string) {
  const counties = await listCounties(request.ctx.db);
  return {
    county: counties.find((c) => c.code === chosen) ?? null,
    items: counties.map((c) => ({ value: c.code, text: c.name, selected: c.code === chosen })),
  };
}

export const agreementWebRoutes: FastifyPluginAsyncZod = async (app) => {
  await readingRoutes(app, {});
  await comparisonRoutes(app, {});
  await app.register(agreementDraftWebRoutes);
  await app.register(agreementConsultationWebRoutes);
  await app.register(agreementDecisionWebRoutes);
  await app.register(agreementLocalWebRoutes);
  await app.register(agreementPublicWebRoutes);
};

/** The county's agreements, an agreement's page and a version's. */
const readingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/overenskommelser',
    {
      config: readers,
      schema: { querystring: z.object({ lan: z.string().max(10).optional() }) },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const code = request.query.lan || ctx.user.county.code;
      const { county, items } = await countyItems(request, code);
      if (!county) throw notFound('Länet finns inte.');
      const all = await listAgreements(ctx, code);
      const row = (a: (typeof all)[number]) => ({
        ...a,
        href: agreementPath(a.id),
        tag: statusTag(a.status),
        adopted: adoptedCount(a.parties),
        pendingTag: a.pendingVersion ? versionTag(a.pendingVersion.state) : null,
      });
      return renderPage(request, reply, 'agreements/list.njk', {
        pageTitle: 'Överenskommelser',
        nav: 'overenskommelser',
        county,
        countyItems: items,
        countyAgreements: all.filter((a) => a.kind === 'county').map(row),
        localAgreements: all.filter((a) => a.kind === 'local').map(row),
        relatedAgreements: all.filter((a) => a.kind === 'related'),
      });
    },
  );

  app.get(
    '/overenskommelser/:id',
    { config: readers, schema: { params, querystring: done } },
    async (request, reply) => showAgreement(request, reply, request.params.id),
  );

  app.get(
    '/overenskommelser/:id/versioner/:number',
    { config: readers, schema: { params: versionParams, querystring: done } },
    async (request, reply) => showVersion(request, reply, request.params.id, request.params.number),
  );
};

/** Two versions of an agreement compared. */
const comparisonRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/overenskommelser/:id/jamfor',
    {
      config: readers,
      schema: {
        params,
        querystring: z.object({
          fran: z.coerce.number().int().min(1).max(10000).optional(),
          till: z.coerce.number().int().min(1).max(10000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const a = await loadAgreement(ctx.db, request.params.id, isoDate(ctx.now));
      const latest = a.versions.at(-1)?.number ?? 1;
      const till = request.query.till ?? latest;
      const fran = request.query.fran ?? Math.max(1, till - 1);
      const numbers = a.versions.map((v) => v.number);
      const items = (chosen: number) =>
        numbers.map((n) => ({ value: String(n), text: `Version ${n}`, selected: n === chosen }));
      const comparison =
        numbers.length > 1 ? comparisonModel((await compareVersions(ctx, a.id, fran, till)).changes) : null;
      return renderPage(request, reply, 'agreements/compare.njk', {
        pageTitle: `Jämför version ${fran} och ${till}`,
        nav: 'overenskommelser',
        a,
        href: agreementPath(a.id),
        fran,
        till,
        fromItems: items(fran),
        toItems: items(till),
        comparison,
      });
    },
  );
};

/** The agreement page: status, terms, parties, versions and the text in force, with the actions the caller may take. */
async function showAgreement(request: Req, reply: Rep, id: string) {
  const ctx = requireUser(request.ctx);
  const a = await loadAgreement(ctx.db, id, isoDate(ctx.now));
  const p = presentAgreement(a);
  const sections = a.current ? sectionTree(await loadSections(ctx.db, a.current.id)) : [];
  const admin = administers(ctx.user, a);
  const family =
    a.kind === 'county'
      ? (await listAgreements(ctx, a.countyCode)).filter((x) => x.parentAgreementId === a.id)
      : [];
  const parent = a.parentAgreementId
    ? await loadAgreement(ctx.db, a.parentAgreementId, isoDate(ctx.now))
    : null;
  // Local agreements are made from the county's template headings; without a template none is offered.
  const template =
    a.kind === 'county'
      ? await ctx.db.$count(agreementTemplateHeadings, eq(agreementTemplateHeadings.countyCode, a.countyCode))
      : 0;
  const working = a.versions.find((v) => ['draft', 'consultation', 'decision', 'adopted'].includes(v.state));
  return renderPage(request, reply, 'agreements/show.njk', {
    pageTitle: a.title,
    nav: 'overenskommelser',
    a: p,
    href: agreementPath(a.id),
    kind: kindLabel(a.kind),
    tag: statusTag(a.status),
    done: doneMessage((request.query as { klart?: string }).klart),
    parent: parent ? { title: parent.title, href: agreementPath(parent.id) } : null,
    validityRows: a.kind === 'related' ? [] : validityRows(p.validity, noticeLine(a)),
    adopted: adoptedCount(p.parties),
    current: a.current ? { number: a.current.number, tag: versionTag(a.current.state) } : null,
    pending: a.pending
      ? {
          number: a.pending.number,
          tag: versionTag(a.pending.state),
          href: versionPath(a.id, a.pending.number),
        }
      : null,
    versions: versionRows(a),
    sections: sectionViews(sections),
    locals: family
      .filter((x) => x.kind === 'local')
      .map((x) => ({ ...x, href: agreementPath(x.id), tag: statusTag(x.status) })),
    related: family.filter((x) => x.kind === 'related'),
    nextFollowUpOn: nextFollowUpOn(a),
    lastFollowedUpOn: a.lastFollowedUpOn,
    can: {
      draft: admin && a.kind !== 'related' && !working,
      working: working ? { number: working.number, href: versionPath(a.id, working.number) } : null,
      notice: admin && a.status === 'inForce' && !a.noticeGivenOn && a.kind !== 'related',
      followUp: admin && a.kind === 'local',
      local: admin && a.kind === 'county' && template > 0,
      admin,
    },
  });
}

async function showVersion(request: Req, reply: Rep, id: string, number: number) {
  const ctx = requireUser(request.ctx);
  const today = isoDate(ctx.now);
  const a = await loadAgreement(ctx.db, id, today);
  const v = versionOf(a, number);
  const [sections, consultation] = await Promise.all([
    loadSections(ctx.db, v.id),
    loadConsultation(ctx.db, v.id),
  ]);
  const admin = administers(ctx.user, a);
  const base = versionPath(a.id, v.number);
  const comment = mayComment(ctx.user, consultation, v.stage, today);
  const comments = consultation?.comments ?? [];
  const unanswered = comments.filter((c) => c.answer === null).length;
  const closed = consultation ? today > consultation.closesOn : false;
  const views = sectionViews(sectionTree(sections)).map((s) => ({
    ...s,
    editHref: admin && v.stage === 'draft' ? `${base}/avsnitt/${encodeURIComponent(s.key)}` : null,
    commentHref: comment ? `${base}/synpunkt?avsnitt=${encodeURIComponent(s.key)}` : null,
    comments: comments
      .filter((c) => c.sectionKey === s.key)
      .map((c) => ({
        id: c.id,
        principalName: c.principalName,
        at: c.at,
        text: c.text,
        answer: c.answer,
        answeredAt: c.answeredAt,
        answerHref: admin && c.answer === null ? `${base}/synpunkter/${encodeURIComponent(c.id)}/svar` : null,
      })),
  }));
  return renderPage(request, reply, 'agreements/version.njk', {
    pageTitle: `Version ${v.number} – ${a.title}`,
    nav: 'overenskommelser',
    a: { id: a.id, title: a.title, href: agreementPath(a.id) },
    v: { number: v.number, stage: v.stage, publishedOn: v.publishedOn, changeNote: v.changeNote },
    base,
    tag: versionTag(v.state),
    done: doneMessage((request.query as { klart?: string }).klart),
    termRows: termRows(v),
    sections: views,
    compareHref: v.number > 1 ? `${agreementPath(a.id)}/jamfor?fran=${v.number - 1}&till=${v.number}` : null,
    consultation: consultation
      ? {
          closesOn: consultation.closesOn,
          closed,
          invitees: consultation.invitees.map((i) => i.name),
          count: comments.length,
          unanswered,
          pdfHref: `${base}/remiss.pdf`,
        }
      : null,
    parties: a.parties.map((party) => {
      const adoption = v.adoptions.find((x) => x.principalId === party.principalId) ?? null;
      return {
        name: party.name,
        adoption,
        recordHref:
          admin && v.stage === 'decision' && !adoption
            ? `${base}/antagande?part=${encodeURIComponent(party.principalId)}`
            : null,
      };
    }),
    canComment: comment,
    can: {
      edit: admin && v.stage === 'draft',
      consult: admin && v.stage === 'draft',
      // From a draft straight away; from consultation once it has closed and every comment is answered.
      decide: admin && (v.stage === 'draft' || (v.stage === 'consultation' && closed && unanswered === 0)),
      decideLater: admin && v.stage === 'consultation' && !(closed && unanswered === 0),
      admin,
    },
  });
}
