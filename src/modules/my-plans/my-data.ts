import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type ExtractRow, exportOwnData, type OwnRecord } from '../../platform/access/person-self.ts';
import { personSessions } from '../../platform/auth/person-schema.ts';
import { events } from '../../platform/events/schema.ts';
import type { PersonContext } from '../../platform/http/context.ts';
import { formatIdentityNumber } from '../../platform/people/identity-number.ts';
import { type OwnStay, ownStaysExport } from '../discharge/index.ts';
import { unscopedDisputesOfSips } from '../disputes/index.ts';
import { organisationNames } from '../organisations/index.ts';
import { type OwnSip, ownSipsExport } from '../sip/index.ts';
import {
  assessmentOf,
  contentIds,
  evaluationOf,
  interventionsOf,
  meetingsHeldOf,
  type Names,
  placementOf,
} from './plan-content.ts';
import {
  accessKindText,
  actionWord,
  concernedText,
  planKindText,
  statusText,
  stayStatusWord,
} from './present.ts';

// "Mina uppgifter" (issue 26 item 5, GDPR art. 15): everything Sömlös holds about the person, as JSON (here) and
// as PDF (my-data-pdf.ts). Gathered through the person's path of the access layer, which logs the download as an
// export of each SIP and each stay in inpatient care. What it holds: the person's record (identity number, the
// name first registered, protected identity), every SIP with its kind, consent and the consent's history,
// invitations, the needs assessment, the meetings held, every plan version in full and the follow-ups, the
// evaluation at closure, the disputes linked to a SIP (their titles: the text is de-identified and between
// principals), every stay in inpatient care (dates, status, the units told, the summary at discharge), the domain
// events of both (ids and codes), the person's own sign-ins, and the whole extract of the access log. Never a
// staff member's name or username, nor the name of anyone else at a meeting (decision 0022).

const unique = (ids: string[]) => [...new Set(ids)];

/** The person's data as one object with Swedish keys, for the JSON file and the PDF alike. */
export function collectMyData(ctx: PersonContext) {
  return exportOwnData(
    ctx,
    { sips: ownSipsExport, stays: ownStaysExport },
    async (tx, record, { sips: own, stays }, extract) => {
      const ids = own.map((o) => o.sip.id);
      const names = await namesOf(tx, own, stays, extract);
      const linked = await unscopedDisputesOfSips(tx, ids);
      const happenings = await eventsOf(tx, [...ids, ...stays.map((s) => s.id)]);
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
          handelser: happenings(o.sip.id),
        })),
        tidPaSjukhus: stays.map((s) => ({ ...stayEntry(s, names), handelser: happenings(s.id) })),
        inloggningar: signIns.map((i) => ({
          tid: i.at.toISOString(),
          satt: i.method,
          avslutad: i.ended?.toISOString() ?? null,
        })),
        vemHarLastOmDig: extract.map((r) => extractEntry(r, names)),
      };
    },
  );
}
export type MyData = Awaited<ReturnType<typeof collectMyData>>;

/** The domain events about the SIPs and stays (ids and codes), by what they are about. */
async function eventsOf(tx: Db, subjectIds: string[]) {
  const rows = subjectIds.length
    ? await tx
        .select({ at: events.at, type: events.type, subjectId: events.subjectId, data: events.data })
        .from(events)
        .where(
          and(inArray(events.subjectType, ['sip', 'dischargeStay']), inArray(events.subjectId, subjectIds)),
        )
        .orderBy(asc(events.seq))
    : [];
  return (subjectId: string) =>
    rows
      .filter((h) => h.subjectId === subjectId)
      .map((h) => ({ tid: h.at.toISOString(), typ: h.type, uppgifter: h.data }));
}

