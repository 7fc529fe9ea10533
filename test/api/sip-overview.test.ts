import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { accessLog } from '../../src/platform/access/schema.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { type Json, MEETING, type World, world } from '../helpers/sip-world.ts';

// Issue 22 item 9 over HTTP: the SIP overview of a unit (meetings of the coming weeks, plans waiting for the
// unit's part, follow-ups due), filtered by period and kind, read through the SIP's access rule and logged; a
// manager's view of the principal's care units is counts only.

const LATER_MEETING = '2027-01-20T13:00:00+01:00'; // 55 days after NOW: in 8 weeks, not in 4
const ids = (list: Json[] | null) => (list ?? []).map((x) => x.sipId).sort();

describe('API: the SIP overview', () => {
  let s: TestServer;
  let w: World;
  let waiting: Json; // convened by psykiatri.karlstad, soc.karlstad invited and not answered, no plan
  let planned: Json; // soc.karlstad took part and is named in the plan, follow-up 2026-12-10
  let withdrawn: Json; // soc.karlstad took part; the consent was then withdrawn
  let own: Json; // soc.arvika's own SIP
  const overview = async (username: string, query = '') => {
    const res = await w.by(username)('GET', `/api/sips/overview${query}`);
    assert.equal(res.status, 200, res.text);
    return res.body;
  };
  before(async () => {
    s = await startTestServer();
    w = await world(s);
    waiting = await w.active();
    await w.invite(waiting, w.unit('soc.karlstad'));
    planned = await w.active();
    await w.join(planned);
    const plan = await w.by('psykiatri.karlstad')('PUT', `/api/sips/${planned.id}/plan`, {
      interventions: [{ description: 'Boendestöd', responsibleUnitId: w.unit('soc.karlstad') }],
      overallResponsibility: { unitId: w.unit('psykiatri.karlstad') },
      goals: ['Eget boende'],
      personsOwnWords: 'Jag vill bo själv.',
      followUpOn: '2026-12-10',
      childrenConsidered: null,
    });
    assert.equal(plan.status, 200, plan.text);
    const later = await w.by('psykiatri.karlstad')('POST', `/api/sips/${planned.id}/invitations`, {
      unitId: w.unit('soc.karlstad'),
      meetingAt: LATER_MEETING,
    });
    assert.equal(later.status, 201, later.text);
    withdrawn = await w.active();
    await w.join(withdrawn);
    const withdrawal = await w.by('psykiatri.karlstad')(
      'POST',
      `/api/sips/${withdrawn.id}/consent/withdrawal`,
      { withdrawnAt: '2026-11-26' },
    );
    assert.equal(withdrawal.status, 200, withdrawal.text);
    own = await w.start('soc.arvika', { personalIdentityNumber: '198112189876', name: 'Person Ett' });
  });
  after(() => s.close());

  test('the convening unit: its meetings, the plan it has no part in yet, the follow-up it holds', async () => {
    const o = await overview('psykiatri.karlstad');
    assert.equal(o.from, '2026-11-26');
    assert.equal(o.to, '2026-12-24');
    // Two meetings on MEETING (the waiting SIP's invitation and the one planned accepted), nothing later.
    assert.deepEqual(ids(o.meetings), [planned.id, waiting.id].sort());
    const first = o.meetings.find((m: Json) => m.sipId === waiting.id);
    assert.equal(first.meetingAt, new Date(MEETING).toISOString());
    assert.equal(first.answered, false);
    assert.equal(first.unitId, w.unit('soc.karlstad'));
    assert.equal(first.person.name, 'Tolvan Tolvansson');
    assert.equal(o.meetings.find((m: Json) => m.sipId === planned.id).answered, true);
    // The withdrawn SIP is closed, so nothing of it is left.
    assert.deepEqual(ids(o.plansWaiting), [waiting.id]);
    assert.equal(o.plansWaiting[0].hasPlan, false);
    assert.deepEqual(ids(o.followUpsDue), [planned.id]);
    assert.deepEqual(
      { ...o.followUpsDue[0], person: undefined },
      {
        sipId: planned.id,
        followUpDueOn: '2026-12-10',
        overdue: false,
        overallUnitId: w.unit('psykiatri.karlstad'),
        person: undefined,
      },
    );
    assert.equal(o.units, null);
  });

  test('an invited unit: the meeting it is asked to, and only what the access rule lets it see', async () => {
    const o = await overview('soc.karlstad');
    assert.deepEqual(ids(o.meetings), [planned.id, waiting.id].sort());
    // It has not accepted the waiting SIP's invitation, and the planned SIP's plan names it.
    assert.deepEqual(o.plansWaiting, []);
    assert.deepEqual(ids(o.followUpsDue), [planned.id]);
    for (const list of [o.meetings, o.plansWaiting, o.followUpsDue])
      assert.ok(!ids(list).includes(withdrawn.id) && !ids(list).includes(own.id));
    const arvika = await overview('soc.arvika');
    assert.deepEqual(ids(arvika.plansWaiting), []);
    assert.deepEqual([...ids(arvika.meetings), ...ids(arvika.followUpsDue)], []);
  });

  test('the period: 1 week leaves the follow-up out, 8 weeks takes the later meeting in', async () => {
    const week = await overview('soc.karlstad', '?weeks=1');
    assert.equal(week.to, '2026-12-03');
    assert.deepEqual(week.followUpsDue, []);
    const eight = await overview('soc.karlstad', '?weeks=8');
    assert.deepEqual(
      eight.meetings.map((m: Json) => m.meetingAt),
      [
        new Date(MEETING).toISOString(),
        new Date(MEETING).toISOString(),
        new Date(LATER_MEETING).toISOString(),
      ],
    );
    const late = await w.at('psykiatri.karlstad', '2026-12-12T10:00:00Z')(
      'GET',
      '/api/sips/overview?weeks=1',
    );
    assert.equal(late.status, 200, late.text);
    assert.equal(late.body.followUpsDue[0].overdue, true);
  });

  test('the kind: only the list asked for', async () => {
    const o = await overview('psykiatri.karlstad', '?kind=plansWaiting');
    assert.equal(o.meetings, null);
    assert.equal(o.followUpsDue, null);
    assert.deepEqual(ids(o.plansWaiting), [waiting.id]);
  });

  test('bad filters are refused with 400', async () => {
    for (const query of ['?weeks=3', '?weeks=x', '?kind=all', '?scope=county']) {
      const res = await w.by('soc.karlstad')('GET', `/api/sips/overview${query}`);
      assert.equal(res.status, 400, `${query}: ${res.text}`);
    }
  });

  test('every SIP row shown is logged as a read by the caller', async () => {
    const user = (await w.by('soc.karlstad')('GET', '/api/me')).body.id;
    const reads = () =>
      s.database.db.$count(accessLog, and(eq(accessLog.userId, user), eq(accessLog.action, 'read')));
    const before = await reads();
    const o = await overview('soc.karlstad');
    const rows = o.meetings.length + o.plansWaiting.length + o.followUpsDue.length;
    assert.equal(rows, 3);
    assert.equal((await reads()) - before, rows);
  });

  test("a manager sees each care unit of the principal with counts, and no person's data", async () => {
    const staff = await w.by('soc.karlstad')('GET', '/api/sips/overview?scope=principal');
    assert.equal(staff.status, 403, staff.text);
    const res = await w.by('chef.soc.karlstad')('GET', '/api/sips/overview?scope=principal');
    assert.equal(res.status, 200, res.text);
    const unit = res.body.units.find((u: Json) => u.unitId === w.unit('soc.karlstad'));
    assert.deepEqual(
      { ...unit, name: undefined },
      { unitId: w.unit('soc.karlstad'), name: undefined, meetings: 2, plansWaiting: 0, followUpsDue: 1 },
    );
    // The principal's units only: the region's psychiatry is not among them.
    const unitIds = res.body.units.map((u: Json) => u.unitId);
    assert.ok(!unitIds.includes(w.unit('psykiatri.karlstad')));
    const counted = JSON.stringify(res.body.units);
    assert.ok(!counted.includes('Tolvan') && !counted.includes('1212'), counted);
    const meetingsOnly = await w.by('chef.soc.karlstad')(
      'GET',
      '/api/sips/overview?scope=principal&kind=meetings',
    );
    assert.equal(meetingsOnly.body.units[0].plansWaiting, null);
  });

  test('a unit that declines after taking part loses the SIP from its overview, plan and follow-up too', async () => {
    const left = await w.active();
    await w.join(left);
    const plan = await w.by('psykiatri.karlstad')('PUT', `/api/sips/${left.id}/plan`, {
      interventions: [{ description: 'Boendestöd', responsibleUnitId: w.unit('soc.karlstad') }],
      overallResponsibility: { unitId: w.unit('soc.karlstad') },
      goals: ['Eget boende'],
      personsOwnWords: 'Jag vill bo själv.',
      followUpOn: '2026-12-10',
      childrenConsidered: null,
    });
    assert.equal(plan.status, 200, plan.text);
    const before = await overview('soc.karlstad', '?weeks=8');
    assert.ok(ids(before.followUpsDue).includes(left.id), 'named in the plan, it follows up');
    const again = await w.by('psykiatri.karlstad')('POST', `/api/sips/${left.id}/invitations`, {
      unitId: w.unit('soc.karlstad'),
      meetingAt: LATER_MEETING,
    });
    assert.equal(again.status, 201, again.text);
    const declined = await w.by('soc.karlstad')('POST', `/api/invitations/${again.body.id}/answer`, {
      accepted: false,
      reason: 'Personen har flyttat från kommunen.',
    });
    assert.equal(declined.status, 200, declined.text);
    // The plan still names the unit, but the access rule no longer lets it see the SIP.
    const after = await overview('soc.karlstad', '?weeks=8');
    for (const list of [after.meetings, after.plansWaiting, after.followUpsDue])
      assert.ok(!ids(list).includes(left.id), JSON.stringify(list));
    // The convener keeps the SIP, without the meeting the unit will no longer come to.
    const convener = await overview('psykiatri.karlstad', '?weeks=8');
    assert.ok(!ids(convener.meetings).includes(left.id));
    assert.ok(ids(convener.followUpsDue).includes(left.id));
    // The manager's counts agree with the unit's own lists.
    const counts = await w.by('chef.soc.karlstad')('GET', '/api/sips/overview?scope=principal&weeks=8');
    const unit = counts.body.units.find((u: Json) => u.unitId === w.unit('soc.karlstad'));
    assert.deepEqual(
      [unit.meetings, unit.plansWaiting, unit.followUpsDue],
      [after.meetings.length, after.plansWaiting.length, after.followUpsDue.length],
    );
  });

  test('a person with protected identity is not named in the overview', async () => {
    const hidden = await w.active();
    const marked = await w.by('psykiatri.karlstad')('POST', `/api/sips/${hidden.id}/protected-identity`, {
      confirmed: true,
    });
    assert.equal(marked.status, 200, marked.text);
    const o = await overview('psykiatri.karlstad');
    // Tolvan is one person: every SIP about him follows the flag.
    for (const row of o.plansWaiting)
      assert.deepEqual(row.person, {
        id: row.person.id,
        name: 'Skyddade personuppgifter',
        personalIdentityNumber: 'Skyddade personuppgifter',
      });
    assert.ok(!JSON.stringify(o).includes('Tolvan'));
  });
});
