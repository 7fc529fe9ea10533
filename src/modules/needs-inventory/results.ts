import { type Grid, type GridCell, gridCell, suppressGrids } from '../../platform/statistics/suppression.ts';
import type { Choice, FormQuestions, NeedLevel } from './schema.ts';

// A round's results (Sörmland §10: the county's shared picture of the target group's needs), per municipality
// and for the county. The figures go to everyone in the county and on to the interpretation meeting, so every
// count from 1 to 4 is hidden for everyone, and more where a hidden count could be worked out: each question is
// a grid of municipalities by answers with the persons per municipality as its row totals, shared by all
// questions, and the grids are protected together (platform/statistics/suppression.ts). A municipality's page
// and the county's page read the same protected grids, so neither gives away what the other hides.

export type RecordFacts = {
  municipalityCode: string;
  ageBand: string;
  gender: string;
  housing: string;
  occupation: string;
  contacts: string[];
  needs: Record<string, NeedLevel>;
};
export type Municipality = { code: string; name: string };

/** The questions whose answers split the persons into parts, in the order the results show them. */
export const distributions = [
  { key: 'housing', title: 'Boende', pick: (r: RecordFacts) => r.housing },
  { key: 'occupation', title: 'Sysselsättning', pick: (r: RecordFacts) => r.occupation },
  { key: 'ageBands', title: 'Ålder', pick: (r: RecordFacts) => r.ageBand },
  { key: 'genders', title: 'Kön', pick: (r: RecordFacts) => r.gender },
] as const;
type DistributionKey = (typeof distributions)[number]['key'];

export type Figure = { count: number | null; share: number | null };
export type AnswerRow = { key: string; label: string } & Figure & {
    previousShare: number | null;
    change: number | null;
  };
export type NeedRow = {
  key: string;
  label: string;
  none: number | null;
  met: number | null;
  unmet: number | null;
  unmetShare: number | null;
  previousUnmetShare: number | null;
  change: number | null;
};
export type ScopeResults = {
  persons: number | null;
  needs: NeedRow[];
  tables: { key: DistributionKey | 'contacts'; title: string; rows: AnswerRow[] }[];
  /** The county's persons per municipality (the county's scope only). */
  byMunicipality: ({ code: string; name: string } & Figure)[] | null;
};

/** The protected grids of one round: every question's counts per municipality, with their totals. */
type Solved = {
  municipalities: Municipality[];
  persons: GridCell[];
  total: GridCell;
  answers: Map<string, { choices: Choice[]; grid: Grid }>;
  needs: { area: Choice; grid: Grid }[];
  contacts: Choice[];
};

const needColumns: NeedLevel[] = ['none', 'met', 'unmet'];

export function solveRound(
  questions: FormQuestions,
  municipalities: Municipality[],
  records: RecordFacts[],
): Solved {
  const rowOf = new Map(municipalities.map((m, i) => [m.code, i]));
  const byRow = municipalities.map(() => [] as RecordFacts[]);
  for (const r of records) byRow[rowOf.get(r.municipalityCode)!]?.push(r);
  const persons = byRow.map((rs) => gridCell(rs.length));
  const total = gridCell(records.length);
  const grid = (columns: string[], has: (r: RecordFacts, column: string) => boolean): Grid => ({
    cells: byRow.map((rs) => columns.map((c) => gridCell(rs.filter((r) => has(r, c)).length))),
    rowTotals: persons,
    columnTotals: columns.map((c) => gridCell(records.filter((r) => has(r, c)).length)),
    total,
  });
  const answers = new Map<string, { choices: Choice[]; grid: Grid }>();
  for (const d of distributions) {
    const choices = questions[d.key];
    answers.set(d.key, {
      choices,
      grid: grid(
        choices.map((c) => c.key),
        (r, c) => d.pick(r) === c,
      ),
    });
  }
  // A contact is a yes or no per person: the "no" column is never shown, but it is worked out from the persons,
  // so it takes part in the protection like any shown count.
  for (const contact of questions.contacts)
    answers.set(`contact:${contact.key}`, {
      choices: [contact],
      grid: grid(['yes', 'no'], (r, c) => r.contacts.includes(contact.key) === (c === 'yes')),
    });
  const needs = questions.lifeAreas.map((area) => ({
    area,
    grid: grid(needColumns, (r, c) => (r.needs[area.key] ?? 'none') === c),
  }));
  suppressGrids([...answers.values()].map((a) => a.grid).concat(needs.map((n) => n.grid)));
  return { municipalities, persons, total, answers, needs, contacts: questions.contacts };
}

