import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { createPersonSession, personSessionCookie } from '../../src/platform/auth/person-sessions.ts';
import { sessionCookie } from '../../src/platform/http/guard.ts';
import { Browser } from '../helpers/browser.ts';
import { personIdOf } from '../helpers/person.ts';
import type { TestServer } from '../helpers/server.ts';

// The world the authorization matrix calls every route in: Värmland's demo data, one SIP with consent and
// invitations, a deviation, a dispute, and an account and a unit made only so that administration's
// destructive routes have something of their own to act on. The subjects are Värmland's users, except the one
// from another county.

export const NOW = '2026-11-26T10:00:00Z';

/** The matrix's columns, in this order in every row of the table. */
export const subjects = [
  { key: 'anonymous', username: null },
  { key: 'otherCounty', username: 'soc.orebro' },
  { key: 'uninvolved', username: 'soc.arvika' },
  { key: 'involved', username: 'soc.karlstad' },
  { key: 'manager', username: 'chef.soc.karlstad' },
  { key: 'governance', username: 'beredning.varmland' },
  { key: 'logReviewer', username: 'logg.regionvarmland' },
  { key: 'countyAdmin', username: 'admin.varmland' },
  { key: 'agreementAdmin', username: 'avtal.varmland' },
] as const;
export type StaffKey = (typeof subjects)[number]['key'];

/**
 * The person's side (issue 26), called on every route too, answers compared in authorization-table.ts's
 * `personMatrix` on the person's own routes and with anonymous's everywhere else: the person the world's SIP is
 * about (Tolvan), another person with a SIP of their own, the person's token in the staff cookie (and as a
 * Bearer token), and a staff member's token (soc.karlstad's, who takes part in the SIP) in the person's cookie.
 */
export const personSubjects = [
  { key: 'person' },
  { key: 'otherPerson' },
  { key: 'personAsStaff' },
  { key: 'staffAsPerson' },
] as const;
export type PersonKey = (typeof personSubjects)[number]['key'];
export type SubjectKey = StaffKey | PersonKey;
const persons = { person: '19121212-1212', otherPerson: '19640823-3234' };

export type Session = { userId: string | null; token?: string; browser: Browser; csrf?: string };

export type World = {
  ids: Record<string, string>;
  sessions: Map<SubjectKey, Session>;
  /** Every person's name and identity number forms, to find person data in a response body. */
  personMarkers: { personId: string; marker: string }[];
  /** A new session for one subject, API or web (for the routes that end the session they are called with). */
  freshSession: (key: SubjectKey, kind: 'api' | 'web') => Promise<Session>;
};

