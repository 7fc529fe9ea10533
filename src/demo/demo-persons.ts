import { TZDate } from '@date-fns/tz';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { acknowledgeStay } from '../modules/discharge/acknowledge.ts';
import { dischargePatient } from '../modules/discharge/discharge-patient.ts';
import { notifyAdmission } from '../modules/discharge/notify-admission.ts';
import { markReady } from '../modules/discharge/readiness.ts';
import { users } from '../modules/organisations/schema.ts';
import { answerInvitation } from '../modules/sip/answer-invitation.ts';
import { closeSip } from '../modules/sip/close-sip.ts';
import { inviteUnits } from '../modules/sip/invite-unit.ts';
import { readSip } from '../modules/sip/read-sips.ts';
import { recordAssessment } from '../modules/sip/record-assessment.ts';
import { recordConsent } from '../modules/sip/record-consent.ts';
import { recordMeeting } from '../modules/sip/record-meeting.ts';
import { savePlan } from '../modules/sip/save-plan.ts';
import { sips } from '../modules/sip/schema.ts';
import { startSip } from '../modules/sip/start-sip.ts';
import { loadCurrentUser } from '../platform/auth/current-user.ts';
import { isoDate, timeZone } from '../platform/clock.ts';
import type { UserContext } from '../platform/http/context.ts';

// The demo's persons (issue 26, the person's own pages of the my-plans module): people with SIPs in Dalarna whom
// the demo e-ID provider knows by a login name and an identity number, so that "Mina planer" can be tried out of
// the box. Their SIPs (and Maja Björk's stay in inpatient care) are made by the SIP and discharge modules' own use
// cases, acted by Dalarna's demo staff on days before the demo's clock, so their access log is real: the person's
// extract shows the units that started, wrote and read the plan. The identity numbers are valid in form but made up for the demo; none is used by the test suite's own
// persons. main.ts loads them beside the demo data (load-demo.ts).

export type DemoPerson = { login: string; identityNumber: string; name: string; shows: string };

export const demoPersons: DemoPerson[] = [
  {
    login: 'maja.bjork',
    identityNumber: '198003122382',
    name: 'Maja Björk',
    shows: 'En plan som pågår och en som är avslutad, och en tid på sjukhus',
  },
  {
    login: 'leo.strom',
    identityNumber: '197511249026',
    name: 'Leo Ström',
    shows: 'En plan som väntar på samtycke',
  },
  {
    login: 'elsa.lind',
    identityNumber: '201405052489',
    name: 'Elsa Lind',
    shows: 'Ett barn: planen visas inte',
  },
  { login: 'nils.holm', identityNumber: '196906174013', name: 'Nils Holm', shows: 'Ingen plan' },
];

/** The demo persons as the demo e-ID provider knows them. */
export const demoPersonAccounts = () =>
  demoPersons.map((p) => ({ login: p.login, identityNumber: p.identityNumber }));

const reason = 'Behöver stöd från både psykiatrin och socialtjänsten för att kunna bo kvar i egen lägenhet.';
const day = 24 * 60 * 60 * 1000;

/** Acting on the demo's clock: `days` before (or after) it, as a demo account. */
type Demo = {
  at: (days: number) => Date;
  as: (username: string, days: number) => Promise<UserContext>;
  meeting: (days: number, hour: number) => string;
  units: { falun: string; borlange: string; psychiatry: string };
};
const psychiatry = 'psykiatri.falun';

const person = (login: string) => {
  const p = demoPersons.find((x) => x.login === login)!;
  return { personalIdentityNumber: p.identityNumber, name: p.name };
};

/**
 * Makes the demo persons' SIPs once (a database that has Maja Björk's open SIP is left alone). `now` is the
 * demo's clock: the SIPs' days are counted back from it, and the next meeting lies ahead of it.
 */
export async function loadDemoPersons(db: Db, now: Date): Promise<boolean> {
  const [done] = await db
    .select({ id: sips.id })
    .from(sips)
    .where(and(eq(sips.personName, 'Maja Björk'), eq(sips.reason, reason)))
    .limit(1);
  if (done) return false;
  const at = (days: number) => new Date(now.getTime() + days * day);
  const as = async (username: string, days: number): Promise<UserContext> => {
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
    if (!row) throw new Error(`demo account ${username} missing`);
    const user = (await loadCurrentUser(db, row.id))!;
    return { db, now: at(days), user, session: null, requestId: 'demo', publicUrl: '' };
  };
  const meeting = (days: number, hour: number) => {
    const d = new TZDate(at(days), timeZone);
    return new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), hour, 0, 0, timeZone).toISOString();
  };
  const unitOf = async (username: string) => (await as(username, 0)).user.unit.id;
  const units = {
    falun: await unitOf('soc.falun'),
    borlange: await unitOf('soc.borlange'),
    psychiatry: await unitOf(psychiatry),
  };
  const demo: Demo = { at, as, meeting, units };
  await majasEarlierPlan(demo);
  await majasStay(demo);
  await majasPlan(demo);
  await leosAndElsasPlans(demo);
  return true;
}

