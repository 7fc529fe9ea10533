import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import '../../src/jobs.ts';
import { events } from '../../src/platform/events/schema.ts';
import { type FollowUpWorld, followUpWorld, type Json } from '../helpers/followup-world.ts';
import { alike, errorsOf, roundCollected, storyCalls, storyUnits } from '../helpers/needs-inventory-story.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// A needs inventory in Södermanland (Sörmland §10), continued from needs-inventories.test.ts: the round, its
// records entered, is closed and interpreted; the results are asserted exactly, with the small counts hidden and
// the counts that would give them away hidden too, and compared with an earlier round; then comments and events.

describe('API: needs inventory results', () => {
  let s: TestServer;
  let w: FollowUpWorld;
  let units: Record<string, string>;
  before(async () => {
    s = await startTestServer();
    w = followUpWorld(s);
    units = await storyUnits(w);
  });
  after(() => s.close());

  const { as, advance } = storyCalls(
    () => w,
    () => units,
  );

  // One story in steps, each starting where the one before ended (the earlier round reported and this round's
  // records entered as needs-inventories.test.ts enters them, then its results, comments and events), so the steps
  // are subtests of one test, which runs them in this order.
  test('a round from its records to report, compared with an earlier round', async (t) => {
    const { earlierId, roundId } = await roundCollected(w, units);

    await t.test(
      'the county’s results: exact, with small counts hidden and those that would give them away',
      async () => {
        await advance(roundId, 'interpreting', '2026-12-01');
        const late = await as('soc.eskilstuna', '2026-12-02')(
          'POST',
          `/api/needs-inventories/${roundId}/records`,
          alike('0484'),
        );
        assert.equal(late.status, 409);

        const body = w.ok(
          await as('soc.eskilstuna', '2026-12-02')('GET', `/api/needs-inventories/${roundId}/results`),
          200,
          'results',
        );
        assert.equal(body.previous.id, earlierId, 'compared with the latest round reported before this one');
        const r = body.results;
        assert.equal(r.persons, 20);
        const municipalities = Object.fromEntries(r.byMunicipality.map((m: Json) => [m.name, m.count]));
        // Vingåker's 2 are hidden, and Nyköping's 6 with them: otherwise 20 − 12 − 6 would give the 2.
        assert.deepEqual(municipalities, {
          'Eskilstuna kommun': 12,
          'Flens kommun': 0,
          'Gnesta kommun': 0,
          'Katrineholms kommun': 0,
          'Nyköpings kommun': null,
          'Oxelösunds kommun': 0,
          'Strängnäs kommun': 0,
          'Trosa kommun': 0,
          'Vingåkers kommun': null,
        });
        const table = (key: string) =>
          Object.fromEntries(
            r.tables
              .find((t: Json) => t.key === key)
              .rows.map((x: Json) => [x.key, [x.count, x.share, x.previousShare, x.change]]),
          );
        assert.deepEqual(table('housing'), {
          own: [15, 75, 50, 25],
          // 3 and 2: hidden; their sum (5) is what is left, and leaves each open.
          ownWithSupport: [null, null, 50, null],
          specialHousing: [null, null, 0, null],
          institution: [0, 0, 0, 0],
          homeless: [0, 0, 0, 0],
          other: [0, 0, 0, 0],
        });
        assert.deepEqual(table('occupation'), {
          work: [0, 0, 0, 0],
          supportedWork: [0, 0, 0, 0],
          dailyActivity: [5, 25, 0, 25],
          studies: [0, 0, 0, 0],
          none: [15, 75, 100, -25],
        });
        assert.deepEqual(table('genders'), {
          woman: [15, 75, 0, 75],
          man: [5, 25, 100, -75],
          other: [0, 0, 0, 0],
        });
        assert.deepEqual(table('contacts'), {
          psychiatry: [20, 100, 100, 0],
          primaryCare: [0, 0, 0, 0],
          habilitation: [0, 0, 0, 0],
          // 9 of Eskilstuna's 12: the 3 without would follow from Eskilstuna's 12, so the 9 is hidden, and the
          // county's figure with it (only Eskilstuna has any).
          socialServices: [null, null, 0, null],
          lss: [0, 0, 0, 0],
        });
        assert.deepEqual(
          r.needs.map((n: Json) => [
            n.key,
            n.none,
            n.met,
            n.unmet,
            n.unmetShare,
            n.previousUnmetShare,
            n.change,
          ]),
          [
            ['housing', 15, null, null, null, 50, null],
            ['occupation', 0, 5, 15, 75, 100, -25],
            ['dailyLiving', 0, 20, 0, 0, 0, 0],
            ['social', 5, 0, 15, 75, 0, 75],
            // 2 unmet: hidden, and the 18 met with it, since none is 0 and the total is 20.
            ['psychiatricCare', 0, null, null, null, 0, null],
          ],
        );
      },
    );

    await t.test(
      'a municipality’s results hide what the county’s would give away, and a small municipality is hidden whole',
      async () => {
        const get = async (code: string) =>
          w.ok(
            await as('nsph.sormland', '2026-12-02')(
              'GET',
              `/api/needs-inventories/${roundId}/results?municipalityCode=${code}`,
            ),
            200,
            code,
          );
        const esk = await get('0484');
        assert.equal(esk.scope.name, 'Eskilstuna kommun');
        assert.equal(esk.results.byMunicipality, null);
        assert.equal(esk.results.persons, 12);
        const housing = esk.results.tables.find((t: Json) => t.key === 'housing');
        assert.deepEqual(
          housing.rows.slice(0, 3).map((x: Json) => [x.count, x.share, x.previousShare, x.change]),
          [
            [7, 58.3, 50, 8.3],
            [null, null, 50, null],
            [null, null, 0, null],
          ],
        );
        assert.deepEqual(
          esk.results.needs.map((n: Json) => [n.key, n.none, n.met, n.unmet, n.unmetShare]),
          [
            ['housing', 7, null, null, null],
            ['occupation', 0, 5, 7, 58.3],
            ['dailyLiving', 0, 12, 0, 0],
            ['social', 5, 0, 7, 58.3],
            ['psychiatricCare', 0, null, null, null],
          ],
        );
        for (const code of ['0480', '0428']) {
          const small = (await get(code)).results;
          assert.equal(small.persons, null);
          const counts = [
            ...small.tables.flatMap((t: Json) => t.rows.map((x: Json) => x.count)),
            ...small.needs.flatMap((n: Json) => [n.none, n.met, n.unmet]),
          ];
          assert.ok(
            counts.every((c) => c === null || c === 0),
            `${code}: every count that is not zero is hidden`,
          );
          assert.ok(
            small.tables.every((t: Json) => t.rows.every((x: Json) => x.share === null)),
            `${code}: no share`,
          );
        }
        const unknown = await as('nsph.sormland', '2026-12-02')(
          'GET',
          `/api/needs-inventories/${roundId}/results?municipalityCode=1780`,
        );
        assert.equal(unknown.status, 404);
      },
    );

    await t.test(
      'user organisations comment while the round is interpreted; coordinators may write in their comments',
      async () => {
        const staff = await as('soc.eskilstuna', '2026-12-03')(
          'POST',
          `/api/needs-inventories/${roundId}/comments`,
          {
            text: 'Vi håller med.',
          },
        );
        assert.equal(staff.status, 403);
        const identifying = await as('nsph.sormland', '2026-12-03')(
          'POST',
          `/api/needs-inventories/${roundId}/comments`,
          { text: 'Tänk på 19121212-1212.' },
        );
        assert.equal(identifying.status, 422);
        const own = w.ok(
          await as('nsph.sormland', '2026-12-03')('POST', `/api/needs-inventories/${roundId}/comments`, {
            text: 'Sysselsättning är det största ouppfyllda behovet, som medlemmarna också beskriver.',
          }),
          201,
          'nsph',
        );
        assert.equal(own.comments.length, 1);
        assert.equal(own.comments[0].organisation, 'NSPH Sörmland');
        const noOrg = await as('bgp.sormland', '2026-12-03')(
          'POST',
          `/api/needs-inventories/${roundId}/comments`,
          {
            text: 'FUB framhöll boendet.',
          },
        );
        assert.equal(noOrg.status, 422);
        assert.equal(
          errorsOf(noOrg).organisationId,
          'Välj den brukar- eller anhörigorganisation som lämnar synpunkten.',
        );
        const written = w.ok(
          await as('bgp.sormland', '2026-12-03')('POST', `/api/needs-inventories/${roundId}/comments`, {
            text: 'FUB framhöll boendet.',
            organisationId: 'principal-04-fub',
          }),
          201,
          'fub by bgp',
        );
        assert.deepEqual(
          written.comments.map((c: Json) => c.organisation),
          ['NSPH Sörmland', 'FUB Sörmland (Riksförbundet för barn, unga och vuxna med utvecklingsstörning)'],
        );
        await advance(roundId, 'reported', '2026-12-10');
        const closed = await as('nsph.sormland', '2026-12-11')(
          'POST',
          `/api/needs-inventories/${roundId}/comments`,
          {
            text: 'En till.',
          },
        );
        assert.equal(closed.status, 409);
      },
    );

    await t.test('the events name the round and the unit, never what a record says', async () => {
      const rows = await s.database.db
        .select({ type: events.type, data: events.data })
        .from(events)
        .where(and(eq(events.subjectId, roundId), like(events.type, 'needsInventory.record%')));
      assert.equal(rows.length, 22, '21 entered, 1 removed');
      for (const e of rows)
        assert.deepEqual(Object.keys(e.data as Json).sort(), ['recordId', 'roundId', 'unitId']);
    });
  });
});
