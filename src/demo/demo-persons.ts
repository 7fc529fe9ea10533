import { TZDate } from '@date-fns/tz';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../modules/organisations/schema.ts';
import { answerInvitation } from '../modules/sip/answer-invitation.ts';
import { closeSip } from '../modules/sip/close-sip.ts';
import { inviteUnits } from '../modules/sip/invite-unit.ts';
import { readSip } from '../modules/sip/read-sips.ts';
import { recordConsent } from '../modules/sip/record-consent.ts';
import { savePlan } from '../modules/sip/save-plan.ts';
import { sips } from '../modules/sip/schema.ts';
import { startSip } from '../modules/sip/start-sip.ts';
import { loadCurrentUser } from '../platform/auth/current-user.ts';
import { isoDate, timeZone } from '../platform/clock.ts';
import type { UserContext } from '../platform/http/context.ts';

// The demo's persons (issue 26, the person's own pages of the my-plans module): people with SIPs in Dalarna whom
// the demo e-ID provider knows by a login name and an identity number, so that "Mina planer" can be tried out of
// the box. Their SIPs are made by the SIP module's own use cases, acted by Dalarna's demo staff on days before the
// demo's clock, so their access log is real: the person's extract shows the staff who started, wrote and read the
// plan. The identity numbers are valid in form but made up for the demo; none is used by the test suite's own
// persons. main.ts loads them beside the demo data (load-demo.ts).

export type DemoPerson = { login: string; identityNumber: string; name: string; shows: string };

export const demoPersons: DemoPerson[] = [
  {
    login: 'maja.bjork',
    identityNumber: '198003122382',
    name: 'Maja Björk',
    shows: 'En plan som pågår och en som är avslutad',
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

function majasPlanVersion(
  { at, units }: Pick<Demo, 'at' | 'units'>,
  goals: string[],
  ownWords: string,
  followUpDays: number,
) {
  return {
    interventions: [
      { description: 'Boendestöd två gånger i veckan', responsibleUnitId: units.borlange },
      { description: 'Daglig verksamhet på träffpunkten tre dagar i veckan', responsibleUnitId: units.falun },
      {
        description: 'Samtal och uppföljning av medicinen var fjärde vecka',
        responsibleUnitId: units.psychiatry,
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
