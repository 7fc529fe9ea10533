import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { referenceCaseCategories } from './reference/case-categories.ts';
import { type ReferenceCounty, type ReferenceLadderStep, referenceCounties } from './reference/counties.ts';
import {
  type CaseKind,
  caseCategories,
  caseKinds,
  counties,
  countySettingsToConfirm,
  escalationLevelBodies,
  escalationLevels,
  governanceBodies,
  governanceBodyCoverage,
  principals,
} from './schema.ts';

type MunicipalityRow = { countyCode: string; code: string; name: string; place: string };

export function readMunicipalities(): MunicipalityRow[] {
  const file = join(dirname(fileURLToPath(import.meta.url)), 'reference', 'municipalities.csv');
  const [, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  return lines.map((line) => {
    const [countyCode, , , code, name, place] = line.split(',');
    return { countyCode: countyCode!, code: code!, name: name!, place: place! };
  });
}

// Stable ids for reference rows, so demo data, tests and links can name them.
export const regionId = (countyCode: string) => `region-${countyCode}`;
export const municipalityId = (code: string) => `municipality-${code}`;
export const otherPrincipalId = (countyCode: string, key: string) => `principal-${countyCode}-${key}`;
export const bodyId = (countyCode: string, key: string) => `body-${countyCode}-${key}`;

/**
 * Loads each county that is not there yet, with its region, municipalities, user organisations, bodies and
 * ladder. A county already present is left alone, so what its administrators changed stays changed.
 */
export async function loadReferenceData(db: Db): Promise<string[]> {
  const municipalities = readMunicipalities();
  const loaded: string[] = [];
  for (const county of referenceCounties) {
    const done = await inTransaction(db, async (tx) => {
      const [existing] = await tx
        .select({ code: counties.code })
        .from(counties)
        .where(eq(counties.code, county.code));
      if (existing) return false;
      await insertCounty(
        tx,
        county,
        municipalities.filter((m) => m.countyCode === county.code),
      );
      return true;
    });
    if (done) loaded.push(county.code);
  }
  await ensureCaseCategories(db);
  return loaded;
}

/**
 * Gives every county that has no categories of a kind the reference list. Separate from the county load, so
 * a database made before categories existed gets them too, and a county's own list is never touched.
 */
async function ensureCaseCategories(db: Db) {
  const present = await db
    .selectDistinct({ countyCode: caseCategories.countyCode, caseKind: caseCategories.caseKind })
    .from(caseCategories);
  const rows = referenceCounties.flatMap((county) =>
    caseKinds
      .filter((kind) => !present.some((p) => p.countyCode === county.code && p.caseKind === kind))
      .flatMap((kind) =>
        referenceCaseCategories[kind].map((c, position) => ({
          countyCode: county.code,
          caseKind: kind,
          key: c.key,
          label: c.label,
          position,
        })),
      ),
  );
  if (rows.length) await db.insert(caseCategories).values(rows).onConflictDoNothing();
}

async function insertCounty(tx: Db, county: ReferenceCounty, municipalities: MunicipalityRow[]) {
  await tx.insert(counties).values({
    code: county.code,
    name: county.name,
    targetGroupMinAge: county.targetGroupMinAge,
    targetGroupDescription: county.targetGroupDescription,
  });
  await tx.insert(principals).values([
    { id: regionId(county.code), countyCode: county.code, kind: 'region', name: county.regionName },
    ...municipalities.map((m) => ({
      id: municipalityId(m.code),
      countyCode: county.code,
      kind: 'municipality' as const,
      name: m.name,
      municipalityCode: m.code,
    })),
    ...county.otherPrincipals.map((p) => ({
      id: otherPrincipalId(county.code, p.key),
      countyCode: county.code,
      kind: p.kind,
      name: p.name,
    })),
  ]);
  await tx.insert(governanceBodies).values(
    county.bodies.map((b) => ({
      id: bodyId(county.code, b.key),
      countyCode: county.code,
      name: b.name,
      shortName: b.shortName ?? null,
      kind: b.kind,
      description: b.description,
      source: b.source,
    })),
  );
  const coverage = county.bodies.flatMap((b) =>
    (b.covers ?? []).map((code) => ({
      bodyId: bodyId(county.code, b.key),
      principalId: municipalityId(code),
    })),
  );
  if (coverage.length) await tx.insert(governanceBodyCoverage).values(coverage);
  // Most seeds give one ladder for both kinds of case; each kind gets its own copy, which administrators can
  // then change apart. Värmland sends deviations straight to its Beredningsgrupp (`deviationLadder`).
  for (const caseKind of caseKinds) {
    const ladder = ladderFor(county, caseKind);
    await tx.insert(escalationLevels).values(
      ladder.map((step, i) => ({
        countyCode: county.code,
        caseKind,
        level: i + 1,
        label: step.label,
        source: step.source,
      })),
    );
    const stepBodies = ladder.flatMap((step, i) =>
      step.bodies.map((key) => ({
        countyCode: county.code,
        caseKind,
        level: i + 1,
        bodyId: bodyId(county.code, key),
      })),
    );
    if (stepBodies.length) await tx.insert(escalationLevelBodies).values(stepBodies);
  }
  const toConfirm = settingsToConfirm(county, municipalities);
  if (toConfirm.length) await tx.insert(countySettingsToConfirm).values(toConfirm);
}

const ladderFor = (county: ReferenceCounty, caseKind: CaseKind) =>
  (caseKind === 'deviation' ? county.deviationLadder : undefined) ?? county.ladder;

/**
 * The county's settings its seed does not name (`assumed` in counties.ts), for its administrators to confirm:
 * the ladder's rungs first (one setting for both ladders where the seed's one ladder is loaded into both), then
 * the bodies with the municipalities they cover.
 */
export function settingsToConfirm(county: ReferenceCounty, municipalities: MunicipalityRow[]) {
  const nameOf = (code: string) => municipalities.find((m) => m.code === code)?.name ?? code;
  const steps = (ladder: ReferenceLadderStep[], key: string, kinds: string) =>
    ladder.flatMap((step, i) =>
      step.assumed
        ? [
            {
              key: `${key}-${i + 1}`,
              label: `Nivå ${i + 1} för ${kinds}: ${step.label}`,
              assumption: step.assumption,
            },
          ]
        : [],
    );
  const ladder = county.deviationLadder
    ? [
        ...steps(county.deviationLadder, 'deviation-ladder', 'avvikelser'),
        ...steps(county.ladder, 'ladder', 'tvister'),
      ]
    : steps(county.ladder, 'ladder', 'avvikelser och tvister');
  const bodies = county.bodies.flatMap((b) =>
    b.assumed
      ? [
          {
            key: `body-${b.key}`,
            label: b.covers?.length ? `${b.name}, omfattar ${b.covers.map(nameOf).join(', ')}` : b.name,
            assumption: b.assumption,
          },
        ]
      : [],
  );
  return [...ladder, ...bodies].map((x, i) => ({ ...x, countyCode: county.code, position: i + 1 }));
}