/** The names of every unit and principal the download mentions. */
function namesOf(tx: Db, own: OwnSip[], stays: OwnStay[], extract: ExtractRow[]) {
  const ofSips = own.map(contentIds);
  return organisationNames(tx, {
    unitIds: unique([
      ...ofSips.flatMap((i) => i.unitIds),
      ...stays.flatMap((s) => [s.inpatientUnitId, ...s.units.map((u) => u.unitId)]),
      ...extract.flatMap((r) => (r.unitId ? [r.unitId] : [])),
    ]),
    principalIds: unique([
      ...ofSips.flatMap((i) => i.principalIds),
      ...stays.flatMap((s) => [s.inpatientPrincipalId, s.municipalityPrincipalId]),
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
function planEntry(own: OwnSip, names: Names) {
  const { sip: s, versions, changes } = own;
  return {
    id: s.id,
    lan: s.countyCode,
    namnIPlanen: s.personName,
    typAvPlan: { kod: s.planKind, text: planKindText[s.planKind] ?? s.planKind },
    status: statusText[s.status],
    sammankallande: names.unitWithPrincipal(s.conveningUnitId),
    varforEnSip: s.reason,
    begardAv: s.requestedBy,
    harBarn: s.hasChildren,
    startad: s.createdAt.toISOString(),
    avslutad: s.closedOn ? { datum: s.closedOn, skal: s.closureReason, anteckning: s.closureNote } : null,
    utvardering: evaluationEntry(own),
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
    ...contentEntry(own, names),
    planversioner: versions.map((v) => versionEntry(v, names)),
    uppfoljningar: s.followUps.map((f) => ({
      hallen: f.heldOn,
      planversion: f.planVersion,
      utfall: f.outcomes,
      nastaUppfoljning: f.nextFollowUpOn,
    })),
  };
}

/** The evaluation at closure: were the goals met, what the person said, the note. */
function evaluationEntry({ sip }: OwnSip) {
  const e = evaluationOf(sip);
  return e && { naddesMalen: e.goalsMet, detDuSa: e.personsView, anteckning: e.note };
}

/** The needs assessment by life area, and the meetings held with who took part (by unit or role, no name). */
function contentEntry({ sip }: OwnSip, names: Names) {
  return {
    kartlaggning: assessmentOf(sip, names).map((a) => ({
      omrade: a.area,
      vadEnheternaSkrev: a.entries.map((e) => ({
        enhet: e.unit,
        datum: e.on.toISOString(),
        detHarVillDu: e.wishes,
        detHarArDuBraPa: e.strengths,
        saHarDuDet: e.situation,
      })),
    })),
    moten: [...meetingsHeldOf(sip, names)].reverse().map((m) => ({
      datum: m.heldOn,
      duDeltog: m.participation,
      deltog: m.attended,
      deltogInte: m.absent,
      anteckningar: m.notes,
    })),
  };
}

function versionEntry(v: OwnSip['versions'][number], names: Names) {
  return {
    version: v.version,
    sparad: v.savedAt.toISOString(),
    dinaEgnaOrd: v.content.personsOwnWords,
    mal: v.content.goals,
    insatser: interventionsOf(v.content, names).map((i) => ({
      vad: i.what,
      vem: i.who,
      start: i.startsOn,
      slut: i.endsOn,
      tillsVidare: i.endsOn === null,
      nar: i.when,
      lage: i.status,
      dinSyn: i.view,
    })),
    boendeUtanforHemmet: placementOf(v.content, names)?.map((l) => ({ vad: l.label, text: l.text })) ?? null,
    overgripandeAnsvar: names.unitWithPrincipal(v.content.overallResponsibility.unitId),
    uppfoljningSenast: v.content.followUpOn,
    barnsBehovBeaktade: v.content.childrenConsidered,
    barnAnteckning: v.content.childrenNote ?? null,
    tvangsvard: v.content.compulsoryCare?.law ?? null,
    narstaendeVarMedNarPlanenGjordes: v.content.relativesTookPart ?? null,
    varforBaraEnHuvudman: v.content.singlePrincipalReason ?? null,
  };
}

/** One stay in inpatient care as the download holds it: dates, status, the units told; no member of staff. */
function stayEntry(s: OwnStay, names: Names) {
  return {
    id: s.id,
    lan: s.countyCode,
    namnSomSjukhusetSkrev: s.personName,
    sjukhus: names.unitWithPrincipal(s.inpatientUnitId),
    kommunSomBetalar: names.principal(s.municipalityPrincipalId),
    status: stayStatusWord[s.status] ?? s.status,
    inlagd: s.admittedAt.toISOString(),
    meddelandetSkickades: s.noticeSentAt.toISOString(),
    beraknatKlar: s.expectedReadyOn,
    beraknatKlarAndringar: s.expectedDates.map((e) => ({
      datum: e.expectedReadyOn,
      satt: e.setAt.toISOString(),
    })),
    klarAttSkrivasUt: s.readiness.map((r) => ({
      bedomt: r.judgedAt.toISOString(),
      enheternaFickVeta: r.notifiedAt.toISOString(),
      inteLangreKlar: r.revokedAt?.toISOString() ?? null,
    })),
    utskriven: s.dischargedOn,
    informationenFordesOver: s.informationTransferredOn,
    sammanfattningVidUtskrivning: s.summary && {
      vard: s.summary.care,
      sipPlaneradTill: s.summary.sipPlannedOn,
      planerSomFinns: s.summary.existingPlans,
    },
    enheterSomFickVeta: s.units.map((u) => ({
      enhet: names.unitWithPrincipal(u.unitId),
      slag: concernedText[u.kind] ?? u.kind,
      fickVeta: u.notifiedAt.toISOString(),
      svarade: u.acknowledgedAt?.toISOString() ?? null,
      fastVardkontaktUtsedd: u.fastVardkontaktNamed,
      forbereder: u.preparation,
    })),
    sip: s.sipId,
    dagarSomKommunenBestrider: s.disputedDays,
  };
}

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
