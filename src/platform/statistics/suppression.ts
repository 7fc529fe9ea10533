/**
 * Small counts are suppressed so that statistics never point at a person (DOMAIN.md §4, §7): a count from 1 to
 * 4 is hidden ("dolt") from anyone outside the principals that own it. So that a hidden count cannot be
 * worked out from the table's total, more cells are hidden (smallest first) until at least two are hidden and
 * their sum leaves each one open; if the table cannot get there, its total is hidden too.
 */
export const suppressionThreshold = 5;

export type Cell = { key: string; label: string; count: number; owned: boolean };
export type ShownCell = { key: string; label: string; count: number | null; suppressed: boolean };

export function suppressTable(
  cells: Cell[],
  total: number | null,
): { rows: ShownCell[]; total: number | null; totalSuppressed: boolean } {
  const line = cells.map((c) => ({ count: c.count, owned: c.owned, hidden: isSmall(c) }));
  // Without a total there is no equation to protect: the small counts alone are hidden.
  const totalCell = { count: total ?? 0, owned: true, hidden: false };
  if (total !== null) protectLine(line, totalCell);
  const totalSuppressed = total !== null && totalCell.hidden;
  return {
    rows: cells.map((c, i) =>
      line[i]!.hidden
        ? { key: c.key, label: c.label, count: null, suppressed: true }
        : { key: c.key, label: c.label, count: c.count, suppressed: false },
    ),
    total: totalSuppressed ? null : total,
    totalSuppressed,
  };
}

type LineCell = { count: number; owned?: boolean; hidden: boolean };
const isSmall = (c: { count: number; owned: boolean }) =>
  !c.owned && c.count > 0 && c.count < suppressionThreshold;

/**
 * One line of a table: cells that add up to a total, an equation whose hidden members are its unknowns. One
 * unknown alone can be worked out, so more are hidden: when only the total is hidden, the smallest cell; when
 * cells are hidden under a shown total, more cells, smallest first, until the hidden ones cannot be told apart
 * from their sum, or else the total. Returns whether it hid anything.
 */
function protectLine(cells: LineCell[], total: LineCell): boolean {
  const hidden = () => cells.filter((c) => c.hidden);
  const candidates = cells
    .filter((c) => !c.owned && c.count > 0 && !c.hidden)
    .sort((a, b) => a.count - b.count);
  if (total.hidden) {
    if (hidden().length > 0 || candidates.length === 0) return false;
    candidates[0]!.hidden = true;
    return true;
  }
  let changed = false;
  while (hidden().length > 0 && !ambiguous(hidden())) {
    const next = candidates.shift();
    if (!next) {
      total.hidden = true;
      return true;
    }
    next.hidden = true;
    changed = true;
  }
  return changed;
}

/**
 * A table of parts by category (rows: municipalities; columns: a question's answers) whose row totals, column
 * totals and grand total are all shown: every count from 1 to 4 is hidden, totals too, and then every row and
 * every column is protected as a line until nothing changes, so a hidden cell can be worked out neither across
 * nor down. Grids that share their row totals (the persons per municipality, in every question of an
 * inventory) share the objects, and `suppressGrids` protects them together.
 */
export type GridCell = { count: number; hidden: boolean };
export type Grid = { cells: GridCell[][]; rowTotals: GridCell[]; columnTotals: GridCell[]; total: GridCell };

/** A cell of a grid, hidden when it is a small count (nobody owns inventory figures: they go to everyone). */
export const gridCell = (count: number): GridCell => ({
  count,
  hidden: count > 0 && count < suppressionThreshold,
});

export function suppressGrids(grids: Grid[]): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const g of grids) {
      const lines: [GridCell[], GridCell][] = [
        ...g.cells.map((row, r) => [row, g.rowTotals[r]!] as [GridCell[], GridCell]),
        ...g.columnTotals.map((total, c) => [g.cells.map((row) => row[c]!), total] as [GridCell[], GridCell]),
        [g.columnTotals, g.total],
        [g.rowTotals, g.total],
      ];
      for (const [cells, total] of lines) if (protectLine(cells, total)) changed = true;
    }
  }
}

/**
 * Knowing only the hidden cells' sum, is each one still unknown? Each hidden cell is at least 1, and a cell
 * hidden for being small is at most 4: the sum must leave room on both sides.
 */
function ambiguous(hidden: { count: number }[]): boolean {
  if (hidden.length < 2) return false;
  const sum = hidden.reduce((s, c) => s + c.count, 0);
  const allSmall = hidden.every((c) => c.count < suppressionThreshold);
  return sum > hidden.length && (!allSmall || sum < (suppressionThreshold - 1) * hidden.length);
}
