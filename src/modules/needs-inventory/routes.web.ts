import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCsv } from '../../platform/documents/csv.ts';
import { forbidden } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/context.ts';
import { formErrors } from '../../platform/views/form-errors.ts';
import { done, type FormState, postForm, registerButton } from '../../platform/views/form-pages.ts';
import { labelItems } from '../../platform/views/page-helpers.ts';
import { renderPage } from '../../platform/views/render.ts';
import { careUnitsOfPrincipals, countyGovernance, countyWithPrincipals } from '../organisations/index.ts';
import { recordComment } from './comments.ts';
import { commentForm, needField, recordForm, recordFromForm, roundForm, statusForm } from './forms.ts';
import {
  advanceLabels,
  needLabels,
  statusLabels,
  statusTagClass,
  suppressionNote,
  syntheticNote,
} from './labels.ts';
import { mayCreate, nextStatus } from './policy.ts';
import { resultSections, resultsCsvRows, resultsPdf } from './present.ts';
import { readResults, readRound } from './read-round.ts';
import { countyMunicipalities, enterRecord, listOwnRecords, removeRecord } from './records.ts';
import { advanceRound, createRound, listForms, listRounds } from './rounds.ts';
import { coordinators, recorders } from './routes.api.ts';

type Req = FastifyRequest;
type Rep = FastifyReply;

// Who may do what on the pages is what the API allows (routes.api.ts), checked again in the use cases: every
// logged-in user of the county reads the rounds and, once interpreted, their results; coordinators plan and
// move a round; staff and managers of taking-part units enter their records; user organisations comment.
const params = z.object({ id: z.string().min(1).max(100) });
const resultQuery = z.object({ kommun: z.string().max(4).default('') });
const base = '/behovsinventeringar';
const idOf = (request: Req) => (request.params as { id: string }).id;
const roundPath = (id: string) => `${base}/${encodeURIComponent(id)}`;
const backToRound = (request: Req) => ({
  href: roundPath(idOf(request)),
  text: 'Tillbaka till inventeringen',
});
// Needs inventories are part of following up the agreement's work: their pages sit under "Uppföljning" in the
// menu, and "Mitt arbete" links a unit straight to the round it is asked to enter records in.
const banners: Record<string, string> = {
  status: 'Inventeringens status är ändrad.',
  registrerad: 'Personen är registrerad. Fyll i formuläret igen för nästa person.',
  borttagen: 'Registreringen är borttagen.',
  synpunkt: 'Synpunkten är antecknad.',
};
const bannerOf = (request: Req) =>
  banners[String((request.query as { klart?: unknown }).klart ?? '')] ?? null;

/** The form for a new round: the form to use, the coordinating body, the units that take part. */
const showNew = async (request: Req, reply: Rep, state: FormState = {}) => {
  const ctx = requireUser(request.ctx);
  const [{ bodies }, forms, county] = await Promise.all([
    countyGovernance(ctx.db, ctx.user.county.code),
    listForms(ctx.db),
    countyWithPrincipals(ctx.db, ctx.user.county.code).then((c) => c!),
  ]);
  const unitList = await careUnitsOfPrincipals(
    ctx.db,
    county.principals.filter((p) => p.kind !== 'userOrganisation').map((p) => p.id),
  );
  const values = state.values ?? {};
  const chosenUnits = new Set([values.unitIds ?? []].flat().map(String));
  const chosenBody = String(values.coordinatorBodyId ?? bodies.find((b) => b.shortName === 'BGP')?.id ?? '');
  return renderPage(request, reply, 'needs-inventory/new.njk', {
    pageTitle: 'Ny behovsinventering',
    nav: 'uppfoljning',
    values,
    formItems: forms.map((f) => ({
      value: f.id,
      text: f.name,
      hint: { text: `${f.publisher}, ${f.year}. ${f.questions.lifeAreas.length} livsområden.` },
      checked: values.formId === f.id,
    })),
    bodyItems: [
      { value: '', text: 'Välj', selected: !chosenBody },
      ...bodies.map((b) => ({ value: b.id, text: b.name, selected: b.id === chosenBody })),
    ],
    unitItems: unitList.map((u) => ({
      value: u.id,
      text: `${u.name} (${u.principalName})`,
      checked: chosenUnits.has(u.id),
    })),
    ...formErrors(state.errors, state.problem, 'title'),
  });
};

