import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import '../../src/jobs.ts';
import {
  notificationDigestItems,
  notificationPreferences,
  notifications,
} from '../../src/modules/notifications/schema.ts';
import { users } from '../../src/modules/organisations/schema.ts';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { deliverOutbox, smtpTransport } from '../../src/platform/mail/deliver.ts';
import { outbox } from '../../src/platform/mail/schema.ts';
import { testTarget } from '../helpers/database.ts';
import { type FollowUpWorld, followUpWorld, type Json } from '../helpers/followup-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { parseMail, smtpServer } from '../helpers/smtp.ts';

// Issue 23, "Done when": instances of Sömlös on one PostgreSQL database run the jobs and send the outbox at the
// same moments, every half hour of a working day on a moved clock, while the day's work is done through the API
// in between; a real SMTP server refuses every mail for now (451) until noon and takes them after. Every notice's
// mail and every digest must reach the server exactly once, and none may be given up. On PGlite the "second
// instance" is the same database (one process owns it), so there the test proves the sequential behaviour only.

type Smtp = Awaited<ReturnType<typeof smtpServer>>;
const on = '2027-01-11';
const at = (time: string) => `${on}T${time}:00Z`;
/** Every half hour from 06.00 to 23.30 Swedish time (UTC+1 in January). */
const steps = Array.from({ length: 36 }, (_, i) =>
  at(`${String(5 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`),
);
const digestUsers = ['soc.karlstad', 'psykiatri.karlstad'];

