import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import '../../src/jobs.ts';
import { events } from '../../src/platform/events/schema.ts';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { notices } from '../../src/platform/notices/schema.ts';
import { type FollowUpWorld, followUpWorld, type Json } from '../helpers/followup-world.ts';
import { type InventoryRecord, shortFormRecord } from '../helpers/needs-inventory.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// A needs inventory in Södermanland (Sörmland §10): a round is planned, opened, its records entered by units of
// two municipalities (two units of Eskilstuna), closed and interpreted; the results are asserted exactly, with
// the small counts hidden and the counts that would give them away hidden too, and compared with an earlier
// round. Then who may do what, the Swedish messages, and the reminders with a moving clock.

const bgp = 'body-04-bgp';
const errorsOf = (res: Json) =>
  Object.fromEntries((res.body.errors ?? []).map((e: Json) => [e.path, e.message]));

type Person = InventoryRecord;

/** n persons alike but for what `vary(i)` changes. */
const persons = (n: number, base: Person, vary: (i: number) => Partial<Person> = () => ({})): Person[] =>
  Array.from({ length: n }, (_, i) => {
    const v = vary(i);
    return { ...base, ...v, needs: { ...base.needs, ...v.needs } };
  });

describe('API: needs inventories', () => {
  let s: TestServer;
  let w: FollowUpWorld;
  let units: Record<string, string>;
  before(async () => {
    s = await startTestServer();
    w = followUpWorld(s);
    units = Object.fromEntries(
      await Promise.all(
        [
          'soc.eskilstuna',
          'boendestod.eskilstuna',
          'soc.nykoping',
          'psykiatri.eskilstuna',
          'soc.karlstad',
        ].map(async (u) => [u, await w.unit(u)] as const),
      ),
    );
  });
  after(() => s.close());

  const as = (username: string, on: string) => w.at(username, w.day(on));
  const roundBody = (over: Json = {}) => ({
    title: 'Behovsinventering 2026',
    periodStart: '2026-09-01',
    periodEnd: '2026-11-30',
    formId: 'skl-kortversion-2015',
    coordinatorBodyId: bgp,
    unitIds: [units['soc.eskilstuna'], units['boendestod.eskilstuna'], units['soc.nykoping']],
    instructions:
      'En person som både socialtjänsten och boendestödet känner till registreras av socialtjänsten.',
    ...over,
  });
  const enterAll = async (roundId: string, on: string, entries: [string, Person[]][]) => {
    for (const [username, list] of entries)
      for (const p of list)
        w.ok(await as(username, on)('POST', `/api/needs-inventories/${roundId}/records`, p), 201, username);
  };
  const advance = async (roundId: string, status: string, on: string, who = 'bgp.sormland') =>
    w.ok(await as(who, on)('POST', `/api/needs-inventories/${roundId}/status`, { status }), 200, status);

  // The earlier round: ten persons of Eskilstuna on the full form, reported in the spring.
  const earlier: Person[] = persons(
    10,
    {
      municipalityCode: '0484',
      ageBand: '35-49',
      gender: 'man',
      housing: 'own',
      occupation: 'none',
      contacts: ['psychiatry'],
      needs: {
        housing: 'none',
        occupation: 'unmet',
        dailyLiving: 'met',
        social: 'none',
        leisure: 'none',
        economy: 'none',
        psychiatricCare: 'met',
        somaticCare: 'none',
        substanceUse: 'none',
      },
    },
    (i) => (i < 5 ? { housing: 'ownWithSupport', needs: { housing: 'unmet' } } : {}),
  );

  // This round, on the short form: 12 persons of Eskilstuna (entered by its two units), 6 of Nyköping and 2 of
  // Vingåker. Nyköping's and Vingåker's persons are alike; Eskilstuna's differ in each question.
  const alike = shortFormRecord;
  // Eskilstuna person i (0–11): woman 0–6, man 7–11; own home 0–6, with support 7–9, special housing 10–11;
  // no occupation 0–6, daily activity 7–11; social services 0–8; housing need met 7–8, unmet 9–11; occupation
  // need unmet 0–6, met 7–11; social need unmet 0–6, none 7–11; psychiatric care met 0–9, unmet 10–11.
  const eskilstuna = persons(12, { ...alike('0484'), contacts: ['psychiatry', 'socialServices'] }, (i) => ({
    gender: i < 7 ? 'woman' : 'man',
    housing: i < 7 ? 'own' : i < 10 ? 'ownWithSupport' : 'specialHousing',
    occupation: i < 7 ? 'none' : 'dailyActivity',
    contacts: i < 9 ? ['psychiatry', 'socialServices'] : ['psychiatry'],
    needs: {
      housing: i < 7 ? 'none' : i < 9 ? 'met' : 'unmet',
      occupation: i < 7 ? 'unmet' : 'met',
      social: i < 7 ? 'unmet' : 'none',
      psychiatricCare: i < 10 ? 'met' : 'unmet',
    },
  }));

  // One story in steps, each starting where the one before ended (the earlier round to compare with, the round
  // planned, its records, its results, comments and events), so the steps are subtests of one test, which runs
  // them in this order.
  test('a round from planning to report, compared with an earlier round', async (t) => {
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