/** A round's page, with its forms: moving it on, a user organisation's comment, the unit's own records. */
const showRound = async (request: Req, reply: Rep, state: FormState = {}) => {
  const ctx = requireUser(request.ctx);
  const round = await readRound(ctx, idOf(request));
  const own = round.can.takesPart ? await listOwnRecords(ctx, round.id) : [];
  const q = round.form.questions;
  const label = (list: { key: string; label: string }[], key: string) =>
    list.find((c) => c.key === key)?.label ?? key;
  const municipalities = await countyMunicipalities(ctx.db, ctx.user.county.code);
  const organisations = (await countyWithPrincipals(ctx.db, ctx.user.county.code))!.principals.filter(
    (p) => p.kind === 'userOrganisation',
  );
  return renderPage(request, reply, 'needs-inventory/round.njk', {
    pageTitle: round.title,
    nav: 'uppfoljning',
    round,
    statusText: statusLabels[round.status],
    statusClass: statusTagClass[round.status],
    next: round.can.advance
      ? { status: nextStatus[round.status], label: advanceLabels[nextStatus[round.status]!] }
      : null,
    syntheticNote,
    banner: bannerOf(request),
    ownRecords: own.map((r, i) => ({
      id: r.id,
      number: i + 1,
      summary: [
        municipalities.find((m) => m.code === r.municipalityCode)?.name ?? r.municipalityCode,
        label(q.ageBands, r.ageBand),
        label(q.genders, r.gender),
        label(q.housing, r.housing),
      ].join(', '),
      unmet: q.lifeAreas.filter((a) => r.needs[a.key] === 'unmet').map((a) => a.label),
    })),
    organisationItems:
      ctx.user.principal.kind === 'userOrganisation'
        ? null
        : [
            { value: '', text: 'Välj organisation', selected: !state.values?.organisationId },
            ...organisations.map((o) => ({
              value: o.id,
              text: o.name,
              selected: o.id === state.values?.organisationId,
            })),
          ],
    values: state.values ?? {},
    ...formErrors(state.errors, state.problem, 'text'),
  });
};

/** The form for one person's record, in the round's own questions. */
const showRecordForm = async (request: Req, reply: Rep, state: FormState = {}) => {
  const ctx = requireUser(request.ctx);
  const round = await readRound(ctx, idOf(request));
  if (!round.can.takesPart)
    throw forbidden('Bara personal på de enheter som deltar i inventeringen registrerar personer.');
  // A taking-part unit whose round is not collecting goes to the round, which says why.
  if (!round.can.enter) return reply.redirect(roundPath(round.id), 303);
  const q = round.form.questions;
  const values = state.values ?? {};
  const municipalities = await countyMunicipalities(ctx.db, ctx.user.county.code);
  return renderPage(request, reply, 'needs-inventory/record.njk', {
    pageTitle: `Registrera en person – ${round.title}`,
    nav: 'uppfoljning',
    round,
    banner: bannerOf(request),
    values,
    municipalityItems: [
      { value: '', text: 'Välj kommun', selected: !values.municipalityCode },
      ...municipalities.map((m) => ({
        value: m.code,
        text: m.name,
        selected: m.code === values.municipalityCode,
      })),
    ],
    ageItems: labelItems(Object.fromEntries(q.ageBands.map((c) => [c.key, c.label])), values.ageBand),
    genderItems: labelItems(Object.fromEntries(q.genders.map((c) => [c.key, c.label])), values.gender),
    housingItems: labelItems(Object.fromEntries(q.housing.map((c) => [c.key, c.label])), values.housing),
    occupationItems: labelItems(
      Object.fromEntries(q.occupation.map((c) => [c.key, c.label])),
      values.occupation,
    ),
    contactItems: labelItems(Object.fromEntries(q.contacts.map((c) => [c.key, c.label])), values.contacts),
    areas: q.lifeAreas.map((a) => ({
      field: needField(a.key),
      label: a.label,
      items: labelItems(needLabels, values[needField(a.key)]),
    })),
    ...formErrors(
      state.errors,
      state.problem,
      'municipalityCode',
      Object.fromEntries(q.lifeAreas.map((a) => [`needs.${a.key}`, needField(a.key)])),
    ),
  });
};

/** The round's results, for the county or one municipality, and the name of their files. */
const resultsOf = (request: Req, kommun: string) =>
  readResults(requireUser(request.ctx), idOf(request), kommun || null);
const fileName = (r: Awaited<ReturnType<typeof resultsOf>>, ext: string) =>
  `behovsinventering-${r.round.countyCode}-${r.round.periodStart.slice(0, 4)}${r.scope.municipalityCode ? `-${r.scope.municipalityCode}` : ''}.${ext}`;

export const needsInventoryWebRoutes: FastifyPluginAsyncZod = async (app) => {
  await listAndNewRoutes(app, {});
  await roundRoutes(app, {});
  await recordRoutes(app, {});
  await resultRoutes(app, {});
};