describe(`notices mailed by instances on one database across a day (${testTarget})`, () => {
  let s: TestServer;
  let smtp: Smtp;
  let runners: Db[];
  const refusedUntil = at('11:00'); // noon in Sweden

  before(async () => {
    s = await startTestServer();
    smtp = await smtpServer({ refuse: 'temporary' });
    const second = await s.database.secondInstance();
    // On PostgreSQL two instances, the second running everything twice at once.
    runners = testTarget === 'postgres' ? [s.database.db, second.db, second.db] : [s.database.db, second.db];
    const w = followUpWorld(s);
    const ids = await s.database.db
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.username, digestUsers));
    await s.database.db.insert(notificationPreferences).values(
      ids.map(({ id }) => ({
        userId: id,
        mode: 'digest' as const,
        digestHour: 14,
        updatedAt: new Date(at('05:00')),
      })),
    );
    const work: Record<string, (w: FollowUpWorld, now: string) => Promise<void>> = {
      [at('05:00')]: notConvened,
      [at('07:00')]: inviteThree,
      [at('09:00')]: answerTwo,
      [at('10:00')]: deviations,
      [at('12:30')]: dispute,
      [at('15:00')]: inviteThree,
    };
    for (const now of steps) {
      await work[now]?.(w, now);
      if (now === refusedUntil) smtp.refuse(null);
      await Promise.all(
        runners.map((db) =>
          Promise.all([
            runJobs({ db, now: new Date(now) }),
            deliverOutbox(db, smtpTransport(smtp.url), new Date(now), { publicUrl: s.url }),
          ]),
        ),
      );
    }
  });
  after(async () => {
    await smtp?.close();
    await s?.close();
  });

  const sips: Json[] = [];
  const invitations: Json[] = [];
  async function inviteThree(w: FollowUpWorld, now: string) {
    const karlstad = await w.unit('soc.karlstad');
    for (let i = 0; i < 3; i++) {
      const sip = w.ok(
        await w.at('psykiatri.karlstad', now)('POST', '/api/sips', {
          person: { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' },
          reason: 'Behöver samordnade insatser',
        }),
        201,
        'sip',
      );
      w.ok(
        await w.at('psykiatri.karlstad', now)('POST', `/api/sips/${sip.id}/consent`, {
          givenAt: on,
          form: 'written',
          principalIds: ['region-17', 'municipality-1780'],
          relativesMayTakePart: true,
        }),
        200,
        'consent',
      );
      sips.push(sip);
      invitations.push(
        w.ok(
          await w.at('psykiatri.karlstad', now)('POST', `/api/sips/${sip.id}/invitations`, {
            unitId: karlstad,
            meetingAt: '2027-01-20T13:00:00+01:00',
          }),
          201,
          'invitation',
        ),
      );
    }
  }
  /** SIPs with consent since 30 November and no meeting: the first round's jobs flag them, every runner at once. */
  async function notConvened(w: FollowUpWorld, now: string) {
    for (let i = 0; i < 4; i++) {
      const sip = w.ok(
        await w.at('psykiatri.karlstad', now)('POST', '/api/sips', {
          person: { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' },
          reason: 'Behöver samordnade insatser',
        }),
        201,
        'sip',
      );
      w.ok(
        await w.at('psykiatri.karlstad', now)('POST', `/api/sips/${sip.id}/consent`, {
          givenAt: '2026-11-30',
          form: 'written',
          principalIds: ['region-17'],
          relativesMayTakePart: true,
        }),
        200,
        'consent',
      );
    }
  }
  async function answerTwo(w: FollowUpWorld, now: string) {
    for (const invitation of invitations.slice(0, 2))
      w.ok(
        await w.at('soc.karlstad', now)('POST', `/api/invitations/${invitation.id}/answer`, {
          accepted: true,
        }),
        200,
        'answer',
      );
  }
  async function deviations(w: FollowUpWorld, now: string) {
    for (const i of [1, 2]) {
      const d = w.ok(
        await w.at('soc.arvika', now)('POST', '/api/deviations', {
          title: `Kallelse nummer ${i} besvarades inte`,
          description:
            'Socialtjänsten kallade psykiatrin till ett SIP-möte. Kallelsen besvarades inte i tid.',
          category: 'unansweredInvitation',
          concernedPrincipalIds: ['region-17'],
          occurredOn: on,
        }),
        201,
        'deviation',
      );
      if (i === 1)
        w.ok(
          await w.at('soc.arvika', now)('POST', `/api/deviations/${d.id}/escalation`, {
            reason: 'Inget svar.',
          }),
          200,
          'escalation',
        );
    }
  }
  async function dispute(w: FollowUpWorld, now: string) {
    w.ok(
      await w.at('chef.soc.karlstad', now)('POST', '/api/disputes', {
        kind: 'interpretation',
        category: 'interpretation',
        title: 'Vad betyder motsvarande nivå?',
        description: 'Parterna läser avsnittet om tvister olika.',
        counterpartPrincipalIds: ['region-17'],
      }),
      201,
      'dispute',
    );
  }

  test('the server refused for a morning, and every mail in the outbox reached it exactly once', async (t) => {
    const rows = await s.database.db.select().from(outbox);
    const received = smtp.received.map((r) => parseMail(r.data));
    const ids = received.map((m) => m.headers['message-id']);
    t.diagnostic(
      `${steps.length} rounds × ${runners.length} runners; ${rows.length} mails, ${smtp.refusedCount()} refusals`,
    );
    assert.ok(smtp.refusedCount() > 0, 'the server refused for a while');
    assert.ok(
      rows.some((r) => r.attempts > 1),
      'some mails were tried more than once',
    );
    assert.deepEqual(
      rows
        .filter((r) => r.failedAt || !r.sentAt)
        .map((r) => `${r.subject} to ${r.toAddress}: ${r.lastError}`),
      [],
      'every mail sent, none given up',
    );
    assert.equal(new Set(ids).size, ids.length, 'no Message-ID arrived twice');
    assert.deepEqual([...ids].sort(), rows.map((r) => r.messageId).sort(), 'each row arrived once');
    const kinds = new Set(
      (await s.database.db.select({ kind: notifications.kind }).from(notifications)).map((n) => n.kind),
    );
    for (const kind of [
      'sip.notConvened',
      'sip.invitationSent',
      'sip.invitationAnswered',
      'deviation.reported',
      'deviation.escalated',
      'dispute.opened',
    ])
      assert.ok(kinds.has(kind), `${kind} was mailed`);
  });

  test('each notification went once to each address, and the digests once per user, at 14.00', async () => {
    const rows = await s.database.db.select().from(outbox);
    const perAddress = rows.filter((r) => r.notificationId).map((r) => `${r.notificationId} ${r.toAddress}`);
    assert.equal(new Set(perAddress).size, perAddress.length);
    for (const username of digestUsers) {
      const digests = rows.filter(
        (r) => r.toAddress === `${username}@demo.invalid` && r.dedupeKey?.startsWith('digest:'),
      );
      assert.equal(digests.length, 1, `${username}: one digest`);
      assert.equal(
        digests[0]!.createdAt.toISOString(),
        at('13:00').replace('Z', '.000Z'),
        'made at 14.00 Swedish time',
      );
      assert.equal(
        rows.filter((r) => r.toAddress === `${username}@demo.invalid` && !r.dedupeKey?.startsWith('digest:'))
          .length,
        0,
        `${username}: nothing at once`,
      );
    }
    // What came after 14.00 waits for tomorrow's digest.
    const [soc] = await s.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, 'soc.karlstad'));
    const waiting = await s.database.db
      .select()
      .from(notificationDigestItems)
      .where(eq(notificationDigestItems.userId, soc!.id));
    assert.equal(waiting.length, 3, 'the afternoon’s three invitations');
  });
});
