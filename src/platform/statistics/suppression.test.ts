import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Cell,
  type Grid,
  type GridCell,
  gridCell,
  suppressGrids,
  suppressTable,
} from './suppression.ts';

const cells = (counts: number[], owned: boolean[] = []): Cell[] =>
  counts.map((count, i) => ({ key: `k${i}`, label: `K${i}`, count, owned: owned[i] ?? false }));
const shown = (r: ReturnType<typeof suppressTable>) => r.rows.map((x) => x.count);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

test('counts from 1 to 4 are hidden; zero and 5 or more are shown', () => {
  const r = suppressTable(cells([0, 3, 2, 9, 12]), null);
  assert.deepEqual(shown(r), [0, null, null, 9, 12]);
});

test('a single hidden count is joined by the next smallest, so the total does not give it away', () => {
  const counts = [3, 9, 12, 20];
  const r = suppressTable(cells(counts), sum(counts));
  assert.deepEqual(shown(r), [null, null, 12, 20]);
  assert.equal(r.total, 44);
});

test('two hidden ones cannot be worked out from the total (1 + 1 would be)', () => {
  const counts = [1, 1, 7, 30];
  const r = suppressTable(cells(counts), sum(counts));
  assert.deepEqual(shown(r), [null, null, null, 30]);
});

test('four and four hidden would both be known; a third cell is hidden', () => {
  const counts = [4, 4, 6, 30];
  const r = suppressTable(cells(counts), sum(counts));
  assert.deepEqual(shown(r), [null, null, null, 30]);
});

test('when no other cell can hide it, the total is hidden as well', () => {
  const counts = [2, 0, 0];
  const r = suppressTable(cells(counts), sum(counts));
  assert.deepEqual(shown(r), [null, 0, 0]);
  assert.equal(r.total, null);
  assert.equal(r.totalSuppressed, true);
});

test('an owning principal sees its own small counts', () => {
  const counts = [2, 40];
  const r = suppressTable(cells(counts, [true, false]), sum(counts));
  assert.deepEqual(shown(r), [2, 40]);
});

test('from any table this function returns, no hidden count can be worked out from the total', () => {
  for (let seed = 0; seed < 500; seed++) {
    const counts = Array.from({ length: 2 + (seed % 6) }, (_, i) => ((seed * 7 + i * 13) % 11) % 9);
    const r = suppressTable(cells(counts), sum(counts));
    const hidden = r.rows.filter((x) => x.suppressed);
    if (r.total === null || hidden.length === 0) continue;
    const hiddenSum = r.total - sum(r.rows.filter((x) => !x.suppressed).map((x) => x.count ?? 0));
    assert.ok(hidden.length >= 2, `one hidden cell in ${counts}`);
    assert.ok(hiddenSum > hidden.length, `all ones in ${counts}`);
  }
});

/** A grid from counts per row, with its totals; the shown counts come back the same shape, null where hidden. */
function grid(counts: number[][]) {
  const g: Grid = {
    cells: counts.map((row) => row.map(gridCell)),
    rowTotals: counts.map((row) => gridCell(sum(row))),
    columnTotals: counts[0]!.map((_, c) => gridCell(sum(counts.map((row) => row[c]!)))),
    total: gridCell(sum(counts.flat())),
  };
  const show = (c: GridCell) => (c.hidden ? null : c.count);
  return {
    g,
    shown: () => ({
      cells: g.cells.map((row) => row.map(show)),
      rowTotals: g.rowTotals.map(show),
      columnTotals: g.columnTotals.map(show),
      total: show(g.total),
    }),
  };
}

test('a grid: a small row is hidden whole, and the next smallest row with it, so neither follows from the totals', () => {
  // Rows are municipalities of 12, 6 and 2 persons; columns the answers. The row of 2 is hidden; its column
  // then needs a second hidden cell (the 6), and the totals column a second hidden total (the 6's row), and
  // that row, whose total is now hidden, must not show all its cells either (they would add up to it).
  const { g, shown } = grid([
    [7, 5],
    [6, 0],
    [2, 0],
  ]);
  suppressGrids([g]);
  assert.deepEqual(shown(), {
    cells: [
      [7, 5],
      [null, 0],
      [null, 0],
    ],
    rowTotals: [12, null, null],
    columnTotals: [15, 5],
    total: 20,
  });
});

test('a grid: a small column total is protected along the totals, and the rows protect the cells under them', () => {
  const { g, shown } = grid([
    [10, 2],
    [8, 0],
  ]);
  suppressGrids([g]);
  // 2 is small, and so is its column's total. Its row hides the 10 with it; the 10's column (18) then hides the
  // 8, whose row (8 + 0) hides its total, and the totals column and row each hide their other total. Only the
  // grand total stays: anything more would give the 2 away (18 shown: 20 − 18).
  assert.deepEqual(shown(), {
    cells: [
      [null, null],
      [null, 0],
    ],
    rowTotals: [null, null],
    columnTotals: [null, null],
    total: 20,
  });
});

test('grids that share their row totals are protected together: a total one hides, the other hides too', () => {
  const a = grid([
    [9, 0],
    [3, 6],
  ]);
  const b = grid([
    [9, 0],
    [9, 0],
  ]);
  // b's rows have the same totals as a's; share them, as the inventory's questions do.
  b.g.rowTotals = a.g.rowTotals;
  b.g.total = a.g.total;
  suppressGrids([a.g, b.g]);
  // In a, the 3 hides the 6 beside it and the 9 above it; the 9's row then hides its total, and the totals the
  // other one. Nothing is small in b, but b's rows add up to those same totals, so b hides its cells too:
  // otherwise b would show the row totals a hides.
  assert.deepEqual(a.shown().cells, [
    [null, 0],
    [null, null],
  ]);
  assert.deepEqual(a.shown().rowTotals, [null, null]);
  assert.deepEqual(b.shown().cells, [
    [null, 0],
    [null, 0],
  ]);
});