/** The county's rounds, and a new round. */
const listAndNewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(base, { config: { access: 'authenticated' } }, async (request, reply) => {
    const ctx = requireUser(request.ctx);
    const rounds = await listRounds(ctx.db, ctx.user.county.code);
    return renderPage(request, reply, 'needs-inventory/index.njk', {
      pageTitle: 'Behovsinventeringar',
      nav: 'uppfoljning',
      countyName: ctx.user.county.name,
      rounds: rounds.map((r) => ({
        ...r,
        statusText: statusLabels[r.status],
        statusClass: statusTagClass[r.status],
      })),
      canCreate: mayCreate(ctx.user),
      syntheticNote,
    });
  });
  app.get(`${base}/ny`, { config: { access: coordinators } }, async (request, reply) =>
    showNew(request, reply),
  );
  postForm(app, {
    path: `${base}/ny`,
    access: coordinators,
    form: roundForm,
    show: showNew,
    back: () => ({ href: base, text: 'Tillbaka till behovsinventeringarna' }),
    run: async (request, data) => roundPath(await createRound(requireUser(request.ctx), data)),
  });
};

/** A round's page and its forms. */
const roundRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    `${base}/:id`,
    { config: { access: 'authenticated' }, schema: { params } },
    async (request, reply) => showRound(request, reply),
  );

  // The round's page holds its forms: moving the round on, a user organisation's comment.
  postForm(app, {
    path: `${base}/:id/status`,
    access: coordinators,
    params,
    form: statusForm,
    show: showRound,
    back: backToRound,
    run: async (request, data) => {
      await advanceRound(requireUser(request.ctx), idOf(request), data);
      return done(roundPath(idOf(request)), 'status');
    },
  });
  postForm(app, {
    path: `${base}/:id/synpunkter`,
    access: 'authenticated',
    params,
    form: commentForm,
    show: showRound,
    back: backToRound,
    run: async (request, data) => {
      await recordComment(requireUser(request.ctx), idOf(request), data);
      return `${done(roundPath(idOf(request)), 'synpunkt')}#synpunkter`;
    },
  });
  registerButton(app, {
    path: `${base}/:id/registreringar/:recordId/ta-bort`,
    access: recorders,
    params: params.extend({ recordId: z.string().min(1).max(200) }),
    back: (p) => ({ href: roundPath(p.id!), text: 'Tillbaka till inventeringen' }),
    run: async (ctx, p) => {
      await removeRecord(ctx, p.id!, p.recordId!);
      return `${done(roundPath(p.id!), 'borttagen')}#registreringar`;
    },
  });
};

/** Entering a person's record. */
const recordRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    `${base}/:id/registrera`,
    { config: { access: recorders }, schema: { params } },
    async (request, reply) => showRecordForm(request, reply),
  );
  postForm(app, {
    path: `${base}/:id/registrera`,
    access: recorders,
    params,
    form: recordForm,
    show: showRecordForm,
    back: backToRound,
    // The answers are checked against the round's own form by the use case.
    prepare: (request) => readRound(requireUser(request.ctx), idOf(request)),
    run: async (request, data, round) => {
      await enterRecord(requireUser(request.ctx), round.id, recordFromForm(data, round.form.questions));
      return done(`${roundPath(round.id)}/registrera`, 'registrerad');
    },
  });
};

/** The round's results: the page, the CSV file and the PDF. */
const resultRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    `${base}/:id/resultat`,
    { config: { access: 'authenticated' }, schema: { params, querystring: resultQuery } },
    async (request, reply) => {
      const r = await resultsOf(request, request.query.kommun);
      const suffix = r.scope.municipalityCode ? `?kommun=${r.scope.municipalityCode}` : '';
      return renderPage(request, reply, 'needs-inventory/results.njk', {
        pageTitle: `Resultat: ${r.round.title}, ${r.scope.name}`,
        nav: 'uppfoljning',
        r,
        sections: resultSections(r),
        statusText: statusLabels[r.round.status],
        municipalityItems: [
          {
            value: '',
            text: `Hela ${requireUser(request.ctx).user.county.name}`,
            selected: !r.scope.municipalityCode,
          },
          ...r.municipalities.map((m) => ({
            value: m.code,
            text: m.name,
            selected: m.code === r.scope.municipalityCode,
          })),
        ],
        csvHref: `${roundPath(r.round.id)}/resultat.csv${suffix}`,
        pdfHref: `${roundPath(r.round.id)}/resultat.pdf${suffix}`,
        syntheticNote,
        suppressionNote,
      });
    },
  );
  app.get(
    `${base}/:id/resultat.csv`,
    { config: { access: 'authenticated' }, schema: { params, querystring: resultQuery } },
    async (request, reply) => {
      const r = await resultsOf(request, request.query.kommun);
      return sendCsv(reply, fileName(r, 'csv'), resultsCsvRows(r));
    },
  );
  app.get(
    `${base}/:id/resultat.pdf`,
    { config: { access: 'authenticated' }, schema: { params, querystring: resultQuery } },
    async (request, reply) => {
      const r = await resultsOf(request, request.query.kommun);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName(r, 'pdf')}"`)
        .send(await resultsPdf(r, requireUser(request.ctx).now));
    },
  );
};