/** Maja Björk first had a plan, convened by Falun's social services, closed when its goals were met. */
async function majasEarlierPlan({ at, as, meeting, units }: Demo) {
  const earlier = await startSip(await as('soc.falun', -500), {
    person: person('maja.bjork'),
    reason: 'Behöver hjälp att komma tillbaka till arbete och vardag efter en tid på sjukhus.',
    requestedBy: 'staff',
    hasChildren: false,
  });
  await recordConsent(await as('soc.falun', -498), earlier.id, {
    givenAt: isoDate(at(-498)),
    form: 'verbal',
    principalIds: ['municipality-2080', 'region-20'],
    relativesMayTakePart: true,
  });
  const old = await inviteUnits(await as('soc.falun', -498), earlier.id, {
    unitIds: [units.psychiatry],
    meetingAt: meeting(-490, 9),
    place: 'Socialtjänsten i Falun',
  });
  await answerInvitation(await as(psychiatry, -497), old[0]!.id, { accepted: true });
  await savePlan(await as('soc.falun', -490), earlier.id, {
    interventions: [
      { description: 'Stöd att hitta ett arbete', responsibleUnitId: units.falun },
      { description: 'Samtal om hur det går', responsibleUnitId: units.psychiatry },
    ],
    overallResponsibility: { unitId: units.falun },
    goals: ['Börja arbeta några timmar i veckan'],
    personsOwnWords: 'Jag vill komma tillbaka till ett vanligt liv.',
    followUpOn: isoDate(at(-400)),
    childrenConsidered: null,
  });
  await closeSip(await as('soc.falun', -300), earlier.id, { reason: 'goalsMet' });
}

/** Maja Björk: a plan in progress (two versions, the next meeting ahead), read by Borlänge's social services. */
async function majasPlan({ at, as, meeting, units }: Demo) {
  const { falun, borlange } = units;
  const sip = await startSip(await as(psychiatry, -70), {
    person: person('maja.bjork'),
    reason,
    requestedBy: 'person',
    hasChildren: false,
  });
  await recordConsent(await as(psychiatry, -68), sip.id, {
    givenAt: isoDate(at(-68)),
    form: 'written',
    principalIds: ['region-20', 'municipality-2080', 'municipality-2081'],
    relativesMayTakePart: false,
    decisionParticipants: ['person'],
  });
  const first = await inviteUnits(await as(psychiatry, -68), sip.id, {
    unitIds: [falun, borlange],
    meetingAt: meeting(-55, 13),
    place: 'Vuxenpsykiatrin, Falu lasarett',
  });
  for (const [username, unitId, days] of [
    ['soc.falun', falun, -66],
    ['soc.borlange', borlange, -65],
  ] as const)
    await answerInvitation(await as(username, days), first.find((i) => i.unitId === unitId)!.id, {
      accepted: true,
    });
  await majasAssessmentAndMeeting({ at, as, meeting, units }, sip.id);
  await savePlan(
    await as(psychiatry, -55),
    sip.id,
    majasPlanVersion(
      { at, units },
      ['Bo kvar i min lägenhet', 'Ha något att göra på dagarna'],
      'Jag vill klara mig själv hemma. Jag vill träffa folk och inte vara ensam hela dagarna.',
      30,
    ),
  );
  await savePlan(
    await as(psychiatry, -20),
    sip.id,
    majasPlanVersion(
      { at, units },
      ['Bo kvar i min lägenhet', 'Ha något att göra på dagarna', 'Laga min egen mat igen'],
      'Jag vill klara mig själv hemma. Det går bättre nu. Jag vill börja laga mat själv igen.',
      40,
    ),
  );
  await readSip(await as('soc.borlange', -10), sip.id);
  const next = await inviteUnits(await as(psychiatry, -5), sip.id, {
    unitIds: [falun, borlange],
    meetingAt: meeting(9, 10),
    place: 'Socialtjänsten i Borlänge',
    videoLink: 'https://mote.example.invalid/sip-demo',
  });
  await answerInvitation(await as('soc.falun', -4), next.find((i) => i.unitId === falun)!.id, {
    accepted: true,
  });
}

/**
 * Before the plan: the psychiatry's and Falun's needs assessments, by life area with what Maja wants, and the first
 * meeting as held, with the units that came and another party by role (the name is typed, and never shown to Maja).
 */
