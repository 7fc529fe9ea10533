import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { readMunicipalities } from '../../src/modules/organisations/load-reference.ts';
import { countyGovernance } from '../../src/modules/organisations/queries.ts';
import { users } from '../../src/modules/organisations/schema.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// API.md "Demo accounts": username → unit, principal (and municipality code), county code, roles.
const promised: [string, string, string, string | null, string, string[]][] = [
  ['psykiatri.karlstad', 'Vuxenpsykiatri Karlstad', 'Region Värmland', null, '17', ['staff']],
  ['soc.karlstad', 'Socialtjänst vuxen, Karlstad', 'Karlstads kommun', '1780', '17', ['staff']],
  ['soc.arvika', 'Socialtjänst vuxen, Arvika', 'Arvika kommun', '1784', '17', ['staff']],
  ['chef.soc.karlstad', 'Socialtjänst vuxen, Karlstad', 'Karlstads kommun', '1780', '17', ['manager']],
  ['logg.regionvarmland', 'Patientsäkerhet', 'Region Värmland', null, '17', ['logReviewer']],
  ['beredning.varmland', 'Beredningsgruppen Nya perspektiv', 'Region Värmland', null, '17', ['governance']],
  ['soc.orebro', 'Socialtjänst vuxen, Örebro', 'Örebro kommun', '1880', '18', ['staff']],
  ['psykiatri.orebro', 'Allmänpsykiatri Örebro', 'Region Örebro län', null, '18', ['staff']],
  ['soc.eskilstuna', 'Socialtjänst vuxen, Eskilstuna', 'Eskilstuna kommun', '0484', '04', ['staff']],
  ['soc.falun', 'Socialtjänst vuxen, Falun', 'Falu kommun', '2080', '20', ['staff']],
  ['admin.varmland', 'Länsgemensam samverkan', 'Region Värmland', null, '17', ['countyAdmin']],
  ['avtal.varmland', 'Länsgemensam samverkan', 'Region Värmland', null, '17', ['agreementAdmin']],
  ['nsph.sormland', 'NSPH Sörmland', 'NSPH Sörmland', null, '04', ['staff']],
];

