import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Cell, suppressTable } from './suppression.ts';

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
