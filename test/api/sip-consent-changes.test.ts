import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { events } from '../../src/platform/events/schema.ts';
import { testTarget } from '../helpers/database.ts';
import { type ApiResponse, startTestServer, type TestServer } from '../helpers/server.ts';
import { assertHidden, assertLike, type Json, TODAY, type World, world } from '../helpers/sip-world.ts';

// Issue 22 item 4 over HTTP: a change of the consent recorded by the convening unit, each a new version with its
// date and who gave it (POST /api/sips/{id}/consent/changes); and who gave the consent itself and its withdrawal.
// Every rule's bad input is a Swedish 422 naming the field and stores nothing: not the consent, not its history,
// not an event. (What a change does to access: sip-consent-access.test.ts.)

/** A valid personnummer of someone born on this day (YYYYMMDD), with this serial: the Luhn digit added. */
function pinOf(yyyymmdd: string, serial: string) {
  const nine = `${yyyymmdd.slice(2)}${serial}`;
  const sum = [...nine].reduce((acc, d, i) => {
    const x = Number(d) * (i % 2 === 0 ? 2 : 1);
    return acc + (x > 9 ? x - 9 : x);
  }, 0);
  return `${yyyymmdd}-${serial}${(10 - (sum % 10)) % 10}`;
}
/** Under 18 on TODAY (2026-11-26): turns 18 on 2026-11-27, the day after. */
const child = { personalIdentityNumber: pinOf('20081127', '123'), name: 'Kim Karlsson' };

