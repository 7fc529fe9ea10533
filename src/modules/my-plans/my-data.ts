import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Content } from 'pdfmake/interfaces.js';
import type { Db } from '../../db/client.ts';
import type { ExtractRow, OwnRecord } from '../../platform/access/person-self.ts';
import { personSessions } from '../../platform/auth/person-schema.ts';
import { isoDate } from '../../platform/clock.ts';
import { renderDocumentPdf } from '../../platform/documents/pdf.ts';
import { conflict } from '../../platform/errors.ts';
import { events } from '../../platform/events/schema.ts';
import type { PersonContext } from '../../platform/http/context.ts';
import { formatIdentityNumber } from '../../platform/people/identity-number.ts';
import { presentPerson } from '../../platform/people/present.ts';
import { unscopedDisputesOfSips } from '../disputes/index.ts';
import { findCounty, organisationNames } from '../organisations/index.ts';
import {
  exportOwnSips,
  type OwnSip,
  planPdf,
  planUnitIds,
  readOwnSip,
  responsibleName,
} from '../sip/index.ts';
import { accessKindText, actionWord, dayText, momentText, statusText } from './present.ts';

// "Mina uppgifter" (issue 26 item 5, GDPR art. 15): everything Sömlös holds about the person, as JSON and as PDF.
// Gathered through the person's path of the access layer, which logs the download as an export of each SIP.
// What it holds: the person's record (identity number, the name first registered, protected identity), every SIP
// with its consent and the consent's history, invitations and meetings, every plan version and follow-up, the
// disputes linked to a SIP (their titles: the text is de-identified and between principals), the SIP's domain
// events (ids and codes), the person's own sign-ins, and the whole extract of the access log. Never a staff
// member's name or username (decision 0022).

const unique = (ids: string[]) => [...new Set(ids)];

/** The person's data as one object with Swedish keys, for the JSON file and the PDF alike. */
export function collectMyData(ctx: PersonContext) {
  return exportOwnSips(ctx, async (tx, record, own, extract) => {
    const ids = own.map((o) => o.sip.id);
    const names = await namesOf(tx, own, extract);
    const linked = await unscopedDisputesOfSips(tx, ids);
    const happenings = ids.length
      ? await tx
          .select({ at: events.at, type: events.type, subjectId: events.subjectId, data: events.data })
          .from(events)
          .where(and(eq(events.subjectType, 'sip'), inArray(events.subjectId, ids)))
          .orderBy(asc(events.seq))
      : [];
    const signIns = await tx
      .select({
        at: personSessions.createdAt,
        method: personSessions.loginMethod,
        ended: personSessions.endedAt,
      })
      .from(personSessions)
      .where(eq(personSessions.personId, ctx.person.personId))
      .orderBy(desc(personSessions.createdAt));
    return {
      skapad: ctx.now.toISOString(),
      om: 'Allt som Sömlös sparar om dig (artikel 15 i dataskyddsförordningen).',
      person: recordEntry(record),
      planer: own.map((o) => ({
        ...planEntry(o, names),
        tvister: linked
          .filter((d) => d.sipId === o.sip.id)
          .map((d) => ({ id: d.id, rubrik: d.title, status: d.status, oppnad: d.openedAt.toISOString() })),
        handelser: happenings
          .filter((h) => h.subjectId === o.sip.id)
          .map((h) => ({ tid: h.at.toISOString(), typ: h.type, uppgifter: h.data })),
      })),
      inloggningar: signIns.map((i) => ({
        tid: i.at.toISOString(),
        satt: i.method,
        avslutad: i.ended?.toISOString() ?? null,
      })),
      vemHarLastOmDig: extract.map((r) => extractEntry(r, names)),
    };
  });
}

/** The names of every unit and principal the download mentions. */
function namesOf(tx: Db, own: OwnSip[], extract: ExtractRow[]) {
  const sips = own.map((o) => o.sip);
  return organisationNames(tx, {
    unitIds: unique([
      ...sips.flatMap((s) => [s.conveningUnitId, ...s.invitations.map((i) => i.unitId)]),
      ...own.flatMap((o) => o.versions.flatMap((v) => planUnitIds(v.content))),
      ...extract.flatMap((r) => (r.unitId ? [r.unitId] : [])),
    ]),
    principalIds: unique([
      ...sips.flatMap((s) => [s.conveningPrincipalId, ...(s.consent?.principalIds ?? [])]),
      ...own.flatMap((o) => o.changes.flatMap((c) => (c.principalId ? [c.principalId] : []))),
      ...extract.flatMap((r) => (r.principalId ? [r.principalId] : [])),
    ]),
  });
}

