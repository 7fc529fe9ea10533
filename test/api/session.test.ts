import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoPassword } from '../../src/demo/load-demo.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const at = (iso: string) => new Date(iso).toISOString();
const minutes = (base: string, m: number) => new Date(new Date(base).getTime() + m * 60_000).toISOString();

describe('API sessions', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  test('POST /api/session returns a token and Me; the token works until DELETE /api/session', async () => {
    const res = await s.api('POST', '/api/session', {
      body: { username: 'soc.arvika', password: demoPassword },
    });
    assert.equal(res.status, 200);
    assert.equal(typeof res.body.token, 'string');
    assert.equal(res.body.user.username, 'soc.arvika');
    const me = await s.api('GET', '/api/me', { token: res.body.token });
    assert.equal(me.status, 200);
    const out = await s.api('DELETE', '/api/session', { token: res.body.token });
    assert.equal(out.status, 204);
    const after = await s.api('GET', '/api/me', { token: res.body.token });
    assert.equal(after.status, 401);
    assert.match(after.headers.get('content-type')!, /problem\+json/);
  });

  test('a wrong password and an unknown username get the same 401, with no hint which part was wrong', async () => {
    const wrong = await s.api('POST', '/api/session', { body: { username: 'soc.arvika', password: 'fel' } });
    const unknown = await s.api('POST', '/api/session', {
      body: { username: 'finns.inte', password: 'fel' },
    });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.deepEqual(wrong.body, unknown.body);
    assert.doesNotMatch(wrong.body.detail, /finns inte|okänt användarnamn|lösenordet är fel/i);
  });

  test('no token, an unknown token and a malformed header are 401', async () => {
    assert.equal((await s.api('GET', '/api/me')).status, 401);
    assert.equal((await s.api('GET', '/api/me', { token: 'abc' })).status, 401);
    assert.equal((await s.api('GET', '/api/me', { headers: { authorization: 'Basic eDp5' } })).status, 401);
  });

  test('a session ends after 30 idle minutes', async () => {
    const t0 = at('2026-11-23T08:00:00Z');
    const token = await s.passwordLogin('soc.karlstad', { now: t0 });
    assert.equal((await s.api('GET', '/api/me', { token, now: minutes(t0, 29) })).status, 200);
    // Used at 29 minutes, so still alive at 29 + 29 ...
    assert.equal((await s.api('GET', '/api/me', { token, now: minutes(t0, 58) })).status, 200);
    // ... but not 31 minutes after the last use.
    assert.equal((await s.api('GET', '/api/me', { token, now: minutes(t0, 58 + 31) })).status, 401);
  });

  test('a session ends 10 hours after login even when in use', async () => {
    const t0 = at('2026-11-23T06:00:00Z');
    const token = await s.passwordLogin('soc.karlstad', { now: t0 });
    for (let m = 20; m < 600; m += 20) {
      assert.equal(
        (await s.api('GET', '/api/me', { token, now: minutes(t0, m) })).status,
        200,
        `at ${m} min`,
      );
    }
    assert.equal((await s.api('GET', '/api/me', { token, now: minutes(t0, 600) })).status, 401);
  });

  test('ten failed logins for one username within 15 minutes give 429, even with the right password', async () => {
    const t0 = at('2026-11-23T10:00:00Z');
    for (let i = 0; i < 10; i++) {
      const res = await s.api('POST', '/api/session', {
        body: { username: 'soc.orebro', password: `fel-${i}` },
        now: minutes(t0, i),
      });
      assert.equal(res.status, 401, `attempt ${i + 1}`);
    }
    const blocked = await s.api('POST', '/api/session', {
      body: { username: 'soc.orebro', password: demoPassword },
      now: minutes(t0, 10),
    });
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.title, 'För många försök');
    // Other usernames are not affected.
    assert.equal(
      (
        await s.api('POST', '/api/session', {
          body: { username: 'psykiatri.orebro', password: demoPassword },
          now: minutes(t0, 10),
        })
      ).status,
      200,
    );
    // Once the first failures are older than 15 minutes, the right password works again.
    const later = await s.api('POST', '/api/session', {
      body: { username: 'soc.orebro', password: demoPassword },
      now: minutes(t0, 15.5),
    });
    assert.equal(later.status, 200);
  });

  test('usernames are matched without regard to case or surrounding spaces', async () => {
    const res = await s.api('POST', '/api/session', {
      body: { username: ' Soc.Falun ', password: demoPassword },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.user.username, 'soc.falun');
  });
});

describe('a stale token', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  test('does not stop a client from logging in again', async () => {
    const token = await s.passwordLogin('soc.karlstad');
    await s.api('DELETE', '/api/session', { token });
    const again = await s.api('POST', '/api/session', {
      token,
      body: { username: 'soc.karlstad', password: demoPassword },
    });
    assert.equal(again.status, 200);
    assert.equal((await s.api('GET', '/api/me', { token })).status, 401, 'the old token stays dead');
  });
});
