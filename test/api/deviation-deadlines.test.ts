import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import '../../src/jobs.ts';
import { reportDeviation } from '../../src/modules/deviations/report-deviation.ts';
import {
  findSuggestion,
  listSuggestions,
  type Suggestion,
} from '../../src/modules/deviations/suggestions.ts';
import { counties } from '../../src/modules/organisations/schema.ts';
import { loadCurrentUser } from '../../src/platform/auth/current-user.ts';
import { events } from '../../src/platform/events/schema.ts';
import type { UserContext } from '../../src/platform/http/context.ts';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { notices } from '../../src/platform/notices/schema.ts';
import { containsIdentityNumber } from '../../src/platform/people/identifying-text.ts';
import { type DeviationWorld, deviationWorld, type Json } from '../helpers/deviation-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { type World as SipWorld, world as sipWorld, tolvan } from '../helpers/sip-world.ts';

// A deviation is to be answered (level 1) or decided (higher) within the county's number of days
// (counties.deviation_answer_days, 30 in Värmland). A scheduled job flags what is late, once per level. SIP work
// that went wrong (an invitation not answered in time, a SIP not convened after consent) is suggested to the
// convening unit as a deviation, without anything that identifies the person.

describe('Deviations: answer deadlines, overdue flags and suggestions from SIP work', () => {
  let s: TestServer;
  let w: DeviationWorld;
  let sw: SipWorld;
  before(async () => {
    s = await startTestServer();
    w = deviationWorld(s);
    sw = await sipWorld(s);
  });
  after(() => s.close());

  const db = () => s.database.db;
  const run = (at: string) => runJobs({ db: db(), now: new Date(at) });
  const noticesAbout = async (subjectId: string) =>
    (await db().select().from(notices).where(eq(notices.subjectId, subjectId)))
      .map((n) => [n.kind, n.recipientUnitId])
      .sort();
  const overdueEvents = (id: string) =>
    db().$count(events, and(eq(events.type, 'deviation.overdue'), eq(events.subjectId, id)));
  const contextFor = async (username: string, now: string): Promise<UserContext> => {
    const user = await loadCurrentUser(db(), (await w.user(username)).id);
    assert.ok(user, username);
    return { db: db(), now: new Date(now), user, session: null, requestId: 't', publicUrl: 'http://test' };
  };

  test("the answer is due the county's number of days after the report: 30 in Värmland", async () => {
    const [varmland] = await db().select().from(counties).where(eq(counties.code, '17'));
    assert.equal(varmland?.deviationAnswerDays, 30);
    const d = await w.report('soc.arvika');
    assert.equal(d.dueOn, '2026-12-26');
    assert.equal(d.overdue, false);
  });

  test('the number of days is data: another number gives another day', async () => {
    await db().update(counties).set({ deviationAnswerDays: 10 }).where(eq(counties.code, '17'));
    try {
      assert.equal((await w.report('soc.arvika')).dueOn, '2026-12-06');
    } finally {
      await db().update(counties).set({ deviationAnswerDays: 30 }).where(eq(counties.code, '17'));
    }
  });

  test('an unanswered deviation is flagged the day after it was due, once, to the waiting managers and the reporter', async () => {
    // Two principals; Karlstads kommun answers in time, the region does not.
    const d = await w.report('soc.arvika', { concernedPrincipalIds: ['region-17', 'municipality-1780'] });
    assert.equal(d.dueOn, '2026-12-26');
    await w.answer('chef.soc.karlstad', d.id, {}, '2026-12-01T09:00:00Z');

    await run('2026-12-26T12:00:00Z');
    assert.deepEqual(await noticesAbout(d.id), [], 'not on the day it is due');
    await run('2026-12-26T22:30:00Z'); // 23:30 on the 26th in Sweden
    assert.deepEqual(await noticesAbout(d.id), [], 'not before the day has passed in Sweden');
    assert.equal(
      (await w.at('soc.arvika', '2026-12-26T12:00:00Z')('GET', `/api/deviations/${d.id}`)).body.overdue,
      false,
    );

    await run('2026-12-26T23:30:00Z'); // 00:30 on the 27th in Sweden
    const flagged = [
      ['deviation.overdue', await w.unit('chef.psykiatri.karlstad')],
      ['deviation.overdue', await w.unit('soc.arvika')],
    ].sort();
    assert.deepEqual(await noticesAbout(d.id), flagged, 'the region that has not answered, and the reporter');
    for (const at of ['2026-12-27T08:00:00Z', '2026-12-28T08:00:00Z', '2027-01-03T08:00:00Z']) await run(at);
    assert.deepEqual(await noticesAbout(d.id), flagged, 'later runs add nothing');
    assert.equal(await overdueEvents(d.id), 1);
    const seen = await w.at('soc.arvika', '2026-12-27T08:00:00Z')('GET', `/api/deviations/${d.id}`);
    assert.equal(seen.body.overdue, true);

    // Escalated, the next level has its own day, and is flagged again later: to the reporter only.
    const up = await w.escalate('soc.arvika', d.id, 'Regionen har inte svarat.', '2027-01-05T09:00:00Z');
    assert.equal(up.level, 2);
    assert.equal(up.dueOn, '2027-02-04');
    assert.equal(up.overdue, false);
    await run('2027-02-04T12:00:00Z');
    assert.deepEqual(await noticesAbout(d.id), flagged, 'not on the new day');
    await run('2027-02-05T08:00:00Z');
    const twice = [...flagged, ['deviation.overdue', await w.unit('soc.arvika')]].sort();
    assert.deepEqual(await noticesAbout(d.id), twice, 'level 2 is flagged to the reporter');
    const keys = (await db().select().from(notices).where(eq(notices.subjectId, d.id))).map((n) => n.key);
    assert.equal(keys.filter((k) => k.includes(':2:')).length, 1);
    await run('2027-02-06T08:00:00Z');
    await run('2027-03-06T08:00:00Z');
    assert.deepEqual(await noticesAbout(d.id), twice, 'once per level');
    assert.equal(await overdueEvents(d.id), 2);
  });

  test('answered, decided and closed deviations are not flagged', async () => {
    const answered = await w.report('soc.arvika');
    await w.answer('chef.psykiatri.karlstad', answered.id);
    const closed = await w.report('soc.arvika');
    await w.answer('chef.psykiatri.karlstad', closed.id);
    await w.close('soc.arvika', closed.id);
    const decided = await w.report('soc.arvika');
    await w.escalate('soc.arvika', decided.id);
    await w.decide('beredning.varmland', decided.id);
    const late = await w.report('soc.arvika');
    for (const at of ['2026-12-27T08:00:00Z', '2027-06-01T08:00:00Z']) await run(at);
    for (const d of [answered, closed, decided]) {
      assert.deepEqual(await noticesAbout(d.id), [], `${d.id} is not waiting for anyone`);
      assert.equal(await overdueEvents(d.id), 0);
    }
    assert.equal((await noticesAbout(late.id)).length, 2, 'the one left unanswered is');
  });

  /** The suggestion carries units, principals and dates: nothing that points at the person. */
  function assertAnonymous(suggestion: Suggestion, sip: Json) {
    const text = `${suggestion.title}\n${suggestion.description}`;
    assert.equal(containsIdentityNumber(text), false, text);
    const pin = tolvan.personalIdentityNumber;
    for (const secret of [
      'Tolvan',
      'Tolvansson',
      pin,
      pin.replace('-', ''),
      pin.slice(2),
      pin.slice(2).replace('-', ''),
      sip.person.id,
    ]) {
      assert.ok(!text.includes(secret), `the suggestion mentions ${secret}: ${text}`);
    }
  }

  test('an invitation left unanswered is suggested as a deviation to the convening unit, until reported', async () => {
    const sip = await sw.active();
    const invitation = await sw.invite(sip, sw.unit('soc.karlstad'));
    assert.equal(invitation.answerBy, '2026-12-01');
    await run('2026-12-02T08:00:00Z');
    assert.deepEqual(await noticesAbout(invitation.id), [
      ['sip.invitationReminder', sw.unit('soc.karlstad')],
      ['sip.invitationUnanswered', sw.unit('psykiatri.karlstad')],
    ]);

    const ctx = await contextFor('psykiatri.karlstad', '2026-12-02T09:00:00Z');
    const key = `sip.invitation:${invitation.id}`;
    const suggestion = (await listSuggestions(ctx)).find((x) => x.key === key);
    assert.ok(suggestion, 'offered to the convening unit');
    assert.equal(suggestion.category, 'unansweredInvitation');
    assert.deepEqual(suggestion.concernedPrincipalIds, ['municipality-1780']);
    assert.equal(suggestion.occurredOn, '2026-12-01');
    assertAnonymous(suggestion, sip);
    assert.deepEqual(await findSuggestion(ctx, key), suggestion);
    // Only to the convening unit.
    const invited = await contextFor('soc.karlstad', '2026-12-02T09:00:00Z');
    assert.ok(!(await listSuggestions(invited)).some((x) => x.key === key));

    const input = {
      title: suggestion.title,
      description: suggestion.description,
      category: suggestion.category!,
      concernedPrincipalIds: suggestion.concernedPrincipalIds,
      occurredOn: suggestion.occurredOn,
      suggestionKey: suggestion.key,
    };
    const reported = await reportDeviation(ctx, input);
    assert.equal(reported.status, 'reported');
    assert.equal(reported.category, 'unansweredInvitation');
    assert.deepEqual(reported.concernedPrincipalIds, ['municipality-1780']);
    assert.equal(reported.reportedBy.unitId, sw.unit('psykiatri.karlstad'));
    assert.equal(reported.assignedTo.id, await w.unit('chef.soc.karlstad'));

    assert.ok(!(await listSuggestions(ctx)).some((x) => x.key === key), 'no longer offered');
    await assert.rejects(findSuggestion(ctx, key), { status: 404 });
    const rows = await w.counts();
    await assert.rejects(reportDeviation(ctx, input), { status: 409 });
    assert.deepEqual(await w.counts(), rows, 'the second report stored nothing');
  });

  test('a SIP not convened within 30 days of consent is flagged once and suggested as a deviation', async () => {
    const [varmland] = await db().select().from(counties).where(eq(counties.code, '17'));
    assert.equal(varmland?.sipConveneDays, 30);
    // Consent given 2026-11-20: a meeting should have been convened by 2026-12-20.
    const sip = await sw.active();
    assert.equal(sip.consent.givenAt, '2026-11-20');
    const convened = await sw.active();
    await sw.invite(convened, sw.unit('soc.karlstad'));

    await run('2026-12-20T12:00:00Z');
    assert.deepEqual(await noticesAbout(sip.id), [], 'not on the last day');
    await run('2026-12-21T08:00:00Z');
    const flagged = [['sip.notConvened', sw.unit('psykiatri.karlstad')]];
    assert.deepEqual(await noticesAbout(sip.id), flagged);
    await run('2026-12-22T08:00:00Z');
    await run('2027-01-10T08:00:00Z');
    assert.deepEqual(await noticesAbout(sip.id), flagged, 'once');
    assert.deepEqual(await noticesAbout(convened.id), [], 'a convened SIP is not flagged');

    const ctx = await contextFor('psykiatri.karlstad', '2026-12-21T09:00:00Z');
    const key = `sip.notConvened:${sip.id}`;
    const suggestion = (await listSuggestions(ctx)).find((x) => x.key === key);
    assert.ok(suggestion, 'offered to the convening unit');
    assert.equal(suggestion.category, 'sipNotHeld');
    assert.deepEqual([...suggestion.concernedPrincipalIds].sort(), ['municipality-1780', 'region-17']);
    assert.equal(suggestion.occurredOn, '2026-12-20');
    assertAnonymous(suggestion, sip);
    assert.ok(!(await listSuggestions(ctx)).some((x) => x.key === `sip.notConvened:${convened.id}`));

    const input = {
      title: suggestion.title,
      description: suggestion.description,
      category: suggestion.category!,
      concernedPrincipalIds: suggestion.concernedPrincipalIds,
      occurredOn: suggestion.occurredOn,
      suggestionKey: suggestion.key,
    };
    const reported = await reportDeviation(ctx, input);
    assert.equal(reported.category, 'sipNotHeld');
    assert.ok(!(await listSuggestions(ctx)).some((x) => x.key === key), 'no longer offered');
    await assert.rejects(findSuggestion(ctx, key), { status: 404 });
    const rows = await w.counts();
    await assert.rejects(reportDeviation(ctx, input), { status: 409 });
    assert.deepEqual(await w.counts(), rows, 'the second report stored nothing');
  });
});
