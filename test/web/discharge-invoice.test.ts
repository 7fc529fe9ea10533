import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser } from '../helpers/browser.ts';
import { type DischargeWorld, dischargeWorld } from '../helpers/discharge-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 25's monthly invoice basis per municipality: the page, the CSV through the one CSV writer (a name typed as
// a formula stays text) and the PDF through renderDocumentPdf. The municipality sees its own, the region the stays
// its unit sent; another municipality's basis is 404.

describe('pages: the discharge invoice basis', () => {
  let s: TestServer;
  let w: DischargeWorld;
  before(async () => {
    s = await startTestServer();
    w = await dischargeWorld(s);
    // Ready Monday 2 November (paid from Thursday the 5th, the law's three calendar days), discharged Monday the
    // 9th (not paid): 5, 6, 7 and 8 November, 4 × 10 500 = 42 000 kr at the law's demo amount.
    const stay = await w.admit({
      admittedAt: '2026-10-30T08:00:00Z',
      sentAt: '2026-10-30T10:00:00Z',
      person: { personalIdentityNumber: '19121212-1212', name: '=HYPERLINK("x") Tolvansson' },
      expectedReadyOn: '2026-11-02',
    });
    const path = `/api/discharge/stays/${stay.id}`;
    await w.step('heldygn.karlstad', '2026-11-02T09:00:00Z', 'POST', `${path}/readiness`, {
      judgedAt: '2026-11-02T09:00:00Z',
    });
    await w.step('heldygn.karlstad', '2026-11-09T14:00:00Z', 'POST', `${path}/discharge`, {
      dischargedOn: '2026-11-09',
      informationTransferredOn: '2026-11-09',
      summary: { care: 'Vård', existingPlans: '' },
    });
  });
  after(() => s.close());

  const as = (username: string) =>
    s.webLogin(new Browser(s.url, {}, { now: '2026-12-02T09:00:00Z' }), username);
  const query = 'manad=2026-11&kommun=municipality-1780';

  test("the municipality's page lists its own month with the sum and the demo amount's warning", async () => {
    const soc = await as('soc.karlstad');
    const page = await soc.request('GET', '/utskrivning/fakturaunderlag?manad=2026-11');
    assert.equal(page.status, 200, page.text);
    assert.match(page.text, /Karlstad/);
    assert.match(page.text, /42\s000 kr/);
    assert.match(page.text, /Beloppet per vårddygn är ett demovärde/);
    assert.match(page.text, /fakturaunderlag\.csv\?manad=2026-11&amp;kommun=municipality-1780/);
  });

  test('the CSV: a row per paid day and the sum; a name typed as a formula stays text', async () => {
    const soc = await as('soc.karlstad');
    const res = await soc.request('GET', `/utskrivning/fakturaunderlag.csv?${query}`);
    assert.equal(res.status, 200, res.text);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], 'Kommun;Månad;Personnummer;Namn;Vårddygn;Belopp (kr);Demovärde;Bestritt');
    assert.deepEqual(
      lines.slice(1, 5).map((l) => l.split(';').slice(4, 7)),
      [
        ['2026-11-05', '10500', 'Ja'],
        ['2026-11-06', '10500', 'Ja'],
        ['2026-11-07', '10500', 'Ja'],
        ['2026-11-08', '10500', 'Ja'],
      ],
    );
    assert.match(lines[1]!, /;"'=HYPERLINK\(""x""\) Tolvansson";/);
    assert.match(lines[5]!, /;Summa;;4;42000;;$/);
  });

  test('the PDF is a PDF; the region reads the basis of the stays its unit sent', async () => {
    const region = await as('heldygn.karlstad');
    const pdf = await region.download(`/utskrivning/fakturaunderlag.pdf?${query}`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.body.subarray(0, 5).toString(), '%PDF-');
    const csv = await region.request('GET', `/utskrivning/fakturaunderlag.csv?${query}`);
    assert.match(csv.text, /;4;42000;/);
  });

  test("another municipality gets 404 for Karlstad's basis, and an unknown municipality is 404", async () => {
    const arvika = await as('soc.arvika');
    assert.equal((await arvika.request('GET', `/utskrivning/fakturaunderlag.csv?${query}`)).status, 404);
    assert.equal((await arvika.download(`/utskrivning/fakturaunderlag.pdf?${query}`)).status, 404);
    const page = await arvika.request('GET', '/utskrivning/fakturaunderlag?manad=2026-11');
    assert.doesNotMatch(page.text, /municipality-1780/);
    const soc = await as('soc.karlstad');
    const unknown = await soc.request('GET', '/utskrivning/fakturaunderlag.csv?manad=2026-11&kommun=nobody');
    assert.equal(unknown.status, 404);
  });
});
