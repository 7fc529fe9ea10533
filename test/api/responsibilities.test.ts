import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import type { Json } from '../helpers/sip-world.ts';

// DOMAIN.md §3: each agreement's responsibility list (area, whose it is, what it covers, the law), loaded
// from the four seeds (Sörmland's paragraphs and Dalarna's directive too); anyone logged in reads it, narrowed by principal and by a search.

const varmlandMunicipality = 'Värmland, Ansvarsområden: Kommunens ansvar för målgruppen';
const varmlandRegion = 'Värmland, Ansvarsområden: Regionen Värmlands ansvar för målgruppen';

describe('API: responsibility lists', () => {
  let s: TestServer;
  let token: string;
  const list = async (query: string) => {
    const res = await s.api('GET', `/api/responsibilities?${query}`, { token });
    assert.equal(res.status, 200, `${query}: ${res.status} ${res.text}`);
    return res.body as Json[];
  };
  const areas = (rows: Json[]) => rows.map((r) => r.area);

  before(async () => {
    s = await startTestServer();
    token = await s.login('soc.arvika');
  });
  after(() => s.close());

  test('without a login: 401 problem+json', async () => {
    const res = await s.api('GET', '/api/responsibilities?countyCode=17');
    assert.equal(res.status, 401);
    assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
  });

  test('the API is documented under the tag Ansvarsfördelning', async () => {
    const res = await s.api('GET', '/api/openapi.json');
    assert.equal(res.status, 200);
    const get = res.body.paths['/api/responsibilities']?.get;
    assert.deepEqual(get?.tags, ['Ansvarsfördelning']);
    assert.ok(get.parameters.some((p: Json) => p.name === 'countyCode' && p.required));
  });

  test('countyCode is required and is two digits: 400 otherwise', async () => {
    for (const query of [
      '',
      'countyCode=',
      'countyCode=1',
      'countyCode=177',
      'countyCode=ab',
      'q=hjälpmedel',
    ]) {
      const res = await s.api('GET', `/api/responsibilities?${query}`, { token });
      assert.equal(res.status, 400, `${query}: ${res.status} ${res.text}`);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/, query);
      assert.ok(
        res.body.errors.some((e: Json) => e.path === 'querystring.countyCode'),
        `${query}: ${JSON.stringify(res.body.errors)}`,
      );
    }
  });

  test('principalKind is one of municipality, region, shared: 400 otherwise', async () => {
    const res = await s.api('GET', '/api/responsibilities?countyCode=17&principalKind=kommun', { token });
    assert.equal(res.status, 400, res.text);
    assert.ok(res.body.errors.some((e: Json) => e.path === 'querystring.principalKind'));
  });

  test('a county that does not exist: 404 in Swedish', async () => {
    const res = await s.api('GET', '/api/responsibilities?countyCode=99', { token });
    assert.equal(res.status, 404, res.text);
    assert.equal(res.body.detail, 'Det finns inget län med koden 99.');
  });

  test("Värmland: the municipality's ten bullets and the region's eight, in the seed's order and words", async () => {
    const rows = await list('countyCode=17');
    assert.ok(rows.every((r) => r.agreementId === 'agreement-17'));
    assert.equal(rows[0].id, 'responsibility-17-01');
    const municipality = rows.filter((r) => r.source === varmlandMunicipality);
    const region = rows.filter((r) => r.source === varmlandRegion);
    assert.equal(municipality.length, 10);
    assert.equal(region.length, 8);
    assert.ok(municipality.every((r) => r.principalKind === 'municipality'));
    assert.ok(region.every((r) => r.principalKind === 'region'));
    assert.equal(municipality[0].covers, 'Bedriva uppsökande arbete och upplysa om kommunens verksamheter.');
    assert.equal(
      municipality[9].covers,
      'Erbjuda gemensamma utbildningsinsatser för personal från båda huvudmännen.',
    );
    const housing = municipality.find((r) => r.area === 'Boende och stöd i vardagen');
    assert.match(housing?.covers ?? '', /^Tillhandahålla boende och stöd i vardagen/);
    const compulsory = region.find((r) => /LPT/.test(r.covers));
    assert.equal(compulsory?.legalReference, 'LPT, LRV');
    assert.match(compulsory?.covers ?? '', /LRV \(lag om rättspsykiatrisk vård\)/);
    assert.equal(
      municipality.find((r) => r.covers === 'Ansvara för LVU och LVM.')?.legalReference,
      'LVU, LVM',
    );
    assert.ok(region.some((r) => r.legalReference === 'LSS'));
    assert.ok(region.some((r) => r.covers === 'Samordna länets arbete med suicidprevention.'));
  });

  test('Värmland: placements split housing, education and work to the municipality and health care to the region', async () => {
    const rows = (await list('countyCode=17')).filter((r) =>
      r.source.includes('placeringar utanför det egna hemmet'),
    );
    const kindOf = (word: RegExp) => rows.find((r) => word.test(r.area))?.principalKind;
    assert.equal(kindOf(/boende, utbildning och arbete/), 'municipality');
    assert.equal(kindOf(/hälso- och sjukvård/), 'region');
    const shared = await list('countyCode=17&principalKind=shared');
    assert.deepEqual(areas(shared), [
      'Hjälpmedel',
      'Placering utanför hemmet: gemensam planering',
      'Personer med samsjuklighet',
    ]);
  });

  test("Örebro: personal assistive devices are the region's, care devices the municipality's; relatives shared", async () => {
    const rows = await list('countyCode=18');
    const byArea = (area: string) => rows.find((r) => r.area === area);
    assert.equal(byArea('Personliga hjälpmedel')?.principalKind, 'region');
    assert.equal(byArea('Omvårdnadshjälpmedel')?.principalKind, 'municipality');
    assert.equal(byArea('Psykiatri')?.legalReference, 'HSL');
    assert.equal(byArea('Boende')?.legalReference, 'SoL');
    assert.equal(byArea('Meningsfull sysselsättning')?.principalKind, 'municipality');
    assert.match(
      byArea('Kommunal hemsjukvård (psykiatrisk hemsjukvård)')?.covers ?? '',
      /särskild överenskommelse/,
    );
    const relatives = byArea('Stöd och information till anhöriga');
    assert.equal(relatives?.principalKind, 'shared');
    assert.equal(relatives?.legalReference, 'PL, SoL, HSL');
    assert.ok(rows.every((r) => r.source === 'Örebro, Verksamheternas huvudsakliga ansvarsområden'));
    assert.ok(rows.every((r) => r.agreementId === 'agreement-18'));
  });

  test('Sörmland: the paragraphs on devices and aids, jointly run housing and health care or self-care', async () => {
    const rows = await list('countyCode=04');
    assert.ok(rows.every((r) => r.agreementId === 'agreement-04'));
    assert.ok(
      rows.every((r) => /^Sörmland §\d+$/.test(r.source)),
      JSON.stringify(rows.map((r) => r.source)),
    );
    const bySource = (n: number) => rows.filter((r) => r.source === `Sörmland §${n}`);
    const devices = bySource(17);
    assert.deepEqual(areas(devices), ['Hjälpmedel: förskrivning', 'Hjälpmedel: beslut i NSV']);
    assert.match(devices[0].covers, /Utbildade hjälpmedelsförskrivare finns inom både kommun och landsting/);
    assert.match(devices[1].covers, /NSV, fattar beslut om hjälpmedelsfrågor\.$/);
    const housing = bySource(15);
    assert.ok(housing.every((r) => r.principalKind === 'shared'));
    assert.match(housing[0].covers, /boendeverksamheter som drivs gemensamt av huvudmännen/);
    const selfCare = rows.find((r) => r.area === 'Hälso- och sjukvårdsansvar eller egenvård');
    assert.equal(selfCare?.source, 'Sörmland §14');
    assert.match(selfCare?.covers ?? '', /om bestämmelser kring egenvård skall gälla\.$/);
    const placement = (area: string) => rows.find((r) => r.area === `Placering hos enskild aktör: ${area}`);
    assert.equal(placement('beslut om insatsen')?.principalKind, 'municipality');
    assert.equal(placement('beslut om insatsen')?.legalReference, 'SoL');
    assert.equal(placement('kontakt med kommunen först')?.principalKind, 'region');
    assert.equal(
      rows.find((r) => r.area === 'Samordnad individuell plan (SIP)')?.legalReference,
      '3 f § HSL, 2 kap. 7 § SoL',
    );
    assert.equal(rows.find((r) => r.source === 'Sörmland §1')?.area, 'Privata vårdgivare på uppdrag');
    assert.deepEqual(
      [...new Set(rows.map((r) => Number(r.source.slice('Sörmland §'.length))))],
      [1, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18],
      "the paragraphs in the seed's order",
    );
  });

  test('Dalarna: what the directive makes the parties responsible for, shared, with its own laws', async () => {
    const rows = await list('countyCode=20');
    assert.ok(rows.every((r) => r.agreementId === 'agreement-20'));
    assert.ok(rows.every((r) => r.principalKind === 'shared'));
    assert.deepEqual(
      rows.map((r) => r.source),
      ['Dalarna §1', 'Dalarna §1', 'Dalarna §1', 'Dalarna §1', 'Dalarna §4'],
    );
    const providers = rows.find((r) => r.area === 'Enskilda aktörer på avtal');
    assert.equal(providers?.legalReference, '3 § HSL, 2 kap. 5 § SoL');
    assert.match(rows.at(-1)?.covers ?? '', /Region Dalarna och Dalarnas 15 kommuner/);
    assert.deepEqual(areas(await list(`countyCode=20&q=${encodeURIComponent('SAMTYCKER')}`)), [
      'Samordnad individuell plan (SIP)',
    ]);
  });

  test('the search ignores case, with å, ä and ö, and finds "hjälpmedel" in both counties', async () => {
    const varmland = await list(`countyCode=17&q=${encodeURIComponent('HJÄLPMEDEL')}`);
    assert.deepEqual(areas(varmland), ['Hjälpmedel']);
    const orebro = await list(`countyCode=18&q=${encodeURIComponent('hjälpmedel')}`);
    assert.deepEqual(areas(orebro), ['Omvårdnadshjälpmedel', 'Personliga hjälpmedel']);
    assert.deepEqual(areas(await list(`countyCode=18&q=${encodeURIComponent('Omvårdnads')}`)), [
      'Omvårdnadshjälpmedel',
    ]);
  });

  test('the search covers the law, and % or _ in it are plain characters', async () => {
    assert.deepEqual(areas(await list('countyCode=17&q=lrv')), ['Psykiatrisk tvångsvård']);
    assert.deepEqual(await list(`countyCode=17&q=${encodeURIComponent('%')}`), []);
    assert.deepEqual(await list('countyCode=17&q=_'), []);
  });

  test('a principal filter leaves the others out, and combines with the search', async () => {
    const region = await list('countyCode=17&principalKind=region');
    assert.equal(region.length, 9);
    assert.ok(region.every((r) => r.principalKind === 'region'));
    const municipality = await list('countyCode=17&principalKind=municipality');
    assert.equal(municipality.length, 11);
    assert.ok(municipality.every((r) => r.principalKind === 'municipality'));
    const all = await list('countyCode=17');
    assert.equal(all.length, region.length + municipality.length + 3);
    const relatives = await list(`countyCode=17&principalKind=region&q=${encodeURIComponent('anhöriga')}`);
    assert.deepEqual(
      relatives.map((r) => [r.principalKind, r.area]),
      [['region', 'Stöd till anhöriga och närstående']],
    );
    assert.deepEqual(await list(`countyCode=18&principalKind=shared&q=hjälpmedel`), []);
  });
});