const shown = (c: GridCell) => (c.hidden ? null : c.count);
const percent = (count: number | null, of: number | null) =>
  count === null || of === null || of === 0 ? null : Math.round((count / of) * 1000) / 10;
const difference = (now: number | null, before: number | null) =>
  now === null || before === null ? null : Math.round((now - before) * 10) / 10;

/** One scope's view of a solved round: the county (`municipalityCode` null) or one of its municipalities. */
function scopeOf(solved: Solved, municipalityCode: string | null) {
  const row =
    municipalityCode === null ? -1 : solved.municipalities.findIndex((m) => m.code === municipalityCode);
  const pick = (g: Grid, column: number) => (row < 0 ? g.columnTotals[column]! : g.cells[row]![column]!);
  const persons = shown(row < 0 ? solved.total : solved.persons[row]!);
  return { pick, persons };
}

export function scopeResults(
  solved: Solved,
  previous: Solved | null,
  municipalityCode: string | null,
): ScopeResults {
  const now = scopeOf(solved, municipalityCode);
  const before = previous ? scopeOf(previous, municipalityCode) : null;
  const figure = (g: Grid, column: number, scope = now): Figure => {
    const count = shown(scope.pick(g, column));
    return { count, share: percent(count, scope.persons) };
  };
  const previousShare = (answerKey: string, choiceKey: string) => {
    const entry = previous?.answers.get(answerKey);
    const index = entry?.choices.findIndex((c) => c.key === choiceKey) ?? -1;
    if (!entry || !before || index < 0) return null;
    return figure(entry.grid, answerKey.startsWith('contact:') ? 0 : index, before).share;
  };
  const answerRow = (answerKey: string, choice: Choice, column: number): AnswerRow => {
    const f = figure(solved.answers.get(answerKey)!.grid, column);
    const prev = previousShare(answerKey, choice.key);
    return {
      key: choice.key,
      label: choice.label,
      ...f,
      previousShare: prev,
      change: difference(f.share, prev),
    };
  };
  const tables: ScopeResults['tables'] = distributions.map((d) => ({
    key: d.key,
    title: d.title,
    rows: solved.answers.get(d.key)!.choices.map((c, i) => answerRow(d.key, c, i)),
  }));
  tables.push({
    key: 'contacts',
    title: 'Kontakter med regionen och kommunen',
    rows: solved.contacts.map((c) => answerRow(`contact:${c.key}`, c, 0)),
  });
  const needs = solved.needs.map(({ area, grid }): NeedRow => {
    const [none, met, unmet] = [0, 1, 2].map((c) => figure(grid, c));
    const prevArea = previous?.needs.find((n) => n.area.key === area.key);
    const prev = prevArea && before ? figure(prevArea.grid, 2, before).share : null;
    return {
      key: area.key,
      label: area.label,
      none: none!.count,
      met: met!.count,
      unmet: unmet!.count,
      unmetShare: unmet!.share,
      previousUnmetShare: prev,
      change: difference(unmet!.share, prev),
    };
  });
  const byMunicipality =
    municipalityCode === null
      ? solved.municipalities.map((m, i) => {
          const count = shown(solved.persons[i]!);
          return { code: m.code, name: m.name, count, share: percent(count, now.persons) };
        })
      : null;
  return { persons: now.persons, needs, tables, byMunicipality };
}
