import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { demoPassword } from '../../src/demo/load-demo.ts';
import { type AdminWorld, adminWorld } from '../helpers/admin-world.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 20 item 5: the application log carries no person data and no secret. The server logs at debug into
// memory while a broad set of requests carry identity numbers, names, passwords and tokens in every place a
// request can (path, query, body, headers) and make the database fail with a person's values in its query;
// then no form of any of those values may be found in the log.

const NOW = '2026-11-26T10:00:00.000Z';
const LATER = '2026-11-26T11:00:00.000Z';

/** A person's identity number in every form it may be written: 12 and 10 digits, with and without "-". */
function forms(twelve: string): string[] {
  const digits = twelve.replace(/\D/g, '');
  const ten = digits.slice(2);
  return [digits, `${digits.slice(0, 8)}-${digits.slice(8)}`, ten, `${ten.slice(0, 6)}-${ten.slice(6)}`];
}

const people = {
  tolvan: { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' },
  ett: { personalIdentityNumber: '198112189876', name: 'Person Ett' },
  // Met only in the garbage and the failing database calls.
  unique: { personalIdentityNumber: '19850312-2387', name: 'Unika Namnsdotter' },
  sameName: { personalIdentityNumber: '19701063-2391', name: 'Unika Namnsdotter' },
  cast: { personalIdentityNumber: '194107086995', name: 'Kastad Kastsson' },
};
const wrongPassword = 'Fel-lösen-Sommar2026';
const chosenPassword = 'Granskog vid Klarälven 7';
const chosenByApi = 'Tallmo vid Fryken 1928';

describe('the application log holds no identity number, name, password or token', () => {
  let s: TestServer;
  let w: AdminWorld;
  /** Every secret the requests carried, in each form it must not appear in. */
  const secrets = new Set<string>();
  const keep = (...values: string[]) => {
    for (const v of values) secrets.add(v);
  };

  before(async () => {
    s = await startTestServer({ LOG_LEVEL: 'debug' }, { keepLog: true });
    w = adminWorld(s);
    for (const p of Object.values(people)) keep(...forms(p.personalIdentityNumber), p.name);
    keep(demoPassword, wrongPassword, chosenPassword, chosenByApi);
    await driveRequests();
  });
  after(() => s.close());

  const check = (what: string, res: { status: number; text: string }, status: number) =>
    assert.equal(res.status, status, `${what}: ${res.text.slice(0, 300)}`);

  async function driveRequests() {
    // Logins: right and wrong passwords, by the API and the form.
    check('login, wrong password', await apiLogin('psykiatri.karlstad', wrongPassword), 401);
    check('login, unknown user', await apiLogin(people.tolvan.personalIdentityNumber, wrongPassword), 401);
    const staffRes = await apiLogin('psykiatri.karlstad', demoPassword);
    check('login', staffRes, 200);
    const staff = staffRes.body.token as string;
    keep(staff);
    const browser = new Browser(s.url, {}, { now: NOW });
    check('web login, wrong password', await browser.logIn('psykiatri.karlstad', wrongPassword), 401);
    check('web login', await browser.logIn('psykiatri.karlstad'), 303);
    keep(...browser.cookies.values());

    // SIP start with a number and a name, by the API and the form; one read of each.
    for (const p of [people.tolvan, people.ett]) {
      const sip = await s.api('POST', '/api/sips', {
        token: staff,
        now: NOW,
        body: { person: p, reason: 'Prov' },
      });
      check(`SIP for ${p.name}`, sip, 201);
      check('read', await s.api('GET', `/api/sips/${sip.body.id}`, { token: staff, now: NOW }), 200);
    }
    const form = await browser.submit('/sip/ny', '/sip/ny', {
      personalIdentityNumber: forms(people.tolvan.personalIdentityNumber)[2]!,
      name: people.tolvan.name,
      reason: 'Prov',
      requestedBy: 'person',
      hasChildren: 'unknown',
    });
    assert.ok([303, 409].includes(form.status), `SIP form: ${form.status}`);

    // The access-log search, by GET (the contract), by POST and by the page's form, in every form of the number.
    const reviewer = (await apiLogin('logg.regionvarmland', demoPassword)).body.token as string;
    keep(reviewer);
    for (const pin of forms(people.tolvan.personalIdentityNumber)) {
      const q = new URLSearchParams({ personalIdentityNumber: pin, from: '2026-11-01', to: '2026-11-30' });
      check(
        `GET search ${pin}`,
        await s.api('GET', `/api/access-log?${q}`, { token: reviewer, now: NOW }),
        200,
      );
      check(
        `POST search ${pin}`,
        await s.api('POST', '/api/access-log/search', {
          token: reviewer,
          now: NOW,
          body: { personalIdentityNumber: pin },
        }),
        200,
      );
    }
    const reviewerBrowser = new Browser(s.url, {}, { now: NOW });
    check('reviewer web login', await reviewerBrowser.logIn('logg.regionvarmland'), 303);
    keep(...reviewerBrowser.cookies.values());
    for (const personnummer of forms(people.ett.personalIdentityNumber)) {
      const page = await reviewerBrowser.submit('/atkomstlogg', '/atkomstlogg', {
        personnummer,
        fran: '',
        till: '',
      });
      check(`web search ${personnummer}`, page, 200);
      assert.match(page.text, /19811218-9876/);
    }

    // Password links: an account made by an administrator, its link opened and used on the page, and another
    // account's link used through the API; both tokens are valid while they are in the path.
    const created = await w.admin('POST', '/api/admin/accounts', {
      name: 'Kalle Länkman',
      email: 'kalle.lankman@arvika.se',
      username: 'kalle.lankman',
      unitId: await w.unitId('municipality-1784', 'Socialtjänst vuxen, Arvika'),
      roles: ['staff'],
    });
    check('account', created, 201);
    const webLink = await w.linkFor('kalle.lankman@arvika.se');
    keep(webLink);
    const linkBrowser = new Browser(s.url, {}, { now: NOW });
    check('link page', await linkBrowser.request('GET', `/losenord/${webLink}`), 200);
    check('link page, another path', await linkBrowser.request('GET', `/losenord/${webLink}/x?pin=1`), 404);
    check(
      'link chosen',
      await linkBrowser.submit(`/losenord/${webLink}`, `/losenord/${webLink}`, {
        newPassword: chosenPassword,
        confirmPassword: chosenPassword,
      }),
      303,
    );
    check('link used again', await linkBrowser.request('GET', `/losenord/${webLink}`), 410);
    check('login with the chosen password', await apiLogin('kalle.lankman', chosenPassword, LATER), 200);
    const second = await w.admin('POST', '/api/admin/accounts', {
      name: 'Lisa Länkdotter',
      email: 'lisa.lankdotter@arvika.se',
      username: 'lisa.lankdotter',
      unitId: await w.unitId('municipality-1784', 'Socialtjänst vuxen, Arvika'),
      roles: ['staff'],
    });
    check('second account', second, 201);
    const apiLink = await w.linkFor('lisa.lankdotter@arvika.se');
    keep(apiLink);
    check(
      'link by the API, too weak',
      await s.api('POST', `/api/password-links/${apiLink}`, { now: NOW, body: { password: 'kort' } }),
      422,
    );
    check(
      'link by the API',
      await s.api('POST', `/api/password-links/${apiLink}`, { now: NOW, body: { password: chosenByApi } }),
      204,
    );
    check('own password, wrong current one', await ownPassword(staff, wrongPassword, chosenByApi), 422);

    // The database fails with a person's values in the query: a unique violation (PostgreSQL's detail names
    // the value) and a cast whose message quotes it.
    const db = s.database.db;
    await db.execute(sql`create unique index log_probe_name on persons (name) where name like 'Unika %'`);
    try {
      check(
        'first of a name',
        await s.api('POST', '/api/sips', {
          token: staff,
          now: NOW,
          body: { person: people.unique, reason: 'Prov' },
        }),
        201,
      );
      check(
        'unique violation',
        await s.api('POST', '/api/sips', {
          token: staff,
          now: NOW,
          body: { person: people.sameName, reason: 'Prov' },
        }),
        500,
      );
    } finally {
      await db.execute(sql`drop index log_probe_name`);
    }
    await db.execute(sql`create function log_probe_cast() returns trigger language plpgsql as $$
      begin perform new.name::integer; perform new.personal_identity_number::uuid; return new; end $$`);
    await db.execute(sql`create trigger log_probe_cast before insert on persons
      for each row execute function log_probe_cast()`);
    try {
      check(
        'cast failure',
        await s.api('POST', '/api/sips', {
          token: staff,
          now: NOW,
          body: { person: people.cast, reason: 'Prov' },
        }),
        500,
      );
      const castByNumber = { ...people.cast, name: '1' };
      check(
        'cast failure on the number',
        await s.api('POST', '/api/sips', {
          token: staff,
          now: NOW,
          body: { person: castByNumber, reason: 'Prov' },
        }),
        500,
      );
    } finally {
      await db.execute(sql`drop trigger log_probe_cast on persons`);
      await db.execute(sql`drop function log_probe_cast()`);
    }

    // Garbage: numbers and tokens in unknown paths, query strings on any route, a path the router cannot read.
    const pin = people.unique.personalIdentityNumber;
    const garbage = [
      `/api/persons/${pin}`,
      `/api/persons/${pin.replace('-', '')}?name=${encodeURIComponent(people.unique.name)}`,
      `/api/sips?personalIdentityNumber=${pin}&password=${encodeURIComponent(wrongPassword)}`,
      `/api/sips/${encodeURIComponent(people.unique.name)}`,
      `/api/sips/%E0%A4%A/${pin}`,
      `/api/sips/${'x'.repeat(120)}${pin.replace('-', '')}`,
      `/sip/${pin}?personnummer=${pin}`,
      `/losenord/${apiLink}x`,
      `/api/password-links/${webLink}`,
    ];
    for (const path of garbage) {
      const res = await s.api('GET', path, { token: staff, now: NOW });
      assert.ok(res.status < 500, `${path}: ${res.status}`);
    }
  }

  const apiLogin = (username: string, password: string, now = NOW) =>
    s.api('POST', '/api/session', { now, body: { username, password } });
  const ownPassword = (token: string, currentPassword: string, newPassword: string) =>
    s.api('POST', '/api/me/password', { token, now: NOW, body: { currentPassword, newPassword } });

  test('the requests were logged: each request, and each failure with its kind but not its values', () => {
    const lines = s.log
      .text()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const incoming = lines.filter((l) => l.msg === 'incoming request');
    assert.ok(incoming.length >= 50, `${incoming.length} requests logged`);
    assert.ok(
      incoming.some((l) => l.req.url === '/api/access-log?[redacted]'),
      'the search is logged with its path, the query string hidden',
    );
    assert.ok(
      incoming.some((l) => l.req.url === '/losenord/[redacted]'),
      'the link page, the token hidden',
    );
    const failures = lines.filter((l) => l.msg === 'request failed').map((l) => l.err);
    assert.equal(failures.length, 3, 'the three database failures are logged');
    const codes = failures.map((e) => [e.code, e.cause?.code]);
    assert.deepEqual(
      codes.map((c) => c.find((x) => x !== undefined)),
      ['23505', '22P02', '22P02'],
      JSON.stringify(failures),
    );
    for (const e of failures) assert.match(e.stack, /\n\s+at /, 'the stack is kept');
  });

  test('no form of any identity number, name, password or token is in the log', () => {
    const log = s.log.text();
    const found = [...secrets].filter((secret) => log.includes(secret));
    // Names and numbers may also be written with JSON escapes (å as \u00e5) or percent-encoded.
    const encoded = [...secrets].filter(
      (secret) =>
        log.includes(JSON.stringify(secret).slice(1, -1)) || log.includes(encodeURIComponent(secret)),
    );
    assert.deepEqual([...new Set([...found, ...encoded])], [], 'secrets in the log');
    assert.ok(secrets.size >= 30, `${secrets.size} secrets looked for`);
  });

  test('a value logged by any code path passes the last filter: identity numbers and tokens are hidden', () => {
    const token = 'Ab3dEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE';
    s.app.log.info(
      { person: { pin: '19121212-1212', short: '1212121212' }, link: `https://x/losenord/${token}` },
      `looked up 121212-1212 and 191212121212 for ${token}`,
    );
    const line = s.log.text().split('\n').filter(Boolean).at(-1)!;
    assert.match(line, /looked up/);
    for (const secret of [...forms('191212121212'), token])
      assert.ok(!line.includes(secret), `${secret} in ${line}`);
  });
});
