import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import '../../src/jobs.ts';
import { events } from '../../src/platform/events/schema.ts';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { notices } from '../../src/platform/notices/schema.ts';
import { type FollowUpWorld, followUpWorld, type Json } from '../helpers/followup-world.ts';
import {
  alike,
  earlier,
  errorsOf,
  eskilstuna,
  persons,
  storyCalls,
  storyUnits,
} from '../helpers/needs-inventory-story.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// A needs inventory in Södermanland (Sörmland §10): a round is planned, opened, its records entered by units of
// two municipalities (two units of Eskilstuna); then who may do what, the Swedish messages, and the reminders with
// a moving clock. The round's results, comments and events are needs-inventory-results.test.ts; the records and
// calls of the story are test/helpers/needs-inventory-story.ts.

describe('API: needs inventories', () => {
  let s: TestServer;
  let w: FollowUpWorld;
  let units: Record<string, string>;
  before(async () => {
    s = await startTestServer();
    w = followUpWorld(s);
    units = await storyUnits(w);
  });
  after(() => s.close());

  const { as, roundBody, enterAll, advance } = storyCalls(
    () => w,
    () => units,
  );

  // One story in steps, each starting where the one before ended (the earlier round to compare with, the round
  // planned, its records; needs-inventory-results.test.ts goes on from there), so the steps are subtests of one
  // test, which runs them in this order.
  test('a round from planning to its records, after an earlier round', async (t) => {
    let earlierId = '';
    let roundId = '';

    await t.test(
      'an earlier round is run and reported; its results are all shown (no count under 5)',
      async () => {
        const created = w.ok(
          await as('avtal.sormland', '2026-01-05')(
            'POST',
            '/api/needs-inventories',
            roundBody({
              title: 'Behovsinventering våren 2026',
              periodStart: '2026-01-10',
              periodEnd: '2026-02-28',
              formId: 'socialstyrelsen-2012',
              unitIds: [units['soc.eskilstuna']],
            }),
          ),
          201,
          'create earlier',
        );
        earlierId = created.id;
        assert.equal(created.status, 'planned');
        await advance(earlierId, 'collecting', '2026-01-10');
        await enterAll(earlierId, '2026-02-01', [['soc.eskilstuna', earlier]]);
        await advance(earlierId, 'interpreting', '2026-03-01');
        const reported = await advance(earlierId, 'reported', '2026-03-20');
        assert.equal(reported.reportedOn, '2026-03-20');
        const r = w.ok(
          await as('soc.karlstad', '2026-03-21')('GET', `/api/needs-inventories/${earlierId}`),
          404,
          'other county',
        );
        assert.match(r.detail, /finns inte/);
        const results = w.ok(
          await as('nsph.sormland', '2026-03-21')('GET', `/api/needs-inventories/${earlierId}/results`),
          200,
          'earlier results',
        ).results;
        assert.equal(results.persons, 10);
        assert.deepEqual(
          results.needs.map((n: Json) => [n.key, n.none, n.met, n.unmet, n.unmetShare]),
          [
            ['housing', 5, 0, 5, 50],
            ['occupation', 0, 0, 10, 100],
            ['dailyLiving', 0, 10, 0, 0],
            ['social', 10, 0, 0, 0],
            ['leisure', 10, 0, 0, 0],
            ['economy', 10, 0, 0, 0],
            ['psychiatricCare', 0, 10, 0, 0],
            ['somaticCare', 10, 0, 0, 0],
            ['substanceUse', 10, 0, 0, 0],
          ],
        );
      },
    );

    await t.test(
      'a round is planned by an agreement administrator or the coordinating body; bad input is named in Swedish',
      async () => {
        const bad = await as('avtal.sormland', '2026-08-20')(
          'POST',
          '/api/needs-inventories',
          roundBody({
            periodEnd: '2026-08-01',
            formId: 'inget-formular',
            coordinatorBodyId: 'body-17-beredningsgruppen',
            unitIds: [units['soc.karlstad']],
          }),
        );
        assert.equal(bad.status, 422, bad.text);
        assert.deepEqual(errorsOf(bad), {
          periodEnd: 'Perioden måste sluta samma dag som den börjar eller senare.',
          formId: 'Välj ett av inventeringsformulären.',
          coordinatorBodyId: 'Välj det samverkansorgan i länet som samordnar.',
          unitIds: 'Välj de enheter i regionen och kommunerna som ska registrera personer.',
        });
        const identifying = await as('avtal.sormland', '2026-08-20')(
          'POST',
          '/api/needs-inventories',
          roundBody({ instructions: 'Börja med 19121212-1212 som vi talade om.' }),
        );
        assert.equal(identifying.status, 422);
        assert.equal(
          errorsOf(identifying).instructions.startsWith('Texten ser ut att innehålla ett personnummer'),
          true,
        );
        const staff = await as('soc.eskilstuna', '2026-08-20')('POST', '/api/needs-inventories', roundBody());
        assert.equal(staff.status, 403);
        const otherBody = await as('anp.sormland', '2026-08-20')(
          'POST',
          '/api/needs-inventories',
          roundBody(),
        );
        assert.equal(
          otherBody.status,
          403,
          'a governance member of another body does not coordinate this one',
        );
        assert.match(otherBody.body.detail, /samordnande organet/);

        const created = w.ok(
          await as('bgp.sormland', '2026-08-20')('POST', '/api/needs-inventories', roundBody()),
          201,
          'create',
        );
        roundId = created.id;
        assert.equal(created.status, 'planned');
        assert.equal(created.form.name, 'SKL:s förkortade inventeringsformulär');
        assert.deepEqual(
          created.units.map((u: Json) => u.name),
          ['Boendestöd, Eskilstuna', 'Socialtjänst vuxen, Eskilstuna', 'Socialtjänst vuxen, Nyköping'],
        );
      },
    );

    await t.test(
      'records are entered only while the round collects, by its units, de-identified and checked against the form',
      async () => {
        const early = await as('soc.eskilstuna', '2026-08-25')(
          'POST',
          `/api/needs-inventories/${roundId}/records`,
          alike('0484'),
        );
        assert.equal(early.status, 409);
        const skip = await as('bgp.sormland', '2026-08-25')(
          'POST',
          `/api/needs-inventories/${roundId}/status`,
          {
            status: 'interpreting',
          },
        );
        assert.equal(skip.status, 409);
        assert.equal(
          skip.body.detail,
          'Inventeringen är planerad; nästa steg är att den öppnas för registrering.',
        );
        await advance(roundId, 'collecting', '2026-09-01');

        const bad = await as('soc.eskilstuna', '2026-09-02')(
          'POST',
          `/api/needs-inventories/${roundId}/records`,
          {
            ...alike('0484'),
            municipalityCode: '1780',
            housing: 'castle',
            contacts: ['psychiatry', 'astrology'],
            needs: {
              housing: 'none',
              occupation: 'unmet',
              dailyLiving: 'maybe',
              social: 'unmet',
              leisure: 'none',
            },
          },
        );
        assert.equal(bad.status, 422, bad.text);
        assert.deepEqual(errorsOf(bad), {
          municipalityCode: 'Välj den kommun i länet där personen bor.',
          housing: 'Välj hur personen bor.',
          contacts: 'Välj kontakter bland dem formuläret tar upp.',
          'needs.dailyLiving':
            'Ange om personen har behov inom vardagliga aktiviteter och egenvård och om det är tillgodosett.',
          'needs.psychiatricCare':
            'Ange om personen har behov inom psykiatrisk vård och behandling och om det är tillgodosett.',
          'needs.leisure': 'Formuläret har inget sådant livsområde.',
        });
        const identifying = await as('soc.eskilstuna', '2026-09-02')(
          'POST',
          `/api/needs-inventories/${roundId}/records`,
          { ...alike('0484'), note: 'Samma person som 121212-1212' },
        );
        assert.equal(identifying.status, 422);
        assert.deepEqual(Object.keys(errorsOf(identifying)), ['note']);
        const outside = await as('psykiatri.eskilstuna', '2026-09-02')(
          'POST',
          `/api/needs-inventories/${roundId}/records`,
          alike('0484'),
        );
        assert.equal(outside.status, 403, 'a unit that does not take part');
        const otherCounty = await as('soc.karlstad', '2026-09-02')(
          'POST',
          `/api/needs-inventories/${roundId}/records`,
          alike('0484'),
        );
        assert.equal(otherCounty.status, 404);

        await enterAll(roundId, '2026-09-10', [
          ['soc.eskilstuna', [...eskilstuna.slice(0, 8), ...persons(2, alike('0428'))]],
          ['boendestod.eskilstuna', eskilstuna.slice(8)],
          ['soc.nykoping', persons(6, alike('0480'))],
        ]);
        // One too many, entered by mistake and removed.
        const extra = w.ok(
          await as('soc.nykoping', '2026-09-11')(
            'POST',
            `/api/needs-inventories/${roundId}/records`,
            alike('0480'),
          ),
          201,
          'extra',
        );
        const notOurs = await as('soc.eskilstuna', '2026-09-11')(
          'DELETE',
          `/api/needs-inventories/${roundId}/records/${extra.id}`,
        );
        assert.equal(notOurs.status, 404, 'a unit removes only its own records');
        const removed = await as('soc.nykoping', '2026-09-11')(
          'DELETE',
          `/api/needs-inventories/${roundId}/records/${extra.id}`,
        );
        assert.equal(removed.status, 204);

        const own = w.ok(
          await as('boendestod.eskilstuna', '2026-09-12')('GET', `/api/needs-inventories/${roundId}/records`),
          200,
          'own records',
        );
        assert.equal(own.length, 4, 'a unit sees its own records, not the other Eskilstuna unit’s');
        const view = w.ok(
          await as('boendestod.eskilstuna', '2026-09-12')('GET', `/api/needs-inventories/${roundId}`),
          200,
          'round',
        );
        assert.equal(view.ownRecords, 4);
        assert.equal(view.totalRecords, null, 'progress of the whole round is the coordinators’');
        assert.deepEqual(
          view.units.map((u: Json) => u.records),
          [4, null, null],
        );
        const coordinator = w.ok(
          await as('bgp.sormland', '2026-09-12')('GET', `/api/needs-inventories/${roundId}`),
          200,
          'round',
        );
        assert.equal(coordinator.totalRecords, 20);

        const early2 = await as('soc.eskilstuna', '2026-09-12')(
          'GET',
          `/api/needs-inventories/${roundId}/results`,
        );
        assert.equal(early2.status, 403, 'results wait for the interpretation');
        const preliminary = w.ok(
          await as('bgp.sormland', '2026-09-12')('GET', `/api/needs-inventories/${roundId}/results`),
          200,
          'preliminary',
        );
        assert.equal(preliminary.preliminary, true);
      },
    );
  });
});