async function majasAssessmentAndMeeting({ at, as, units }: Demo, sipId: string) {
  await recordAssessment(await as(psychiatry, -60), sipId, {
    areas: [
      {
        area: 'housing',
        situation: 'Bor i egen lägenhet. Har haft svårt att sköta hemmet efter tiden på sjukhuset.',
        strengths: 'Tycker om sin lägenhet och vill vara kvar.',
        wishes: 'Vill klara städning och tvätt själv igen.',
      },
      {
        area: 'health',
        situation: 'Tar sin medicin. Sover dåligt ibland.',
        strengths: 'Säger till när hon mår sämre.',
        wishes: 'Vill sova bättre.',
      },
    ],
  });
  await recordAssessment(await as('soc.falun', -58), sipId, {
    areas: [
      {
        area: 'occupation',
        situation: 'Är hemma de flesta dagar.',
        strengths: 'Har arbetat i kök förut.',
        wishes: 'Vill ha något att göra på dagarna, gärna med mat.',
      },
    ],
  });
  await recordMeeting(await as(psychiatry, -55), sipId, {
    heldOn: isoDate(at(-55)),
    personsParticipation: 'present',
    participants: [
      { kind: 'unit', unitId: units.psychiatry, role: 'Sammankallande', attended: true },
      { kind: 'unit', unitId: units.falun, role: 'Biståndshandläggare', attended: true },
      { kind: 'unit', unitId: units.borlange, role: 'Boendestöd', attended: true },
      {
        kind: 'external',
        name: 'Kerstin Kassa (påhittad)',
        role: 'Handläggare på Försäkringskassan',
        attended: false,
      },
    ],
    notes: 'Maja vill börja med boendestöd och träffpunkten. Vi ses igen om en månad.',
  });
}

/**
 * Maja Björk was in the psychiatric inpatient care in Falun before her current plan: the hospital told Falun's
 * social services and the outpatient psychiatry, which named a fasta vårdkontakt; she went home after eight days.
 */
async function majasStay({ at, as, units }: Demo) {
  const stay = await notifyAdmission(await as('heldygn.falun', -80), {
    person: person('maja.bjork'),
    admittedAt: new Date(at(-80).getTime() - 3 * 60 * 60 * 1000).toISOString(),
    expectedReadyOn: isoDate(at(-73)),
    municipalityPrincipalId: 'municipality-2080',
    units: [
      { unitId: units.falun, kind: 'socialServices' },
      { unitId: units.psychiatry, kind: 'regionalOutpatient' },
    ],
  });
  await acknowledgeStay(await as('soc.falun', -80), stay.id, {});
  await acknowledgeStay(await as(psychiatry, -79), stay.id, {
    fastVardkontakt: 'Sjuksköterska på mottagningen (påhittad)',
  });
  await markReady(await as('heldygn.falun', -74), stay.id, { judgedAt: at(-74).toISOString() });
  await dischargePatient(await as('heldygn.falun', -72), stay.id, {
    dischargedOn: isoDate(at(-72)),
    informationTransferredOn: isoDate(at(-72)),
    summary: {
      care: 'Psykiatrisk heldygnsvård och ny medicin (påhittad demo).',
      sipPlannedOn: isoDate(at(-68)),
      existingPlans: '',
    },
  });
}

function majasPlanVersion(
  { at, units }: Pick<Demo, 'at' | 'units'>,
  goals: string[],
  ownWords: string,
  followUpDays: number,
) {
  const started = isoDate(at(-50));
  return {
    interventions: [
      {
        description: 'Boendestöd två gånger i veckan',
        responsibleUnitId: units.borlange,
        startsOn: started,
        endsOn: null,
        status: 'ongoing' as const,
        personsView: 'Det hjälper mig att komma igång med tvätten.',
      },
      {
        description: 'Daglig verksamhet på träffpunkten tre dagar i veckan',
        responsibleUnitId: units.falun,
        startsOn: started,
        endsOn: isoDate(at(130)),
        status: 'ongoing' as const,
        personsView: 'Jag tycker om att laga mat där.',
      },
      {
        description: 'Samtal och uppföljning av medicinen var fjärde vecka',
        responsibleUnitId: units.psychiatry,
        startsOn: started,
        endsOn: null,
        status: 'ongoing' as const,
        personsView: null,
      },
    ],
    overallResponsibility: { unitId: units.psychiatry },
    goals,
    personsOwnWords: ownWords,
    followUpOn: isoDate(at(followUpDays)),
    childrenConsidered: null,
  };
}

/** Leo Ström's SIP waits for his consent; Elsa Lind's, a child's, is shown to no one but staff (decision 0022). */
async function leosAndElsasPlans({ at, as }: Demo) {
  await startSip(await as('soc.borlange', -3), {
    person: person('leo.strom'),
    reason: 'Behöver samordnat stöd kring boende och sysselsättning.',
    requestedBy: 'relative',
    hasChildren: null,
  });
  const child = await startSip(await as('soc.falun', -30), {
    person: person('elsa.lind'),
    reason: 'Behöver stöd från skolan, socialtjänsten och barn- och ungdomspsykiatrin.',
    requestedBy: 'guardian',
    hasChildren: false,
  });
  await recordConsent(await as('soc.falun', -29), child.id, {
    givenAt: isoDate(at(-29)),
    form: 'written',
    principalIds: ['municipality-2080', 'region-20'],
    relativesMayTakePart: true,
    // A child's consent is given by a guardian, named in it.
    guardians: [{ name: 'Karin Lind' }],
  });
}
