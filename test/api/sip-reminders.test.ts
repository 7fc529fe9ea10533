import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import '../../src/jobs.ts';
import { counties } from '../../src/modules/organisations/schema.ts';
import { events } from '../../src/platform/events/schema.ts';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { notices } from '../../src/platform/notices/schema.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { type Json, type World, world } from '../helpers/sip-world.ts';

// An invitation must be answered within the county's number of working days (weekends and Swedish public
// holidays excluded; the number is data). Unanswered ones are reminded to the invited unit and flagged to the
// convening unit by a scheduled job, exactly once, however many instances run it at the same moment.

describe('SIP invitations: answer deadline in working days and reminders', () => {
  let s: TestServer;
  let w: World;
  before(async () => {
    s = await startTestServer();
    w = await world(s);
  });
  after(() => s.close());

  const db = () => s.database.db;
  const inviteAt = async (now: string, sip?: Json) => {
    const target = sip ?? (await w.active());
    const res = await w.at('psykiatri.karlstad', now)('POST', `/api/sips/${target.id}/invitations`, {
      unitId: w.unit('soc.karlstad'),
      // A week after the invitation: a meeting is never booked in the past.
      meetingAt: new Date(Date.parse(now) + 7 * 24 * 3600 * 1000).toISOString(),
      place: 'Psykiatrins mottagning, Karlstad',
      externalParticipants: [{ kind: 'forsakringskassan', note: '' }],
    });
    assert.equal(res.status, 201, res.text);
    return { sip: target, invitation: res.body };
  };
  const noticesAbout = (invitationId: string) =>
    db().select().from(notices).where(eq(notices.subjectId, invitationId));
  const remindedEvents = async (invitationId: string) =>
    (await db().select().from(events).where(eq(events.type, 'sip.invitationReminded'))).filter(
      (e) => e.data.invitationId === invitationId,
    );

  test('the answer date is three working days after the invitation, skipping weekends and holidays', async () => {
    // Thursday 2026-11-26 → Friday, Monday, Tuesday.
    const { invitation } = await inviteAt('2026-11-26T10:00:00Z');
    assert.equal(invitation.answerBy, '2026-12-01');
    assert.equal(invitation.place, 'Psykiatrins mottagning, Karlstad');
    assert.deepEqual(invitation.externalParticipants, [{ kind: 'forsakringskassan', note: '' }]);
    // Tuesday 2026-12-22 → 23rd; julafton, juldagen and the weekend are skipped → 28th, 29th.
    assert.equal((await inviteAt('2026-12-22T09:00:00Z')).invitation.answerBy, '2026-12-29');
    // 23:30 UTC on Good Friday 2027-03-26 is 00:30 on Saturday in Sweden; Easter Monday is skipped too.
    assert.equal((await inviteAt('2027-03-26T23:30:00Z')).invitation.answerBy, '2027-04-01');
  });

  test("the number of working days is the county's rule, read when the invitation is sent", async () => {
    await db().update(counties).set({ invitationAnswerWorkingDays: 5 }).where(eq(counties.code, '17'));
    try {
      assert.equal((await inviteAt('2026-11-26T10:00:00Z')).invitation.answerBy, '2026-12-03');
    } finally {
      await db().update(counties).set({ invitationAnswerWorkingDays: 3 }).where(eq(counties.code, '17'));
    }
  });

  test('an unanswered invitation is reminded the day after its answer date, once', async () => {
    const { sip, invitation } = await inviteAt('2026-11-26T10:00:00Z');
    await runJobs({ db: db(), now: new Date('2026-12-01T22:00:00Z') }); // 23:00 on the answer date
    assert.deepEqual(await noticesAbout(invitation.id), [], 'not before the answer date has passed');

    await runJobs({ db: db(), now: new Date('2026-12-01T23:30:00Z') }); // 00:30 on 2 December in Sweden
    const created = await noticesAbout(invitation.id);
    assert.deepEqual(
      created.map((n) => [n.kind, n.recipientUnitId]).sort(),
      [
        ['sip.invitationReminder', w.unit('soc.karlstad')],
        ['sip.invitationUnanswered', w.unit('psykiatri.karlstad')],
      ].sort(),
    );
    await runJobs({ db: db(), now: new Date('2026-12-03T08:00:00Z') });
    assert.equal((await noticesAbout(invitation.id)).length, 2, 'a later run adds nothing');
    assert.equal((await remindedEvents(invitation.id)).length, 1);
    const seen = await w.snapshot(sip);
    assert.equal(seen.invitations.find((i: Json) => i.id === invitation.id).reminded, true);
    // A notice names the invitation, never the person.
    assert.ok(created.every((n) => n.subjectType === 'sipInvitation' && n.subjectId === invitation.id));
  });

  test('answered invitations and closed SIPs are not reminded', async () => {
    const answered = await inviteAt('2026-11-26T10:00:00Z');
    const res = await w.by('soc.karlstad')('POST', `/api/invitations/${answered.invitation.id}/answer`, {
      accepted: true,
    });
    assert.equal(res.status, 200, res.text);
    const closed = await inviteAt('2026-11-26T10:00:00Z');
    const closure = await w.by('psykiatri.karlstad')('POST', `/api/sips/${closed.sip.id}/closure`, {
      reason: 'moved',
    });
    assert.equal(closure.status, 200, closure.text);
    await runJobs({ db: db(), now: new Date('2026-12-10T08:00:00Z') });
    assert.deepEqual(await noticesAbout(answered.invitation.id), []);
    assert.deepEqual(await noticesAbout(closed.invitation.id), []);
  });

  test('an answer records whether it came within the deadline', async () => {
    const late = await inviteAt('2026-11-26T10:00:00Z');
    const res = await w.at('soc.karlstad', '2026-12-02T09:00:00Z')(
      'POST',
      `/api/invitations/${late.invitation.id}/answer`,
      { accepted: false, reason: 'Ingen ledig handläggare den dagen' },
    );
    assert.equal(res.status, 200, res.text);
    const [event] = await db()
      .select()
      .from(events)
      .where(and(eq(events.type, 'sip.invitationAnswered'), eq(events.subjectId, late.sip.id)));
    assert.equal(event?.data.withinDeadline, false);
  });

  test('two instances running the job at the same moment create every notice and event exactly once', async () => {
    const other = await s.database.secondInstance();
    const sip = await w.active();
    const invited = [];
    for (let i = 0; i < 40; i++) invited.push((await inviteAt('2027-01-04T10:00:00Z', sip)).invitation.id);
    for (const at of ['2027-01-08T08:00:00Z', '2027-01-08T08:01:00Z', '2027-01-09T08:00:00Z']) {
      await Promise.all([
        runJobs({ db: db(), now: new Date(at) }),
        runJobs({ db: other.db, now: new Date(at) }),
        runJobs({ db: other.db, now: new Date(at) }),
      ]);
    }
    for (const id of invited) {
      assert.equal((await noticesAbout(id)).length, 2, `notices for ${id}`);
      assert.equal((await remindedEvents(id)).length, 1, `events for ${id}`);
    }
  });
});