export async function buildWorld(s: TestServer): Promise<World> {
  const as = async (username: string) => s.login(username, { now: NOW });
  const call = async (token: string, method: string, path: string, body?: unknown, expected = 201) => {
    const res = await s.api(method, path, { token, body, now: NOW });
    assert.equal(res.status, expected, `${method} ${path}: ${res.text}`);
    return res.body;
  };
  const convener = await as('psykiatri.karlstad');
  const unitOf = async (username: string) =>
    (await s.api('GET', '/api/me', { token: await as(username), now: NOW })).body.unit.id as string;
  const karlstadUnit = await unitOf('soc.karlstad');
  const psychiatryUnit = await unitOf('psykiatri.karlstad');
  const sip = await call(convener, 'POST', '/api/sips', {
    person: { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' },
    reason: 'Behöver samordnade insatser',
  });
  await call(
    convener,
    'POST',
    `/api/sips/${sip.id}/consent`,
    {
      givenAt: '2026-11-20',
      form: 'written',
      principalIds: ['region-17', 'municipality-1780'],
      relativesMayTakePart: true,
    },
    200,
  );
  // The municipality's unit has accepted a first meeting, so it takes part and may be named in the plan and
  // write it; the matrix answers the invitation to the second, which waits for its answer.
  const invite = (meetingAt: string) =>
    call(convener, 'POST', `/api/sips/${sip.id}/invitations`, { unitId: karlstadUnit, meetingAt });
  const first = await invite('2026-12-01T13:00:00+01:00');
  await call(
    await as('soc.karlstad'),
    'POST',
    `/api/invitations/${first.id}/answer`,
    { accepted: true },
    200,
  );
  const invitation = await invite('2027-01-12T13:00:00+01:00');
  // Another person with a SIP of their own, for the person's routes called with someone else's SIP.
  const otherSip = await call(convener, 'POST', '/api/sips', {
    person: { personalIdentityNumber: persons.otherPerson, name: 'Bertil Berg' },
    reason: 'Behöver samordnade insatser',
  });
  await call(
    convener,
    'POST',
    `/api/sips/${otherSip.id}/consent`,
    { givenAt: '2026-11-20', form: 'written', principalIds: ['region-17'], relativesMayTakePart: false },
    200,
  );
  // Two versions of the plan, so the plan prints and its versions compare.
  for (const goal of ['Egen bostad', 'Egen bostad och ett arbete']) {
    await call(
      convener,
      'PUT',
      `/api/sips/${sip.id}/plan`,
      planBody(karlstadUnit, psychiatryUnit, goal),
      200,
    );
  }
  const deviation = await call(convener, 'POST', '/api/deviations', {
    title: 'Kallelse till SIP besvarades inte',
    description: 'Socialtjänsten kallade psykiatrin till ett SIP-möte. Kallelsen besvarades inte i tid.',
    category: 'unansweredInvitation',
    concernedPrincipalIds: ['municipality-1780'],
    occurredOn: '2026-11-20',
  });
  const dispute = await call(await as('chef.soc.karlstad'), 'POST', '/api/disputes', {
    kind: 'interpretation',
    category: 'interpretation',
    title: 'Vad betyder "motsvarande nivå" i avsnittet om tvister?',
    description: 'Parterna läser avsnittet om tvister olika när det gäller vilka chefer som ska mötas först.',
    counterpartPrincipalIds: ['region-17'],
  });
  // A stay in inpatient care (issue 25): Karlstad's inpatient unit notified the municipality's unit (involved) and
  // the outpatient psychiatry, and judged the patient ready on 21 November, so the municipality pays from the 24th.
  const stay = await call(await as('heldygn.karlstad'), 'POST', '/api/discharge/stays', {
    person: { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' },
    admittedAt: '2026-11-20T08:00:00Z',
    expectedReadyOn: '2026-11-21',
    municipalityPrincipalId: 'municipality-1780',
    units: [
      { unitId: karlstadUnit, kind: 'socialServices' },
      { unitId: psychiatryUnit, kind: 'regionalOutpatient' },
    ],
  });
  const readyAt = '2026-11-21T10:00:00Z';
  const ready = await s.api('POST', `/api/discharge/stays/${stay.id}/readiness`, {
    token: await s.login('heldygn.karlstad', { now: readyAt }),
    body: { judgedAt: readyAt },
    now: readyAt,
  });
  assert.equal(ready.status, 200, ready.text);
  const admin = await as('admin.varmland');
  const spareUnit = await call(admin, 'POST', '/api/admin/units', {
    principalId: 'municipality-1784',
    name: 'Matrisens enhet',
  });
  const spareAccount = await call(admin, 'POST', '/api/admin/accounts', {
    name: 'Matris Testsson',
    email: 'matris@arvika.se',
    username: 'matris.testsson',
    // In a unit of its own rather than the spare unit, which the matrix closes.
    unitId: await unitOf('soc.arvika'),
    roles: ['staff'],
  });
  const agreementAdmin = await as('avtal.varmland');
  const demo = await demoIds(s);
  // A draft of Värmland's agreement: only a draft is edited, consulted on and sent for decision. The pages run
  // before the API, whose examples send it for decision.
  const draft = await call(agreementAdmin, 'POST', `/api/agreements/${demo.agreement}/versions`, {});
  const ids: Record<string, string> = {
    ...demo,
    version: String(draft.pendingVersion.number),
    ...{ karlstadUnit, psychiatryUnit, sip: sip.id },
    ...{ invitation: invitation.id, deviation: deviation.id, dispute: dispute.id, stay: stay.id },
    ...{ spareUnit: spareUnit.id, spareAccount: spareAccount.id },
    mail: await mailId(s),
  };
  await call(
    admin,
    'POST',
    `/api/admin/governance-bodies/${ids.body}/members`,
    { userId: spareAccount.id },
    204,
  );

  const freshSession = (key: SubjectKey, kind?: 'api' | 'web') =>
    key in persons || key === 'personAsStaff' || key === 'staffAsPerson'
      ? openPersonSession(s, key as PersonKey)
      : openSession(s, key as StaffKey, kind);
  const sessions = new Map<SubjectKey, Session>();
  for (const { key } of [...subjects, ...personSubjects]) sessions.set(key, await freshSession(key));
  return { ids, sessions, personMarkers: await personMarkers(s), freshSession };
}

/**
 * A person subject's browser: the person's session in the person's cookie (and its token as their Bearer token,
 * which the API must refuse), or swapped into the other kind's cookie. The form token is the session's own.
 */
async function openPersonSession(s: TestServer, key: PersonKey): Promise<Session> {
  const browser = new Browser(s.url, {}, { now: NOW });
  const personId = await personIdOf(s, persons[key === 'otherPerson' ? 'otherPerson' : 'person']);
  if (key === 'staffAsPerson') {
    const staff = await s.webLogin(new Browser(s.url, {}, { now: NOW }), 'soc.karlstad');
    const csrf = Browser.csrf((await staff.request('GET', '/konto')).text);
    browser.cookies.set(personSessionCookie, staff.cookies.get(sessionCookie)!);
    return { userId: null, browser, csrf };
  }
  const { token } = await createPersonSession(s.database.db, personId, 'eid:region', new Date(NOW));
  const own = new Browser(s.url, {}, { now: NOW });
  own.cookies.set(personSessionCookie, token);
  const csrf = Browser.csrf((await own.request('GET', '/mina-planer')).text);
  browser.cookies.set(key === 'personAsStaff' ? sessionCookie : personSessionCookie, token);
  return { userId: null, token, browser, csrf };
}

/** An API token and a logged-in browser (with a form token read off a page) for one subject, or one of them. */
async function openSession(s: TestServer, key: StaffKey, only?: 'api' | 'web'): Promise<Session> {
  const username = subjects.find((x) => x.key === key)!.username;
  const browser = new Browser(s.url, {}, { now: NOW });
  if (!username) {
    const page = await browser.request('GET', '/logga-in');
    return { userId: null, browser, csrf: Browser.csrf(page.text) };
  }
  const session: Session = { userId: null, browser };
  if (only !== 'web') {
    session.token = await s.login(username, { now: NOW });
    session.userId = (await s.api('GET', '/api/me', { token: session.token, now: NOW })).body.id;
  }
  if (only !== 'api') {
    await s.webLogin(browser, username);
    session.csrf = Browser.csrf((await browser.request('GET', '/konto')).text);
  }
  return session;
}

/** Ids of Värmland's demo objects, and of the other counties' where Värmland has none. */
async function demoIds(s: TestServer): Promise<Record<string, string>> {
  const one = async (query: ReturnType<typeof sql>) => {
    const [row] = await queryRows<{ v: string | number }>(s.database.db, query);
    assert.ok(row, `demo data: ${query.queryChunks.join('')}`);
    return String(row.v);
  };
  const agreement = await one(
    sql`select id as v from agreements where county_code = '17' order by id limit 1`,
  );
  return {
    agreement,
    section:
      await one(sql`select key as v from agreement_sections s join agreement_versions v on v.id = s.version_id
                            where v.agreement_id = ${agreement} order by s.position limit 1`),
    body: await one(sql`select id as v from governance_bodies where county_code = '17' order by id limit 1`),
    principal: 'region-17',
    revisionProject: await one(sql`select id as v from revision_projects order by id limit 1`),
    indicator: await one(sql`select i.id as v from indicators i join follow_up_plans p on p.id = i.plan_id
                              where p.county_code = '17' order by i.id limit 1`),
    actionPlan: await one(sql`select id as v from action_plans where county_code = '17' order by id limit 1`),
    action: await one(sql`select a.id as v from action_plan_actions a join action_plans p on p.id = a.plan_id
                           where p.county_code = '17' order by a.id limit 1`),
    round: await one(sql`select id as v from needs_inventory_rounds order by id limit 1`),
  };
}

/** A mail in Värmland's outbox, one with an HTML part (a notice's) where there is one. */
async function mailId(s: TestServer): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    s.database.db,
    sql`select id from outbox where county_code = '17' order by (html is null), created_at, id limit 1`,
  );
  assert.ok(row, 'a mail in the outbox');
  return row.id;
}

