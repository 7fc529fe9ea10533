import assert from 'node:assert/strict';
import { gt, sql } from 'drizzle-orm';
import '../../src/jobs.ts';
import { accessLog } from '../../src/platform/access/schema.ts';
import { identityNumberMessage, parseIdentityNumber } from '../../src/platform/people/identity-number.ts';
import { Browser } from './browser.ts';
import type { TestServer } from './server.ts';
import { type Json, NOW, type World } from './sip-world.ts';

// What the SIP page tests (test/web/sip-*pages.test.ts) share: clocks, identity numbers, reading a page, and a
// logged-in browser per user with the steps of a SIP.

/** Twelve days after NOW: invitations sent at NOW are past their answer date, plans due 2026-12-01 overdue. */
export const LATER = '2026-12-08T09:00:00Z';
export const PAST = '2026-11-01';
export const FUTURE = '2027-03-01';

/** A valid personnummer, different for every (group, n): born 1970 + group, serial 9nn (Luhn check digit). */
export function identityNumber(group: number, n: number): string {
  const yymmdd = `${70 + group}${String(1 + Math.floor(n / 28)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}`;
  const nine = `${yymmdd}${900 + (n % 100)}`;
  const sum = [...nine].reduce((acc, d, i) => {
    const x = Number(d) * (i % 2 === 0 ? 2 : 1);
    return acc + (x > 9 ? x - 9 : x);
  }, 0);
  const pin = `19${yymmdd}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
  assert.ok(parseIdentityNumber(pin), `${pin}: ${identityNumberMessage}`);
  return pin;
}

/** The identity number in every way it could be written: as typed, twelve digits, ten, ten with a dash. */
export const numberForms = (pin: string) => [
  pin,
  pin.replace('-', ''),
  pin.slice(2),
  pin.slice(2).replace('-', ''),
];

/** The SIP ids of the list's rows, in order. */
export const rowIds = (html: string) =>
  [
    ...html.matchAll(
      /<th scope="row" class="govuk-table__header"><a class="govuk-link" href="\/sip\/([^"]+)">/g,
    ),
  ].map((m) => decodeURIComponent(m[1]!));

/** The part of a page under a level-2 heading, up to the next one. */
export function section(html: string, heading: string): string {
  const start = html.indexOf(`<h2 class="govuk-heading-m">${heading}</h2>`);
  assert.ok(start >= 0, `no section "${heading}"`);
  const end = html.indexOf('<h2 class="govuk-heading-m">', start + 1);
  return html.slice(start, end === -1 ? undefined : end);
}

/** The table row (or list item) of "Mitt arbete" that links to this invitation or SIP. */
export function rowWith(html: string, href: string): string | undefined {
  return html.split(/<tr class="govuk-table__row">|<li>/).find((part) => part.includes(href));
}

export const unescapeHtml = (s: string) => s.replaceAll('&amp;', '&');

/** A calendar file with folded lines joined, so a name split across lines is still found. */
export const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, '');

/** The pages' helpers on a server, with its demo users: browsers, the convener's calls, plans, invitations. */
export function sipPages(server: () => TestServer, people: () => World) {
  const browsers = new Map<string, Browser>();

  /** A logged-in browser for this user and clock, reused (a session lives on the clock it was opened on). */
  async function browser(username: string, now = NOW): Promise<Browser> {
    const key = `${username}@${now}`;
    let b = browsers.get(key);
    if (!b) {
      b = new Browser(server().url, {}, { now });
      await server().webLogin(b, username);
      browsers.set(key, b);
    }
    return b;
  }
  const page = async (username: string, path: string, now = NOW) =>
    (await browser(username, now)).request('GET', path);

  const asConvener = (method: string, path: string, body?: unknown) =>
    people().by('psykiatri.karlstad')(method, path, body);
  const plan = (followUpOn: string, overallUnitId: string, goals = ['Eget boende inom ett år']) => ({
    interventions: [
      { description: 'Boendestöd två gånger i veckan', responsibleUnitId: people().unit('soc.karlstad') },
      { description: 'Samtalsstöd', externalActor: 'Föreningen Hjärnkoll' },
    ],
    overallResponsibility: { unitId: overallUnitId },
    goals,
    personsOwnWords: 'Jag vill bo själv och laga min egen mat.',
    followUpOn,
    childrenConsidered: null,
  });
  const joined = new Set<string>();
  const daysBefore = (day: string, days: number) =>
    new Date(Date.parse(`${day}T12:00:00Z`) - days * 24 * 3600 * 1000).toISOString();
  /** soc.karlstad accepts a meeting: the usual one, or for an earlier follow-up one held two weeks before it. */
  async function joinBefore(sip: Json, followUpOn: string) {
    if (followUpOn > '2026-12-01') return people().join(sip);
    const bookedAt = daysBefore(followUpOn, 21);
    const invited = await people().at('psykiatri.karlstad', bookedAt)(
      'POST',
      `/api/sips/${sip.id}/invitations`,
      {
        unitId: people().unit('soc.karlstad'),
        meetingAt: daysBefore(followUpOn, 14),
      },
    );
    assert.equal(invited.status, 201, invited.text);
    const answer = await people().at('soc.karlstad', bookedAt)(
      'POST',
      `/api/invitations/${invited.body.id}/answer`,
      {
        accepted: true,
      },
    );
    assert.equal(answer.status, 200, answer.text);
  }
  async function savePlan(
    sip: Json,
    followUpOn: string,
    overallUnitId = people().unit('psykiatri.karlstad'),
    goals?: string[],
  ) {
    // The plan names soc.karlstad, which may be named only once it has accepted an invitation.
    // The follow-up is after the SIP meeting: a plan due by now followed a meeting booked and held weeks before.
    if (!joined.has(sip.id)) await joinBefore(sip, followUpOn);
    joined.add(sip.id);
    const res = await asConvener('PUT', `/api/sips/${sip.id}/plan`, plan(followUpOn, overallUnitId, goals));
    assert.equal(res.status, 200, res.text);
    return res.body;
  }
  async function invite(sip: Json, unitId: string, meeting: Record<string, unknown> = {}): Promise<Json> {
    const res = await asConvener('POST', `/api/sips/${sip.id}/invitations`, {
      unitId,
      meetingAt: '2026-12-01T13:00:00+01:00',
      place: 'Mottagningen plan 3',
      ...meeting,
    });
    assert.equal(res.status, 201, res.text);
    return res.body;
  }
  let started = 0;
  /** A SIP convened by psykiatri.karlstad, with consent, for a person of its own. */
  async function sipFor(name: string): Promise<Json> {
    const personalIdentityNumber = identityNumber(1, started++);
    return people().consent(await people().start('psykiatri.karlstad', { personalIdentityNumber, name }));
  }
  const logSeq = async () => {
    const { db } = server().database;
    const [row] = await db.select({ n: sql`coalesce(max(${accessLog.seq}), 0)` }).from(accessLog);
    return Number(row!.n);
  };
  const logSince = (seq: number) =>
    server().database.db.select().from(accessLog).where(gt(accessLog.seq, seq)).orderBy(accessLog.seq);

  return { browser, page, asConvener, plan, savePlan, invite, sipFor, logSeq, logSince };
}