function recordEntry(record: OwnRecord) {
  return {
    personnummer: formatIdentityNumber(record.personalIdentityNumber),
    namnNarDuRegistreradesForstaGangen: record.name,
    skyddadePersonuppgifter: record.protectedIdentity,
    registrerad: record.registeredAt.toISOString(),
  };
}

/** One SIP as the download holds it: the SIP, its consent and the consent's history, invitations, plans. */
function planEntry({ sip: s, versions, changes }: OwnSip, names: Names) {
  return {
    id: s.id,
    lan: s.countyCode,
    namnIPlanen: s.personName,
    status: statusText[s.status],
    sammankallande: names.unitWithPrincipal(s.conveningUnitId),
    varforEnSip: s.reason,
    begardAv: s.requestedBy,
    harBarn: s.hasChildren,
    startad: s.createdAt.toISOString(),
    avslutad: s.closedOn ? { datum: s.closedOn, skal: s.closureReason, anteckning: s.closureNote } : null,
    samtycke: s.consent && {
      givet: s.consent.givenOn,
      form: s.consent.form === 'written' ? 'skriftligt' : 'muntligt',
      huvudman: s.consent.principalIds.map(names.principal),
      andraParter: s.consent.otherParties,
      narstaendeFarVaraMed: s.consent.relativesMayTakePart,
      deltogIBeslutet: s.consent.decisionParticipants,
      aterkallat: s.consent.withdrawnOn,
    },
    samtyckeshistorik: changes.map((c) => ({
      datum: c.changedOn,
      andring: c.kind,
      huvudman: c.principalId ? names.principal(c.principalId) : null,
      av: c.actor === 'person' ? 'du själv, med e-legitimation' : 'enheten som sammankallar',
    })),
    kallelser: s.invitations.map((i) => ({
      enhet: names.unitWithPrincipal(i.unitId),
      mote: i.meetingAt.toISOString(),
      plats: i.place,
      videolank: i.videoLink,
      andraSomKallas: i.externalParticipants,
      svar: i.status,
      skalAttTackaNej: i.declineReason,
    })),
    planversioner: versions.map((v) => versionEntry(v, names)),
    uppfoljningar: s.followUps.map((f) => ({
      hallen: f.heldOn,
      planversion: f.planVersion,
      utfall: f.outcomes,
      nastaUppfoljning: f.nextFollowUpOn,
    })),
  };
}

function versionEntry(v: OwnSip['versions'][number], names: Names) {
  return {
    version: v.version,
    sparad: v.savedAt.toISOString(),
    dinaEgnaOrd: v.content.personsOwnWords,
    mal: v.content.goals,
    insatser: v.content.interventions.map((i) => ({ vad: i.description, vem: responsibleName(i, names) })),
    overgripandeAnsvar: names.unitWithPrincipal(v.content.overallResponsibility.unitId),
    uppfoljningSenast: v.content.followUpOn,
    barnsBehovBeaktade: v.content.childrenConsidered,
    barnAnteckning: v.content.childrenNote ?? null,
    tvangsvard: v.content.compulsoryCare?.law ?? null,
  };
}
export type MyData = Awaited<ReturnType<typeof collectMyData>>;

type Names = Awaited<ReturnType<typeof organisationNames>>;

/** One row of the access log as the person sees it: when, who (a unit and principal, or they themself), what. */
export function extractEntry(r: ExtractRow, names: Names) {
  const self = r.actor === 'person';
  return {
    tid: r.at.toISOString(),
    vem: self ? 'Du själv' : (r.unitName ?? 'Okänd enhet'),
    huvudman: self ? null : names.principal(r.principalId ?? ''),
    atkomst: actionWord[r.action] ?? r.action,
    vad: accessKindText(r.objectType, r.action),
  };
}

