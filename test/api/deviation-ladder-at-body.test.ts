import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { notifications } from '../../src/modules/notifications/schema.ts';
import { type AdminWorld, adminWorld, type Json, NOW } from '../helpers/admin-world.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Värmland's agreement: "Avvikelser dokumenteras och tillsänds beredningsgruppen för Nya perspektiv". The demo
// keeps the managers first (DOMAIN.md, and its administrators are asked to confirm that); when an administrator
// gives level 1 of the deviation ladder to the Beredningsgrupp, new deviations go straight to it: assigned to the
// body at level 1, seen and decided by its members at once, not answered by the managers (who still see them,
// API.md), and 409 to escalate when it is the top. Disputes keep their managers' level.

const body = 'body-17-beredningsgruppen';
const rungs = (ladder: Json) => ladder.map((l: Json) => [l.level, l.bodies.map((b: Json) => b.id)]);

describe('API: a deviation ladder that starts at a body (Värmland as its agreement words it)', () => {
  let s: TestServer;
  let w: AdminWorld;
  let earlier: Json;
  before(async () => {
    s = await startTestServer();
    w = adminWorld(s);
    await w.user('admin.varmland');
  });
  after(() => s.close());

  test('the administrator gives level 1 to the Beredningsgrupp and removes level 2; disputes cannot do so', async () => {
    earlier = await w.report('soc.arvika', { concernedPrincipalIds: ['region-17'] });
    const changed = w.ok(
      await w.admin('PATCH', '/api/admin/ladders/deviation/levels/1', {
        label: 'Beredningsgruppen Nya perspektiv',
        bodyIds: [body],
      }),
      200,
      'level 1 to the body',
    );
    assert.deepEqual(rungs(changed), [
      [1, [body]],
      [2, [body]],
    ]);
    const removed = w.ok(await w.admin('DELETE', '/api/admin/ladders/deviation/levels/2'), 200, 'remove 2');
    assert.deepEqual(rungs(removed), [[1, [body]]]);
    await w.refused(() => w.admin('DELETE', '/api/admin/ladders/deviation/levels/1'), 409, 'level 1 stays');
    await w.refused(
      () => w.admin('PATCH', '/api/admin/ladders/dispute/levels/1', { bodyIds: [body] }),
      422,
      'the dispute ladder keeps its managers',
    );
  });

  test('a new deviation is the body’s at level 1: its members see, are notified and decide; managers do not answer', async () => {
    const d = await w.report('soc.arvika', { concernedPrincipalIds: ['region-17'] });
    assert.equal(d.level, 1, 'API.md: level 1');
    assert.deepEqual(
      [d.assignedTo.kind, d.assignedTo.id],
      ['governanceBody', body],
      'assigned to the Beredningsgrupp',
    );
    assert.equal(await w.sees('beredning.varmland', d.id), true, 'the body sees it at once');
    assert.equal(
      await w.sees('chef.psykiatri.karlstad', d.id),
      true,
      "the concerned principal's manager too",
    );
    const told = await s.database.db
      .select({ key: notifications.key })
      .from(notifications)
      .where(and(eq(notifications.subjectId, d.id), eq(notifications.kind, 'deviation.reported')));
    assert.deepEqual(
      told.map((n) => n.key),
      [`deviation.reported:${d.id}:${body}`],
      'the body is told, not the managers',
    );

    // "Väntar på mig": the body's member has it to decide; the manager, whose level it never was, does not.
    const waiting = async (username: string) => {
      const b = await s.webLogin(new Browser(s.url, {}, { now: NOW }), username);
      return (await b.request('GET', '/avvikelser?visa=att-hantera')).text;
    };
    assert.match(await waiting('beredning.varmland'), new RegExp(`href="/avvikelser/${d.id}"`));
    const managers = await waiting('chef.psykiatri.karlstad');
    assert.doesNotMatch(managers, new RegExp(`href="/avvikelser/${d.id}"`));
    assert.match(
      managers,
      new RegExp(`href="/avvikelser/${earlier.id}"`),
      'the earlier one still waits for its answer',
    );

    const answer = await w.by('chef.psykiatri.karlstad')('POST', `/api/deviations/${d.id}/answers`, {
      investigation: 'Vi har gått igenom rutinen.',
      cause: 'Ingen bevakade brevlådan.',
      measures: 'Två personer bevakar den nu.',
    });
    assert.equal(answer.status, 409, answer.text);
    const up = await w.by('beredning.varmland')('POST', `/api/deviations/${d.id}/escalation`, {
      reason: 'Frågan behöver tas högre upp.',
    });
    assert.equal(up.status, 409, 'the top of its ladder');

    const decided = await w.decide('beredning.varmland', d.id);
    assert.deepEqual([decided.status, decided.outcome], ['closed', 'routineClarified']);
  });

  test('a deviation reported before the change keeps its managers’ level and is answered by them', async () => {
    const before = await w.by('soc.arvika')('GET', `/api/deviations/${earlier.id}`);
    assert.equal(before.body.assignedTo.kind, 'manager');
    const decide = await w.by('beredning.varmland')('POST', `/api/deviations/${earlier.id}/decision`, {
      decision: 'Beredningsgruppen beslutar.',
      outcome: 'routineClarified',
    });
    assert.equal(decide.status, 404, 'not reached by the body on its own path');
    const answered = await w.answer('chef.psykiatri.karlstad', earlier.id);
    assert.equal(answered.status, 'answered');
  });
});