/** Every person's name and identity number (with and without century and hyphen), for the leak checks. */
async function personMarkers(s: TestServer) {
  const rows = await queryRows<{ id: string; name: string; pin: string }>(
    s.database.db,
    sql`select id, name, personal_identity_number as pin from persons`,
  );
  return rows.flatMap((p) =>
    [p.name, p.pin, p.pin.replace('-', ''), p.pin.slice(2)].map((marker) => ({ personId: p.id, marker })),
  );
}

/**
 * The value of each path parameter, by the route it is in. A route with a parameter none of these rules fills
 * fails the suite, so a new kind of object gets its fixture when its route is added.
 */
export function pathFor(url: string, ids: Record<string, string>): string {
  const rules: [RegExp, string, string][] = [
    [/\/(sips|sip|mina-planer)\/:id/, ':id', ids.sip!],
    [/\/(discharge\/stays|utskrivning)\/:id/, ':id', ids.stay!],
    [/\/(invitations|kallelser)\/:id/, ':id', ids.invitation!],
    [/\/(deviations|avvikelser)\/:id/, ':id', ids.deviation!],
    [/\/(disputes|tvister)\/:id/, ':id', ids.dispute!],
    [/\/(revision-projects|revideringar)\/:id/, ':id', ids.revisionProject!],
    [/\/(agreements|overenskommelser)\/:id/, ':id', ids.agreement!],
    [/\/(indicators|indikatorer)\/:id/, ':id', ids.indicator!],
    [/\/(action-plans|handlingsplaner)\/:id/, ':id', ids.actionPlan!],
    [/\/(needs-inventories|behovsinventeringar)\/:id/, ':id', ids.round!],
    [/\/(admin\/units|enheter)\/:id/, ':id', ids.spareUnit!],
    [/\/(admin\/accounts|konton)\/:id/, ':id', ids.spareAccount!],
    [/\/(governance-bodies|organ)\/:id/, ':id', ids.body!],
    [/\/huvudman\/:id/, ':id', ids.principal!],
    [/\/utkorg\/:id/, ':id', ids.mail!],
    [/\/lan\/:code/, ':code', '17'],
    [/\/directive\/versions\/:number/, ':number', '1'],
    [/./, ':number', ids.version!],
    [/./, ':nummer', '1'],
    [/\/(versions|versioner)\/:number\/(sections|avsnitt)\/:key/, ':key', ids.section!],
    [/\/(categories|kategorier)\/:(caseKind|kind)\/:key/, ':key', 'finns-inte'],
    [/./, ':caseKind', 'deviation'],
    [/./, ':kind', 'avvikelser'],
    [/./, ':level', '9'],
    [/./, ':userId', ids.spareAccount!],
    [/./, ':actionId', ids.action!],
    [/./, ':invitationId', ids.invitation!],
    [/./, ':token', 'ingen-sadan-lank'],
    // The suite's administrator is Värmland's, whose seed names all its settings: none to confirm.
    [/./, ':setting', 'finns-inte'],
    // The e-ID provider the suite starts (authorization.test.ts).
    [/./, ':provider', 'region'],
    [/./, '*', 'app.css'],
  ];
  let path = url;
  for (const [where, param, value] of rules) {
    if (where.test(url) && path.includes(param)) path = path.replace(param, encodeURIComponent(value));
  }
  // Parameters that name an object the world has none of (a comment, a deliverable …) get an id that exists
  // nowhere: the cell then shows who gets as far as looking it up.
  path = path.replace(/:(commentId|deliverableId|requestId|recordId|leveransId|andringId)/g, unknownId);
  assert.ok(
    !/[:*]/.test(path.replace(/^https?:/, '')),
    `no fixture for a parameter in ${url}: add one to pathFor`,
  );
  return path;
}
export const planBody = (karlstadUnit: string, psychiatryUnit: string, goal: string) => ({
  interventions: [
    { description: 'Boendestöd', responsibleUnitId: karlstadUnit },
    { description: 'Medicinsk uppföljning', responsibleUnitId: psychiatryUnit },
  ],
  overallResponsibility: { unitId: psychiatryUnit },
  goals: [goal],
  personsOwnWords: 'Jag vill bo själv.',
  followUpOn: '2027-02-01',
  childrenConsidered: false,
});

export const unknownId = '00000000-0000-4000-8000-000000000000';
