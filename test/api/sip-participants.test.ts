import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { recordAllParticipation } from '../../src/modules/sip/participation.ts';
import { freshLivingDemoDatabase, type TestDatabase } from '../helpers/database.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 27: who takes part in a SIP under consent is kept in sip_participants, written by recordParticipation in the
// transaction of every change to the invitations or the consent, and read by the access rule. Here: after two years
// of SIPs played through the use cases (the living demo: invitations answered and declined, consents narrowed and
// withdrawn, SIPs closed), the table holds exactly what the invitations and consents say, row for row; and over
// HTTP, each kind of change moves it at once, so the SIP is 404 or 200 as the rule says.

type Row = { sip_id: string; unit_id: string; principal_id: string };
const rows = (database: TestDatabase) =>
  queryRows<Row>(
    database.db,
    sql`select sip_id, unit_id, principal_id from sip_participants order by sip_id, unit_id, principal_id`,
  );

describe('sip_participants after the living demo', () => {
  let database: TestDatabase;
  before(async () => {
    database = await freshLivingDemoDatabase();
  });
  after(() => database.close());

  test('holds exactly the rows the invitations and consents give, written as each change was made', async () => {
    const kept = await rows(database);
    assert.ok(kept.length > 100, `rows: ${kept.length}`);
    // Recomputed from the invitations and consents as they are now, as the migration's backfill does.
    const [counts] = await queryRows<{ declined: number; withdrawn: number; narrowed: number }>(
      database.db,
      sql`select (select count(*)::int from sip_invitations where status = 'declined') as declined,
                 (select count(*)::int from sip_consents where withdrawn_on is not null) as withdrawn,
                 (select count(*)::int from sip_consent_changes where kind = 'principalWithdrawn') as narrowed`,
    );
    assert.ok(counts!.declined > 0, `the demo declines invitations: ${JSON.stringify(counts)}`);
    await inTransaction(database.db, (tx) => recordAllParticipation(tx));
    assert.deepEqual(await rows(database), kept);
  });
});

const NOW = '2026-11-26T10:00:00.000Z';

describe('sip_participants follows each change at once', () => {
  let s: TestServer;
  let convener: string;
  let invited: string;
  let sipId = '';
  let invitedUnit = '';
  let invitedPrincipal = '';
  let convenerPrincipal = '';

  const participants = async () =>
    (await rows(s.database)).filter((r) => r.sip_id === sipId).map((r) => `${r.unit_id} ${r.principal_id}`);
  const invitedReads = async () =>
    (await s.api('GET', `/api/sips/${sipId}`, { token: invited, now: NOW })).status;

  before(async () => {
    s = await startTestServer();
    convener = await s.login('psykiatri.karlstad', { now: NOW });
    invited = await s.login('soc.karlstad', { now: NOW });
    const me = await s.api('GET', '/api/me', { token: invited, now: NOW });
    invitedUnit = me.body.unit.id;
    invitedPrincipal = me.body.principal.id;
    convenerPrincipal = (await s.api('GET', '/api/me', { token: convener, now: NOW })).body.principal.id;
    const started = await s.api('POST', '/api/sips', {
      token: convener,
      now: NOW,
      body: { person: { personalIdentityNumber: '19121212-1212', name: 'Prov Person' }, reason: 'Prov' },
    });
    assert.equal(started.status, 201, started.text);
    sipId = started.body.id;
  });
  after(() => s.close());

  test('invited before consent: no row, and the invited unit gets 404', async () => {
    const consent = await s.api('POST', `/api/sips/${sipId}/consent`, {
      token: convener,
      now: NOW,
      body: {
        givenAt: '2026-11-25',
        form: 'written',
        principalIds: [convenerPrincipal, invitedPrincipal],
        relativesMayTakePart: false,
      },
    });
    assert.equal(consent.status, 200, consent.text);
    assert.deepEqual(await participants(), []);
    assert.equal(await invitedReads(), 404);
  });

  test('an invitation sent: the unit takes part under each principal of the consent, and reads', async () => {
    const sent = await s.api('POST', `/api/sips/${sipId}/invitations`, {
      token: convener,
      now: NOW,
      body: { unitId: invitedUnit, meetingAt: '2026-12-10T10:00:00+01:00' },
    });
    assert.equal(sent.status, 201, sent.text);
    assert.equal((await participants()).length, 2);
    assert.ok((await participants()).every((p) => p.startsWith(`${invitedUnit} `)));
    assert.equal(await invitedReads(), 200);
    // Declined: out at once.
    const answer = await s.api('POST', `/api/invitations/${sent.body.id}/answer`, {
      token: invited,
      now: NOW,
      body: { accepted: false, reason: 'Inga insatser hos oss.' },
    });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(await participants(), []);
    assert.equal(await invitedReads(), 404);
  });

  test('invited again and accepted: in again; the whole consent withdrawn: out at once', async () => {
    const sent = await s.api('POST', `/api/sips/${sipId}/invitations`, {
      token: convener,
      now: NOW,
      body: { unitId: invitedUnit, meetingAt: '2026-12-11T10:00:00+01:00' },
    });
    assert.equal(sent.status, 201, sent.text);
    const answer = await s.api('POST', `/api/invitations/${sent.body.id}/answer`, {
      token: invited,
      now: NOW,
      body: { accepted: true },
    });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(
      (await participants()).sort(),
      [`${invitedUnit} ${convenerPrincipal}`, `${invitedUnit} ${invitedPrincipal}`].sort(),
    );
    assert.equal(await invitedReads(), 200);
    const withdrawn = await s.api('POST', `/api/sips/${sipId}/consent/withdrawal`, {
      token: convener,
      now: NOW,
      body: { withdrawnAt: '2026-11-26' },
    });
    assert.equal(withdrawn.status, 200, withdrawn.text);
    assert.deepEqual(await participants(), []);
    assert.equal(await invitedReads(), 404);
    // The convening unit still reads its closed SIP.
    assert.equal((await s.api('GET', `/api/sips/${sipId}`, { token: convener, now: NOW })).status, 200);
  });
});