/** The same data as a PDF, in plain Swedish. */
export async function myDataPdf(data: MyData): Promise<Buffer> {
  const line = (label: string, value: string) => ({ text: [{ text: `${label}: `, bold: true }, value] });
  const content: Content[] = [
    { text: 'Allt som Sömlös sparar om dig', style: 'title' },
    { text: data.om, style: 'subtitle' },
    { text: 'Om dig', style: 'heading' },
    line('Personnummer', data.person.personnummer),
    line('Namn när du registrerades första gången', data.person.namnNarDuRegistreradesForstaGangen),
    line('Skyddade personuppgifter', data.person.skyddadePersonuppgifter ? 'ja' : 'nej'),
  ];
  for (const p of data.planer) {
    content.push(
      { text: `Plan hos ${p.sammankallande}`, style: 'heading' },
      line('Status', p.status ?? ''),
      line('Startad', dayText(new Date(p.startad))),
      line('Varför en SIP behövs', p.varforEnSip),
    );
    if (p.samtycke)
      content.push(
        line('Samtycke', `givet ${dayText(p.samtycke.givet)}, ${p.samtycke.form}`),
        line('Får dela information', p.samtycke.huvudman.join(', ')),
        line('Närstående får vara med', p.samtycke.narstaendeFarVaraMed ? 'ja' : 'nej'),
      );
    for (const c of p.samtyckeshistorik)
      content.push(
        line(`Ändrat ${dayText(c.datum)}`, `${c.andring}${c.huvudman ? ` (${c.huvudman})` : ''}, av ${c.av}`),
      );
    for (const v of [...p.planversioner].reverse())
      content.push(
        {
          text: `Planversion ${v.version}, sparad ${dayText(new Date(v.sparad))}`,
          bold: true,
          margin: [0, 8, 0, 2],
        },
        line('Dina egna ord', v.dinaEgnaOrd || '–'),
        line('Mål', v.mal.join('; ') || '–'),
        line('Insatser', v.insatser.map((i) => `${i.vad} (${i.vem})`).join('; ') || '–'),
      );
    for (const k of p.kallelser)
      content.push(
        line('Kallelse', `${k.enhet}, möte ${momentText(new Date(k.mote))}${k.plats ? `, ${k.plats}` : ''}`),
      );
    for (const t of p.tvister) content.push(line('Tvist', `${t.rubrik} (${t.status})`));
  }
  content.push({ text: 'Vem har läst om dig', style: 'heading' });
  content.push({
    table: {
      headerRows: 1,
      widths: [110, '*', 70],
      body: [
        [
          { text: 'När', bold: true },
          { text: 'Vem', bold: true },
          { text: 'Vad', bold: true },
        ],
        ...data.vemHarLastOmDig.map((r) => [
          momentText(new Date(r.tid)),
          r.huvudman ? `${r.vem}, ${r.huvudman}` : r.vem,
          r.vad,
        ]),
      ],
    },
    layout: 'lightHorizontalLines',
  });
  return renderDocumentPdf({
    metaTitle: 'Mina uppgifter',
    content,
    footer: `Skapad ${isoDate(new Date(data.skapad))} åt dig själv`,
  });
}

/**
 * One plan as a PDF for the person, logged as a print. A printout leaves Sömlös, so a person with protected
 * identity is not named in it, as in staff's printouts (sip/print-plan.ts).
 */
export async function printMyPlan(ctx: PersonContext, sipId: string): Promise<Buffer> {
  const document = await readOwnSip(
    ctx,
    sipId,
    async (tx, { sip }, grant) => {
      if (!sip.plan) throw conflict('Det finns ingen plan att skriva ut än.');
      const plan = sip.plan.content;
      const names = await organisationNames(tx, {
        unitIds: [sip.conveningUnitId, ...planUnitIds(plan)],
        principalIds: sip.consent?.principalIds ?? [],
      });
      const person = presentPerson(grant.person, 'elsewhere');
      return {
        person: { name: person.name, personalIdentityNumber: person.personalIdentityNumber },
        countyName: (await findCounty(tx, sip.countyCode))?.name ?? sip.countyCode,
        conveningUnitName: names.unitWithPrincipal(sip.conveningUnitId),
        consent: sip.consent && {
          givenAt: sip.consent.givenOn,
          form: sip.consent.form,
          principalNames: sip.consent.principalIds.map(names.principal),
        },
        plan: {
          version: sip.plan.version,
          savedAt: isoDate(sip.plan.savedAt),
          personsOwnWords: plan.personsOwnWords,
          goals: plan.goals,
          interventions: plan.interventions.map((i) => ({
            description: i.description,
            responsible: responsibleName(i, names),
          })),
          overallResponsibility: names.unitWithPrincipal(plan.overallResponsibility.unitId),
          followUpOn: sip.followUpDueOn ?? plan.followUpOn,
          childrenConsidered: plan.childrenConsidered,
          compulsoryCare: plan.compulsoryCare ?? null,
        },
        printedAt: isoDate(ctx.now),
        printedBy: 'dig själv, med e-legitimation',
      };
    },
    { action: 'print' },
  );
  return planPdf(document);
}
