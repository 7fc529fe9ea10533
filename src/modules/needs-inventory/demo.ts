import { and, eq, inArray, like, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { bodyId, municipalityId, regionId } from '../organisations/index.ts';
import { principals, units } from '../organisations/schema.ts';
import { inventoryForms } from './reference/forms.ts';
import { loadInventoryForms } from './reference/load-forms.ts';
import {
  type NeedLevel,
  needsInventoryRecords,
  needsInventoryRounds,
  needsInventoryRoundUnits,
} from './schema.ts';

// The demo's one reported round: Södermanland's inventory of 2023 with the full form, coordinated by BGP. Its
// records are made up (a seeded generator, the same every time) and the round is marked synthetic, which every
// page that shows it says. The persons per municipality follow the municipalities' size roughly, so the small
// ones show suppression at work.

export const demoRoundId = 'needs-inventory-04-2023';
const county = '04';
const persons: Record<string, number> = {
  '0484': 210,
  '0480': 130,
  '0483': 80,
  '0486': 85,
  '0482': 40,
  '0481': 28,
  '0461': 22,
  '0488': 24,
  '0428': 19,
};

/** mulberry32: a small seeded generator, so the demo is the same on every machine. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const weighted = <T extends string>(next: () => number, options: [T, number][]): T => {
  let r = next() * options.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of options) {
    r -= w;
    if (r < 0) return value;
  }
  return options[options.length - 1]![0];
};

export async function loadNeedsInventoryDemo(tx: Db, createdAt: Date) {
  await loadInventoryForms(tx);
  const form = inventoryForms.find((f) => f.key === 'full')!;
  // Each municipality's adult social services unit enters its residents; the region's psychiatry in
  // Eskilstuna enters those it knows who have no contact with social services (the round's instructions).
  const taking = await tx
    .select({ id: units.id, principalId: units.principalId, code: principals.municipalityCode })
    .from(units)
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(
      or(
        and(
          inArray(units.principalId, Object.keys(persons).map(municipalityId)),
          like(units.name, 'Socialtjänst vuxen, %'),
        ),
        and(eq(units.principalId, regionId(county)), eq(units.name, 'Vuxenpsykiatri Eskilstuna')),
      ),
    );
  const social = taking.filter((u) => u.code !== null);
  const psychiatry = taking.find((u) => u.code === null)!;
  await tx.insert(needsInventoryRounds).values({
    id: demoRoundId,
    countyCode: county,
    title: 'Behovsinventering 2023',
    periodStart: '2023-03-01',
    periodEnd: '2023-05-31',
    formId: form.id,
    coordinatorBodyId: bodyId(county, 'bgp'),
    instructions:
      'Registrera varje person du känner till i målgruppen som bor i länet. En person som både socialtjänsten och psykiatrin känner till registreras av socialtjänsten i den kommun där personen bor; psykiatrin registrerar bara dem som saknar kontakt med socialtjänsten.',
    status: 'reported',
    reportedOn: '2023-10-16',
    synthetic: true,
    createdAt,
  });
  await tx
    .insert(needsInventoryRoundUnits)
    .values([...social, psychiatry].map((u) => ({ roundId: demoRoundId, unitId: u.id })));
  const next = random(2023);
  const rows = Object.entries(persons).flatMap(([code, n]) =>
    Array.from({ length: n }, (_, i) => demoRecord(next, form.questions, { code, i, social, psychiatry })),
  );
  await tx.insert(needsInventoryRecords).values(rows);
}

type TakingUnit = { id: string; code: string | null };

/** One made-up person's record: drawn from `next`, so the same every time. */
function demoRecord(
  next: () => number,
  q: (typeof inventoryForms)[number]['questions'],
  { code, i, social, psychiatry }: { code: string; i: number; social: TakingUnit[]; psychiatry: TakingUnit },
) {
  const byPsychiatry = next() < 0.15;
  const unit = byPsychiatry ? psychiatry : social.find((u) => u.code === code)!;
  const housing = weighted(next, [
    ['own', 40],
    ['ownWithSupport', 30],
    ['specialHousing', 18],
    ['institution', 5],
    ['homeless', 4],
    ['other', 3],
  ]);
  const needs = Object.fromEntries(
    q.lifeAreas.map((a) => [
      a.key,
      weighted<NeedLevel>(next, [
        ['none', a.key === 'substanceUse' || a.key === 'somaticCare' ? 60 : 30],
        ['met', 40],
        ['unmet', a.key === 'occupation' || a.key === 'social' || a.key === 'leisure' ? 35 : 18],
      ]),
    ]),
  );
  return {
    id: `${demoRoundId}-${code}-${i}`,
    roundId: demoRoundId,
    unitId: unit.id,
    municipalityCode: code,
    ageBand: weighted(next, [
      ['0-17', 4],
      ['18-24', 14],
      ['25-34', 24],
      ['35-49', 28],
      ['50-64', 22],
      ['65-', 8],
    ]),
    gender: weighted(next, [
      ['woman', 47],
      ['man', 51],
      ['other', 2],
    ]),
    housing,
    occupation: weighted(next, [
      ['work', 10],
      ['supportedWork', 12],
      ['dailyActivity', 30],
      ['studies', 6],
      ['none', 42],
    ]),
    contacts: q.contacts.map((c) => c.key).filter((k) => next() < (k === 'psychiatry' ? 0.75 : 0.35)),
    needs,
    note: null,
    enteredAt: new Date(`2023-04-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00Z`),
  };
}