describe('API: needs inventory reminders', () => {
  let s: TestServer;
  let w: FollowUpWorld;
  before(async () => {
    s = await startTestServer();
    w = followUpWorld(s);
  });
  after(() => s.close());

  const recipients = async (kind: string, server = s) =>
    (
      await server.database.db
        .select({ unit: notices.recipientUnitId })
        .from(notices)
        .where(eq(notices.kind, kind))
    )
      .map((n) => n.unit)
      .sort();
  const jobsAt = (on: string, server = s) =>
    runJobs({ db: server.database.db, now: new Date(`${on}T06:00:00Z`) });
  const sorted = (xs: string[]) => [...xs].sort();

  test('three years after a round is reported, with none after it, the coordinators are told the next is due', async () => {
    // The demo's round for Södermanland was reported 2023-10-16: BGP's member and the county's agreement
    // administrators are told on 2026-10-16, once. No other county has a round, so no one else is told.
    // On a server of its own: the demo's rounds as they are, without the round the other test starts after it.
    const demo = await startTestServer();
    try {
      const dw = followUpWorld(demo);
      const coordinators = sorted([await dw.unit('bgp.sormland'), await dw.unit('avtal.sormland')]);
      await jobsAt('2026-10-15', demo);
      assert.deepEqual(await recipients('needsInventory.nextDue', demo), []);
      await jobsAt('2026-10-16', demo);
      await jobsAt('2026-10-17', demo);
      assert.deepEqual(await recipients('needsInventory.nextDue', demo), coordinators);
    } finally {
      await demo.close();
    }
  });

  test('taking-part units are told when the round collects and a week before it closes, once each', async () => {
    const units = sorted([await w.unit('soc.eskilstuna'), await w.unit('boendestod.eskilstuna')]);
    const created = w.ok(
      await w.at('avtal.sormland', w.day('2026-10-20'))('POST', '/api/needs-inventories', {
        title: 'Behovsinventering 2026',
        periodStart: '2026-11-01',
        periodEnd: '2026-12-31',
        formId: 'skl-kortversion-2015',
        coordinatorBodyId: 'body-04-bgp',
        unitIds: units,
        instructions: 'Socialtjänsten registrerar den som båda känner.',
      }),
      201,
      'create',
    );
    await jobsAt('2026-10-25');
    assert.deepEqual(await recipients('needsInventory.collecting'), [], 'a planned round asks nothing yet');
    w.ok(
      await w.at('avtal.sormland', w.day('2026-11-01'))(
        'POST',
        `/api/needs-inventories/${created.id}/status`,
        {
          status: 'collecting',
        },
      ),
      200,
      'open',
    );
    await jobsAt('2026-11-01');
    await jobsAt('2026-11-02');
    assert.deepEqual(await recipients('needsInventory.collecting'), units);
    await jobsAt('2026-12-23');
    assert.deepEqual(await recipients('needsInventory.closing'), [], 'eight days before the end: not yet');
    await jobsAt('2026-12-24');
    await jobsAt('2026-12-25');
    assert.deepEqual(
      await recipients('needsInventory.closing'),
      units,
      'seven days before the end, once each',
    );
    const reminded = await s.database.db
      .select({ data: events.data })
      .from(events)
      .where(and(eq(events.type, 'needsInventory.reminded'), eq(events.subjectId, created.id)));
    assert.equal(reminded.length, 2, 'one event per reminder round, not per day');
  });
});