describe(`API: changes of a SIP's consent, each a new version with who gave it (${testTarget})`, () => {
  let s: TestServer;
  let w: World;
  before(async () => {
    s = await startTestServer();
    w = await world(s);
  });
  after(() => s.close());

  const change = (sip: Json, body: unknown, u = 'psykiatri.karlstad') =>
    w.by(u)('POST', `/api/sips/${sip.id}/consent/changes`, body);
  const eventCount = (sip: Json) => s.database.db.$count(events, eq(events.subjectId, sip.id));
  /** Refused with this status, nothing stored: the SIP as it was (its consent's history too) and no event. */
  async function refused(sip: Json, status: number, attempt: () => Promise<ApiResponse>, what: string) {
    const count = await eventCount(sip);
    const res = await w.refused(sip, status, attempt, what);
    assert.equal(await eventCount(sip), count, `${what}: an event was recorded`);
    return res;
  }
  /** A 422 whose errors name exactly these paths, each message in Swedish. */
  async function unprocessable(sip: Json, body: unknown, paths: string[], what: string) {
    const res = await refused(sip, 422, () => change(sip, body), what);
    assert.deepEqual(
      res.body.errors.map((e: Json) => e.path),
      paths,
      `${what}: ${res.text}`,
    );
    for (const e of res.body.errors)
      assert.match(e.message, /\b(inte|är|för|som|den|ange|samtycket|huvudman)/i, e.message);
    return res;
  }
  const added = (principalId: string, more: Json = {}) => ({
    kind: 'principalAdded',
    principalId,
    changedOn: TODAY,
    givenBy: { capacity: 'person' },
    ...more,
  });

  test('a principal added: 201 Sip, version 2, the change with its date and who gave it; an event', async () => {
    const sip = await w.active();
    assertLike(sip.consent, { givenBy: { capacity: 'person', name: null }, version: 1, changes: [] });
    const res = await change(sip, added('municipality-1784', { changedOn: '2026-11-24' }));
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(res.body.consent.principalIds, ['municipality-1780', 'municipality-1784', 'region-17']);
    assertLike(res.body.consent, {
      givenAt: '2026-11-20',
      givenBy: { capacity: 'person', name: null },
      version: 2,
      changes: [
        {
          version: 2,
          kind: 'principalAdded',
          principalId: 'municipality-1784',
          changedOn: '2026-11-24',
          givenBy: { capacity: 'person', name: null },
          recordedBy: 'staff',
        },
      ],
    });
    assert.deepEqual(await w.snapshot(sip), res.body);
    const [event] = await s.database.db
      .select()
      .from(events)
      .where(eq(events.type, 'sip.consentWidened'))
      .then((rows) => rows.filter((e) => e.subjectId === sip.id));
    assert.deepEqual(event?.data, {
      sipId: sip.id,
      principalId: 'municipality-1784',
      changedOn: '2026-11-24',
      givenBy: 'person',
      byPerson: false,
    });
  });

  test('every kind in turn: the versions count up, each change named with who gave it', async () => {
    const sip = await w.active();
    const steps = [
      added('municipality-1784', { givenBy: { capacity: 'legalRepresentative', name: 'Greta Godman' } }),
      { kind: 'principalWithdrawn', principalId: 'municipality-1780', changedOn: TODAY },
      { kind: 'relativesRefused', changedOn: TODAY, givenBy: { capacity: 'person', name: 'ignored' } },
      { kind: 'relativesAllowed', changedOn: TODAY, givenBy: { capacity: 'person' } },
    ];
    let last: Json = sip;
    for (const step of steps) {
      const res = await change(sip, step);
      assert.equal(res.status, 201, `${step.kind}: ${res.text}`);
      last = res.body;
    }
    assert.equal(last.consent.version, 5);
    assert.deepEqual(
      last.consent.changes.map((c: Json) => [c.version, c.kind, c.principalId, c.givenBy]),
      [
        [2, 'principalAdded', 'municipality-1784', { capacity: 'legalRepresentative', name: 'Greta Godman' }],
        [3, 'principalWithdrawn', 'municipality-1780', { capacity: 'person', name: null }],
        [4, 'relativesRefused', null, { capacity: 'person', name: null }],
        [5, 'relativesAllowed', null, { capacity: 'person', name: null }],
      ],
    );
    assert.deepEqual(last.consent.principalIds, ['municipality-1784', 'region-17']);
    assert.equal(last.consent.relativesMayTakePart, true);
  });

  test('dates: not in the future, not before the consent was given (422, path changedOn)', async () => {
    const sip = await w.active();
    for (const changedOn of ['2026-11-27', '2030-01-01'])
      await unprocessable(sip, added('municipality-1784', { changedOn }), ['changedOn'], changedOn);
    const early = await unprocessable(
      sip,
      added('municipality-1784', { changedOn: '2026-11-19' }),
      ['changedOn'],
      'before the consent',
    );
    assert.match(early.body.detail, /före datumet då samtycket gavs \(2026-11-20\)/);
    const ok = await change(sip, added('municipality-1784', { changedOn: '2026-11-20' }));
    assert.equal(ok.status, 201, ok.text);
  });

  test('the principal: named for its kinds, not covered to add, covered and not convening to withdraw', async () => {
    const sip = await w.active();
    const cases: [Json, string][] = [
      [{ kind: 'principalAdded', changedOn: TODAY }, 'none to add'],
      [{ kind: 'principalWithdrawn', changedOn: TODAY }, 'none to withdraw'],
      [added('municipality-1780'), 'already covered'],
      [added('municipality-9999'), 'unknown'],
      [added(randomUUID()), 'unknown id'],
      [{ kind: 'principalWithdrawn', principalId: 'region-17', changedOn: TODAY }, 'the convening principal'],
      [{ kind: 'principalWithdrawn', principalId: 'municipality-1784', changedOn: TODAY }, 'not covered'],
    ];
    for (const [body, what] of cases) await unprocessable(sip, body, ['principalId'], what);
    const relatives = await unprocessable(
      sip,
      { kind: 'relativesAllowed', changedOn: TODAY },
      ['kind'],
      'again',
    );
    assert.match(relatives.body.detail, /redan/);
  });

  test('who gave it, for an adult: the person, or a legal representative by name; never a guardian', async () => {
    const sip = await w.active();
    await unprocessable(
      sip,
      added('municipality-1784', { givenBy: { capacity: 'legalRepresentative' } }),
      ['givenBy.name'],
      'a representative without a name',
    );
    await unprocessable(
      sip,
      added('municipality-1784', { givenBy: { capacity: 'legalRepresentative', name: '  ' } }),
      ['givenBy.name'],
      'a blank name',
    );
    const guardian = await unprocessable(
      sip,
      added('municipality-1784', { givenBy: { capacity: 'guardian', name: 'Gun Förälder' } }),
      ['givenBy.capacity'],
      'a guardian for an adult',
    );
    assert.match(guardian.body.detail, /18 år eller äldre/);
    // Without givenBy, an adult's change is the person's own.
    const res = await change(sip, { kind: 'relativesRefused', changedOn: TODAY });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(res.body.consent.changes[0].givenBy, { capacity: 'person', name: null });
  });

  test('every problem at once, in the order of the fields', async () => {
    const sip = await w.active();
    await unprocessable(
      sip,
      {
        kind: 'principalAdded',
        principalId: 'municipality-1780',
        changedOn: '2026-12-24',
        givenBy: { capacity: 'legalRepresentative' },
      },
      ['principalId', 'changedOn', 'givenBy.name'],
      'three problems',
    );
  });

  test('a child (under 18 on the day of the change, from the identity number): a guardian, by name', async () => {
    const sip = await w.start('psykiatri.karlstad', child);
    const consented = await w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/consent`, {
      givenAt: '2026-11-20',
      form: 'written',
      principalIds: ['region-17', 'municipality-1780'],
      relativesMayTakePart: true,
      guardians: [{ name: 'Gun Karlsson' }, { name: 'Gert Karlsson' }],
    });
    assert.equal(consented.status, 200, consented.text);
    assertLike(consented.body.consent, {
      givenBy: { capacity: 'guardian', name: 'Gun Karlsson, Gert Karlsson' },
      guardians: [{ name: 'Gun Karlsson' }, { name: 'Gert Karlsson' }],
    });
    const body = added('municipality-1784');
    await unprocessable(sip, { ...body, givenBy: undefined }, ['givenBy'], 'no one named');
    await unprocessable(sip, body, ['givenBy.capacity'], 'the child themself');
    await unprocessable(
      sip,
      { ...body, givenBy: { capacity: 'legalRepresentative', name: 'Greta Godman' } },
      ['givenBy.capacity'],
      'a legal representative for a child',
    );
    await unprocessable(sip, { ...body, givenBy: { capacity: 'guardian' } }, ['givenBy.name'], 'no name');
    const res = await change(sip, { ...body, givenBy: { capacity: 'guardian', name: 'Gun Karlsson' } });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(res.body.consent.changes[0].givenBy, { capacity: 'guardian', name: 'Gun Karlsson' });
  });

  test('shapes the API does not take are 400: another kind, capacity or date; withdrawal has its own route', async () => {
    const sip = await w.active();
    const bodies = [
      { ...added('municipality-1784'), kind: 'withdrawn' },
      { ...added('municipality-1784'), kind: 'principalRemoved' },
      { ...added('municipality-1784'), givenBy: { capacity: 'friend' } },
      { ...added('municipality-1784'), changedOn: '26/11/2026' },
      { ...added('municipality-1784'), changedOn: '2026-02-30' },
      { kind: 'principalAdded', principalId: 'municipality-1784' },
      {},
    ];
    for (const body of bodies) await refused(sip, 400, () => change(sip, body), JSON.stringify(body));
  });

  test('who may: outsiders 404, a unit that takes part 403, before consent, after withdrawal or closure 409', async () => {
    const sip = await w.active();
    await w.join(sip);
    for (const u of ['soc.arvika', 'psykiatri.orebro']) {
      const res = await refused(sip, 404, () => change(sip, added('municipality-1784'), u), u);
      assertHidden(res, sip, u);
    }
    for (const u of ['soc.karlstad', 'chef.soc.karlstad'])
      await refused(sip, 403, () => change(sip, added('municipality-1784'), u), u);
    const requested = await w.start();
    await refused(requested, 409, () => change(requested, added('municipality-1784')), 'before consent');
    const withdrawn = await w.active();
    const res = await w.by('psykiatri.karlstad')('POST', `/api/sips/${withdrawn.id}/consent/withdrawal`, {
      withdrawnAt: TODAY,
    });
    assert.equal(res.status, 200, res.text);
    await refused(withdrawn, 409, () => change(withdrawn, added('municipality-1784')), 'after withdrawal');
    const closed = await w.active();
    const close = await w.by('psykiatri.karlstad')('POST', `/api/sips/${closed.id}/closure`, {
      reason: 'moved',
    });
    assert.equal(close.status, 200, close.text);
    await refused(closed, 409, () => change(closed, added('municipality-1784')), 'after closure');
    const missing = await change({ id: randomUUID() }, added('municipality-1784'));
    assert.equal(missing.status, 404);
  });

  test('the consent itself: who gave it, recorded; a representative is named and takes part in the decision', async () => {
    const consent = (sip: Json, more: Json) =>
      w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/consent`, {
        givenAt: '2026-11-20',
        form: 'written',
        principalIds: ['region-17'],
        relativesMayTakePart: false,
        ...more,
      });
    const sip = await w.start();
    for (const [givenBy, path] of [
      [{ capacity: 'legalRepresentative' }, 'givenBy.name'],
      [{ capacity: 'guardian', name: 'Gun' }, 'givenBy.capacity'],
    ] as const) {
      const res = await refused(sip, 422, () => consent(sip, { givenBy }), path);
      assert.deepEqual(
        res.body.errors.map((e: Json) => e.path),
        [path],
      );
    }
    const res = await consent(sip, {
      givenBy: { capacity: 'legalRepresentative', name: 'Greta Godman' },
      decisionParticipants: ['staff'],
    });
    assert.equal(res.status, 200, res.text);
    assertLike(res.body.consent, {
      givenBy: { capacity: 'legalRepresentative', name: 'Greta Godman' },
      decisionParticipants: ['staff', 'trustee'],
      guardians: [],
      version: 1,
    });
  });

  test('withdrawal: dated neither in the future nor before the consent; who gave it is in the history', async () => {
    const sip = await w.active();
    const withdraw = (body: Json) =>
      w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/consent/withdrawal`, body);
    for (const withdrawnAt of ['2026-11-27', '2026-11-19']) {
      const res = await refused(sip, 422, () => withdraw({ withdrawnAt }), withdrawnAt);
      assert.deepEqual(
        res.body.errors.map((e: Json) => e.path),
        ['withdrawnAt'],
      );
    }
    await refused(
      sip,
      422,
      () => withdraw({ withdrawnAt: TODAY, givenBy: { capacity: 'legalRepresentative' } }),
      'no name',
    );
    const res = await withdraw({
      withdrawnAt: TODAY,
      givenBy: { capacity: 'legalRepresentative', name: 'Greta Godman' },
    });
    assert.equal(res.status, 200, res.text);
    assertLike(res.body.consent, {
      withdrawnAt: TODAY,
      version: 2,
      changes: [
        {
          version: 2,
          kind: 'withdrawn',
          principalId: null,
          changedOn: TODAY,
          givenBy: { capacity: 'legalRepresentative', name: 'Greta Godman' },
          recordedBy: 'staff',
        },
      ],
    });
  });
});
