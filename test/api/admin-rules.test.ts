import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type AdminWorld, adminWorld, type Json, NOW } from '../helpers/admin-world.ts';
import { reportBody } from '../helpers/deviation-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { consentFor, world as sipWorld, tolvan, type World } from '../helpers/sip-world.ts';

// Issue "Administration": a county's governance bodies, its ladders for deviations and for disputes, its
// categories and deadlines are data its administrator changes. A case on its way keeps the path it took; a
// change to the rules reaches new cases only. Deadlines in working days skip Swedish public holidays.

const politicalBody = 'body-17-politiska-styrgruppen';
const rungs = (ladder: Json) => ladder.map((l: Json) => [l.level, l.bodies.map((b: Json) => b.id)]);

describe('API: administration of bodies, ladders, categories and deadlines', () => {
  let s: TestServer;
  let w: AdminWorld;
  let sw: World;
  before(async () => {
    s = await startTestServer();
    w = adminWorld(s);
    sw = await sipWorld(s, ['admin.varmland']);
    await w.user('admin.varmland');
  });
  after(() => s.close());

  test('a member added to a body gets the governance role; one of another county cannot be added', async () => {
    const member = await w.user('avtal.varmland');
    const outsider = await w.user('soc.orebro');
    await w.refused(
      () => w.admin('POST', `/api/admin/governance-bodies/${politicalBody}/members`, { userId: outsider.id }),
      422,
      "another county's account",
    );
    const res = await w.admin('POST', `/api/admin/governance-bodies/${politicalBody}/members`, {
      userId: member.id,
    });
    assert.equal(res.status, 204, res.text);
    const me = w.ok(await s.api('GET', '/api/me', { token: await s.login('avtal.varmland') }), 200, 'me');
    assert.deepEqual(me.roles, ['agreementAdmin', 'governance']);
    await w.refused(
      () => w.admin('POST', `/api/admin/governance-bodies/${politicalBody}/members`, { userId: member.id }),
      409,
      'twice',
    );
    await w.user('admin.orebro');
    await w.refused(
      () =>
        w.by('admin.orebro')('PATCH', `/api/admin/governance-bodies/${politicalBody}`, { name: 'X-gruppen' }),
      404,
      'Örebro',
    );
  });

  test('a level on top of the deviation ladder: a new deviation climbs it, one escalated earlier keeps its path', async () => {
    // A new member of the political body, an agreement administrator of the region as avtal.varmland is.
    const region = await w.user('avtal.varmland');
    const member = w.ok(
      await w.admin('POST', '/api/admin/accounts', {
        name: 'Ny Ledamot',
        email: 'ny.ledamot@regionvarmland.se',
        username: 'ny.ledamot',
        unitId: region.unitId,
        roles: ['agreementAdmin'],
      }),
      201,
      'a new account',
    );
    const added = await w.admin('POST', `/api/admin/governance-bodies/${politicalBody}/members`, {
      userId: member.id,
    });
    assert.equal(added.status, 204, added.text);
    const earlier = await w.report('soc.arvika');
    await w.escalate('soc.arvika', earlier.id);
    const ladder = w.ok(
      await w.admin('POST', '/api/admin/ladders/deviation/levels', {
        label: 'Politiska styrgruppen för Nya perspektiv',
        bodyIds: [politicalBody],
      }),
      201,
      'add a level',
    );
    assert.deepEqual(rungs(ladder), [
      [1, []],
      [2, ['body-17-beredningsgruppen']],
      [3, [politicalBody]],
    ]);
    const disputes = w.ok(await w.admin('GET', '/api/admin/ladders/dispute'), 200, 'dispute ladder');
    assert.equal(disputes.length, 2, 'the dispute ladder is its own');

    await w.user('beredning.varmland');
    await w.refused(
      () =>
        w.by('beredning.varmland')('POST', `/api/deviations/${earlier.id}/escalation`, { reason: 'Vidare.' }),
      409,
      'the earlier deviation is at the top of its own path',
    );
    const fresh = await w.report('soc.arvika');
    assert.equal(fresh.path.length, 3);
    await w.escalate('soc.arvika', fresh.id);
    const top = await w.escalate('beredning.varmland', fresh.id);
    assert.deepEqual([top.level, top.assignedTo.id], [3, politicalBody]);
    assert.equal(await w.sees('ny.ledamot', fresh.id), true, 'the new member of the body sees it');
    assert.equal(await w.sees('ny.ledamot', earlier.id), false, 'not the one that never reached the body');
  });

  test('levels are inserted and removed with the others renumbered; level 1 and the last level above it stay', async () => {
    w.ok(
      await w.admin('POST', '/api/admin/ladders/dispute/levels', {
        label: 'Mellannivå',
        bodyIds: [politicalBody],
        position: 2,
      }),
      201,
      'insert at 2',
    );
    const inserted = w.ok(await w.admin('GET', '/api/admin/ladders/dispute'), 200, 'ladder');
    assert.deepEqual(rungs(inserted), [
      [1, []],
      [2, [politicalBody]],
      [3, ['body-17-beredningsgruppen']],
    ]);
    const removed = w.ok(await w.admin('DELETE', '/api/admin/ladders/dispute/levels/2'), 200, 'remove 2');
    assert.deepEqual(rungs(removed), [
      [1, []],
      [2, ['body-17-beredningsgruppen']],
    ]);
    const last = await w.refused(
      () => w.admin('DELETE', '/api/admin/ladders/dispute/levels/2'),
      409,
      'the last level',
    );
    assert.match(last.body.detail, /sista nivån med samverkansorgan/);
    await w.refused(() => w.admin('DELETE', '/api/admin/ladders/dispute/levels/1'), 409, 'level 1');
    await w.refused(() => w.admin('DELETE', '/api/admin/ladders/dispute/levels/9'), 404, 'no such level');
    await w.refused(
      () => w.admin('PATCH', '/api/admin/ladders/dispute/levels/1', { bodyIds: [politicalBody] }),
      422,
      'bodies on level 1',
    );
    await w.refused(
      () => w.admin('POST', '/api/admin/ladders/dispute/levels', { label: 'Utan organ', bodyIds: [] }),
      422,
      'a level without bodies',
    );
    await w.refused(
      () =>
        w.admin('POST', '/api/admin/ladders/dispute/levels', {
          label: 'Örebros',
          bodyIds: ['body-18-chefsgrupp'],
        }),
      422,
      "another county's body",
    );
    await w.user('chef.soc.karlstad');
    await w.refused(
      () =>
        w.by('chef.soc.karlstad')('POST', '/api/admin/ladders/dispute/levels', {
          label: 'Egen',
          bodyIds: [politicalBody],
        }),
      403,
      'a manager',
    );
    const log = w.ok(await w.admin('GET', '/api/admin/log'), 200, 'log');
    const entry = log.find((e: Json) => e.change === 'ladderLevelRemoved');
    assert.deepEqual(entry.before.levels, [
      '1. Chefer på motsvarande nivå i kommunen och regionen',
      '2. Mellannivå (Politiska styrgruppen för Nya perspektiv)',
      '3. Beredningsgruppen Nya perspektiv (Beredningsgruppen)',
    ]);
  });

  test('a category is added, retired and renamed; a retired one is refused for new cases and kept on old ones', async () => {
    const added = w.ok(
      await w.admin('POST', '/api/admin/categories/deviation', { label: 'Läkemedel vid utskrivning' }),
      201,
      'add',
    );
    assert.equal(added.key, 'lakemedel-vid-utskrivning');
    const reported = await w.report('soc.arvika', { category: added.key });
    w.ok(
      await w.admin('PATCH', `/api/admin/categories/deviation/${added.key}`, { active: false }),
      200,
      'retire',
    );
    const refused = await w.at('soc.arvika', NOW)(
      'POST',
      '/api/deviations',
      reportBody({ category: added.key }),
    );
    assert.equal(refused.status, 422, refused.text);
    const kept = w.ok(await w.by('soc.arvika')('GET', `/api/deviations/${reported.id}`), 200, 'kept');
    assert.equal(kept.category, added.key);
    const list = w.ok(
      await w.admin('PATCH', `/api/admin/categories/deviation/${added.key}`, {
        move: 'up',
        label: 'Läkemedel',
      }),
      200,
      'move',
    );
    const at = list.findIndex((c: Json) => c.key === added.key);
    assert.deepEqual([list[at].label, list[at + 1].key], ['Läkemedel', 'other']);
    await w.refused(
      () => w.admin('POST', '/api/admin/categories/deviation', { label: 'läkemedel' }),
      422,
      'a name taken',
    );
  });

  test('deadlines in working days: Christmas 2026 and Easter 2027; a change reaches new invitations only', async () => {
    const inviteAt = async (now: string) => {
      const call = sw.at('psykiatri.karlstad', now);
      const sip = (await call('POST', '/api/sips', { person: tolvan, reason: 'Samordning' })).body;
      await call('POST', `/api/sips/${sip.id}/consent`, {
        ...consentFor(['region-17', 'municipality-1780']),
        givenAt: now.slice(0, 10),
      });
      const meetingAt = new Date(new Date(now).getTime() + 20 * 86400_000).toISOString();
      return w.ok(
        await call('POST', `/api/sips/${sip.id}/invitations`, { unitId: sw.unit('soc.karlstad'), meetingAt }),
        201,
        `invite ${now}`,
      );
    };
    // 3 working days: 2026-12-23, (24, 25 closed, a weekend), 28, 29.
    assert.equal((await inviteAt('2026-12-22T09:00:00+01:00')).answerBy, '2026-12-29');
    // Good Friday 2027-03-26 and Easter Monday 03-29 are closed: 25, 30, 31.
    const easter = await inviteAt('2027-03-24T09:00:00+01:00');
    assert.equal(easter.answerBy, '2027-03-31');

    const changed = w.ok(
      await w.admin('PATCH', '/api/admin/rules', { invitationAnswerWorkingDays: 5, deviationAnswerDays: 14 }),
      200,
      'rules',
    );
    assert.deepEqual([changed.invitationAnswerWorkingDays, changed.deviationAnswerDays], [5, 14]);
    // 5 working days from 2027-03-24: 25, 30, 31, 04-01, 04-02.
    assert.equal((await inviteAt('2027-03-24T09:00:00+01:00')).answerBy, '2027-04-02');
    const kept = w.ok(
      await sw.at('soc.karlstad', '2027-03-24T10:00:00+01:00')('GET', '/api/sips'),
      200,
      'list',
    );
    const first = kept.flatMap((x: Json) => x.invitations).find((i: Json) => i.id === easter.id);
    assert.equal(first.answerBy, '2027-03-31', 'an earlier invitation keeps its deadline');
    const deviation = await w.report('soc.arvika');
    assert.equal(deviation.dueOn, '2026-12-10', '14 days after 2026-11-26');
  });

  test('deadlines and the target group are checked, with Swedish messages at their fields', async () => {
    for (const [body, path] of [
      [{ invitationAnswerWorkingDays: 0 }, 'invitationAnswerWorkingDays'],
      [{ invitationAnswerWorkingDays: 21 }, 'invitationAnswerWorkingDays'],
      [{ deviationAnswerDays: 400 }, 'deviationAnswerDays'],
      [{ targetGroupMinAge: -1 }, 'targetGroupMinAge'],
      [{ targetGroupDescription: 'kort' }, 'targetGroupDescription'],
    ] as const) {
      const res = await w.refused(() => w.admin('PATCH', '/api/admin/rules', body), 422, path);
      assert.equal(res.body.errors[0].path, path);
    }
    const set = w.ok(
      await w.admin('PATCH', '/api/admin/rules', {
        targetGroupMinAge: 16,
        targetGroupDescription: 'Personer från 16 år med psykisk funktionsnedsättning.',
      }),
      200,
      'target group',
    );
    assert.equal(set.targetGroupMinAge, 16);
    const all = w.ok(
      await w.admin('PATCH', '/api/admin/rules', { targetGroupMinAge: null }),
      200,
      'all ages',
    );
    assert.equal(all.targetGroupMinAge, null);
  });
});
