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
  const hidden = new Set(
    cells.filter((c) => !c.owned && c.count > 0 && c.count < suppressionThreshold).map((c) => c.key),
  );
  let totalSuppressed = false;
  if (hidden.size > 0 && total !== null) {
    const candidates = cells
      .filter((c) => !c.owned && c.count > 0 && !hidden.has(c.key))
      .sort((a, b) => a.count - b.count);
    while (!ambiguous(cells.filter((c) => hidden.has(c.key)))) {
      const next = candidates.shift();
      if (!next) {
        totalSuppressed = true;
        break;
      }
      hidden.add(next.key);
    }
  }
  return {
    rows: cells.map((c) =>
      hidden.has(c.key)
        ? { key: c.key, label: c.label, count: null, suppressed: true }
        : { key: c.key, label: c.label, count: c.count, suppressed: false },
    ),
    total: totalSuppressed ? null : total,
    totalSuppressed,
  };
}

/**
 * Knowing only the hidden cells' sum, is each one still unknown? Each hidden cell is at least 1, and a cell
 * hidden for being small is at most 4: the sum must leave room on both sides.
 */
function ambiguous(hidden: Cell[]): boolean {
  if (hidden.length < 2) return false;
  const sum = hidden.reduce((s, c) => s + c.count, 0);
  const allSmall = hidden.every((c) => c.count < suppressionThreshold);
  return sum > hidden.length && (!allSmall || sum < (suppressionThreshold - 1) * hidden.length);
}