describe('who am I, where', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  for (const [username, unit, principal, code, county, roles] of promised) {
    test(`${username} logs in with the demo password and /api/me says where they work`, async () => {
      const token = await s.login(username);
      const res = await s.api('GET', '/api/me', { token });
      assert.equal(res.status, 200);
      const me = res.body;
      assert.deepEqual(Object.keys(me).sort(), [
        'county',
        'id',
        'name',
        'principal',
        'roles',
        'unit',
        'username',
      ]);
      assert.equal(me.username, username);
      assert.equal(me.unit.name, unit);
      assert.equal(me.principal.name, principal);
      assert.equal(me.county.code, county);
      assert.deepEqual(me.roles, roles);
      const expectedKind = code
        ? 'municipality'
        : username === 'nsph.sormland'
          ? 'userOrganisation'
          : 'region';
      assert.equal(me.principal.kind, expectedKind);
      if (code) {
        const counties = (await s.api('GET', '/api/counties', { token })).body;
        const p = counties
          .flatMap((c: { principals: unknown[] }) => c.principals)
          .find((x: { id: string }) => x.id === me.principal.id);
        assert.equal(p.municipalityCode, code);
      }
    });
  }

  test('GET /api/counties lists the four counties with region, every municipality and its SCB code', async () => {
    const token = await s.login('soc.karlstad');
    const res = await s.api('GET', '/api/counties', { token });
    assert.equal(res.status, 200);
    const byCode = new Map(res.body.map((c: { code: string }) => [c.code, c]));
    assert.deepEqual([...byCode.keys()].sort(), ['04', '17', '18', '20']);
    const expected = {
      '20': [15, 'Region Dalarna'],
      '18': [12, 'Region Örebro län'],
      '17': [16, 'Region Värmland'],
      '04': [9, 'Region Sörmland'],
    };
    const csv = readMunicipalities();
    for (const [code, [count, region]] of Object.entries(expected)) {
      const county = byCode.get(code) as {
        name: string;
        principals: { name: string; kind: string; municipalityCode?: string }[];
      };
      const municipalities = county.principals.filter((p) => p.kind === 'municipality');
      assert.equal(municipalities.length, count, `${county.name} has ${count} municipalities`);
      assert.deepEqual(
        county.principals.filter((p) => p.kind === 'region').map((p) => p.name),
        [region],
      );
      for (const m of municipalities) {
        assert.match(m.municipalityCode!, /^\d{4}$/);
        assert.equal(csv.find((row) => row.code === m.municipalityCode)?.name, m.name);
      }
      for (const p of county.principals.filter((x) => x.kind !== 'municipality'))
        assert.equal(p.municipalityCode, undefined);
    }
    const sormland = byCode.get('04') as { principals: { name: string; kind: string }[] };
    assert.ok(sormland.principals.some((p) => p.name === 'NSPH Sörmland' && p.kind === 'userOrganisation'));
    const vingaker = sormland.principals.find((p) => p.name === 'Vingåkers kommun') as unknown as {
      municipalityCode: string;
    };
    assert.equal(vingaker.municipalityCode, '0428', 'codes are text and keep their leading zero');
  });

  test('GET /api/units filters by principal', async () => {
    const token = await s.login('soc.karlstad');
    const res = await s.api('GET', '/api/units?principalId=municipality-1784', { token });
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.map((u: { name: string; principalId: string }) => [u.name, u.principalId]),
      [['Socialtjänst vuxen, Arvika', 'municipality-1784']],
    );
    assert.deepEqual(Object.keys(res.body[0]).sort(), ['id', 'name', 'principalId']);
    const all = await s.api('GET', '/api/units', { token });
    assert.ok(all.body.length > 52);
    assert.equal((await s.api('GET', '/api/units')).status, 401);
  });

  test('every principal in the four counties has at least one unit and one staff account', async () => {
    const { db } = s.database;
    const rows = await queryRows<{ name: string; units: number; staff: number }>(
      db,
      sql`
      select p.name,
        (select count(*)::int from units u where u.principal_id = p.id) as units,
        (select count(*)::int from users x join units u on u.id = x.unit_id join user_roles r on r.user_id = x.id
          where u.principal_id = p.id and r.role = 'staff') as staff
      from principals p`,
    );
    assert.ok(rows.length >= 56);
    for (const r of rows) {
      assert.ok(r.units >= 1, `${r.name} has a unit`);
      assert.ok(r.staff >= 1, `${r.name} has a staff account`);
    }
  });

  test("each county's escalation ladders are the one its seed describes, for deviations and disputes alike", async () => {
    const { db } = s.database;
    const ladder = async (code: string) => {
      const { ladders } = await countyGovernance(db, code);
      const rungs = (kind: 'deviation' | 'dispute') =>
        ladders[kind].map((l) => [l.level, l.label, l.bodies.map((b) => b.shortName ?? b.name)]);
      assert.deepEqual(rungs('dispute'), rungs('deviation'), `county ${code}: the same ladder twice`);
      return rungs('deviation');
    };
    assert.deepEqual(await ladder('17'), [
      [1, 'Chefer på motsvarande nivå i kommunen och regionen', []],
      [2, 'Beredningsgruppen Nya perspektiv', ['Beredningsgruppen']],
    ]);
    assert.deepEqual(await ladder('04'), [
      [1, 'Lokal chefsnivå', []],
      [2, 'Aktuell lokal arbetsgrupp inom Närvård Sörmland', ['ANP', 'AVP', 'ASPF']],
      [3, 'Länsstyrgruppen', ['Länsstyrgruppen']],
    ]);
    assert.deepEqual(await ladder('18'), [
      [1, 'Chefer hos berörda huvudmän', []],
      [
        2,
        'Länsdelsgrupp',
        ['Länsdelsgrupp Norr', 'Länsdelsgrupp Söder', 'Länsdelsgrupp Väster', 'Länsdelsgrupp Örebro'],
      ],
      [3, 'Chefsgrupp för samverkan', ['Chefsgruppen']],
      [4, 'Samverkansrådet', ['Samverkansrådet']],
    ]);
    assert.deepEqual(await ladder('20'), [
      [1, 'Chefer hos berörda huvudmän', []],
      [2, 'Chefsnätverkets styrgrupp', ['Chefsnätverkets styrgrupp']],
      [3, 'Välfärdsrådet', ['Välfärdsrådet']],
    ]);
  });

  test('county-part bodies together cover every municipality of their county exactly once', async () => {
    const { db } = s.database;
    for (const [code, level] of [
      ['04', 2],
      ['18', 2],
    ] as const) {
      const { ladders } = await countyGovernance(db, code);
      const covered = ladders.deviation.find((l) => l.level === level)!.bodies.flatMap((b) => b.covers);
      const municipalities = readMunicipalities()
        .filter((m) => m.countyCode === code)
        .map((m) => m.name);
      assert.deepEqual([...covered].sort(), [...municipalities].sort());
    }
  });

  test('target groups: Dalarna adults from 18, the others all ages', async () => {
    const rows = await s.database.db.query.counties.findMany();
    const minAge = Object.fromEntries(rows.map((c) => [c.code, c.targetGroupMinAge]));
    assert.deepEqual(minAge, { '20': 18, '18': null, '17': null, '04': null });
  });

  test('governance members: beredning.varmland sits in Beredningsgruppen Nya perspektiv', async () => {
    const { bodies } = await countyGovernance(s.database.db, '17');
    const body = bodies.find((b) => b.name === 'Beredningsgruppen Nya perspektiv')!;
    const [member] = await s.database.db.select().from(users).where(eq(users.username, 'beredning.varmland'));
    assert.deepEqual(
      body.members.map((m) => m.name),
      [member!.name],
    );
  });
});
