import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { principals } from '../organisations/schema.ts';
import { localAgreementTemplate } from './reference/local-agreement-template.ts';
import { relatedAgreementSeeds } from './reference/related-agreements.ts';
import {
  readSeedSections,
  type SeedKey,
  type SeedSection,
  seedAgreements,
} from './reference/seed-outline.ts';
import {
  agreementAdoptions,
  agreementParties,
  agreementSections,
  agreements,
  agreementTemplateHeadings,
  agreementVersions,
} from './schema.ts';

/** The county agreement's id for a county: fixed, so other modules' demo data can refer to it. */
export const countyAgreementId = (countyCode: string) => `agreement-${countyCode}`;

// What the seeds say about each county agreement's terms and parties. Where a seed says nothing (adoption
// dates and references, and every date in Örebro's and Sörmland's texts), the demo says so rather than guess.
const terms: Record<
  SeedKey,
  {
    startsOn: string | null;
    endsOn: string | null;
    noticeMonths: number | null;
    extensionMonths: number | null;
    noticeRecipient: string | null;
    userOrganisationIsParty: boolean;
    adoptionBody: (kind: string) => string;
  }
> = {
  // Värmland "Giltighetstid".
  varmland: {
    startsOn: '2021-01-01',
    endsOn: '2023-12-31',
    noticeMonths: 12,
    extensionMonths: 24,
    noticeRecipient: 'Politiska styrgruppen för ”Nya perspektiv”, skriftligt',
    userOrganisationIsParty: false,
    adoptionBody: () => 'Uppgift saknas i underlaget',
  },
  // Örebro: "Överenskommelse mellan Region Örebro län, kommunerna i Örebro län och NSPH"; "Beslut och
  // implementering" names the bodies that adopt it.
  orebro: {
    startsOn: null,
    endsOn: null,
    noticeMonths: null,
    extensionMonths: null,
    noticeRecipient: null,
    userOrganisationIsParty: true,
    adoptionBody: (kind) =>
      kind === 'region'
        ? 'Regionstyrelsen'
        : kind === 'municipality'
          ? 'Socialnämnden eller motsvarande'
          : 'NSPH-nätverket',
  },
  sormland: {
    startsOn: null,
    endsOn: null,
    noticeMonths: null,
    extensionMonths: null,
    noticeRecipient: null,
    userOrganisationIsParty: false,
    adoptionBody: () => 'Uppgift saknas i underlaget',
  },
  // Dalarna's directive: the agreement "löpte ut 2019-12-31 och är giltig till dess att Chefsnätverket och
  // Välfärdsrådet godkänt förslag till en reviderad överenskommelse": valid with no end date until replaced.
  dalarna: {
    startsOn: null,
    endsOn: null,
    noticeMonths: null,
    extensionMonths: null,
    noticeRecipient: null,
    userOrganisationIsParty: false,
    adoptionBody: () => 'Uppgift saknas i underlaget',
  },
};

const demoAdoptionReference = 'Demodata: beslutsdatum och diarienummer finns inte i underlaget';
// The adoption date the demo records where the seed gives none: the day the demo data was made.
const undatedDecision = '2026-01-01';

/** Sections in reading order with stable keys from their place in the seed ("s3", "s3.2"). */
function flatten(
  sections: SeedSection[],
  parentKey: string | null = null,
): { key: string; parentKey: string | null; heading: string; text: string }[] {
  return sections.flatMap((s, i) => {
    const key = parentKey ? `${parentKey}.${i + 1}` : `s${i + 1}`;
    return [{ key, parentKey, heading: s.heading, text: s.text }, ...flatten(s.children, key)];
  });
}

async function loadCountyAgreement(tx: Db, seed: (typeof seedAgreements)[number], createdAt: Date) {
  const t = terms[seed.seed];
  const id = countyAgreementId(seed.countyCode);
  await tx
    .insert(agreements)
    .values({ id, countyCode: seed.countyCode, kind: 'county', title: seed.title, createdAt });
  const parties = (
    await tx.select().from(principals).where(eq(principals.countyCode, seed.countyCode))
  ).filter(
    (p) =>
      p.kind === 'region' ||
      p.kind === 'municipality' ||
      (t.userOrganisationIsParty && p.kind === 'userOrganisation'),
  );
  await tx.insert(agreementParties).values(parties.map((p) => ({ agreementId: id, principalId: p.id })));
  const versionId = `${id}-v1`;
  await tx.insert(agreementVersions).values({
    id: versionId,
    agreementId: id,
    number: 1,
    stage: 'decision',
    createdAt,
    publishedOn: t.startsOn,
    changeNote: `Överenskommelsen som den står i underlaget (${seed.source}).`,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    noticeMonths: t.noticeMonths,
    extensionMonths: t.extensionMonths,
    noticeRecipient: t.noticeRecipient,
  });
  await tx.insert(agreementAdoptions).values(
    parties.map((p) => ({
      versionId,
      principalId: p.id,
      decidedOn: t.startsOn ?? undatedDecision,
      body: t.adoptionBody(p.kind),
      reference: demoAdoptionReference,
      recordedAt: createdAt,
    })),
  );
  const sections = flatten(readSeedSections(seed.seed));
  if (sections.length)
    await tx
      .insert(agreementSections)
      .values(sections.map((s, i) => ({ ...s, id: `${versionId}-${s.key}`, versionId, position: i + 1 })));
}

/** Related agreements are listed with their dates; their own text and decisions live outside Sömlös. */
async function loadRelated(tx: Db, createdAt: Date) {
  for (const [i, r] of relatedAgreementSeeds.entries()) {
    const id = `agreement-${r.countyCode}-related-${i + 1}`;
    await tx.insert(agreements).values({
      id,
      countyCode: r.countyCode,
      kind: 'related',
      title: r.title,
      parentAgreementId: countyAgreementId(r.countyCode),
      dateNote: r.dateNote,
      createdAt,
    });
    await tx.insert(agreementVersions).values({
      id: `${id}-v1`,
      agreementId: id,
      number: 1,
      stage: 'decision',
      createdAt,
      publishedOn: r.datedOn,
      startsOn: r.datedOn,
      changeNote: [r.source, r.url].filter(Boolean).join(' – '),
    });
  }
}

/** Loads the four seeds' agreements as demo data; called once, inside the demo data's transaction. */
export async function loadAgreementDemo(tx: Db): Promise<void> {
  const createdAt = new Date(`${undatedDecision}T00:00:00Z`);
  for (const seed of seedAgreements) await loadCountyAgreement(tx, seed, createdAt);
  await loadRelated(tx, createdAt);
  await tx.insert(agreementTemplateHeadings).values(
    localAgreementTemplate.map((t) => ({
      countyCode: t.countyCode,
      // Numbered within the county's own template.
      position: localAgreementTemplate.filter((x) => x.countyCode === t.countyCode).indexOf(t) + 1,
      heading: t.heading,
      guidance: t.guidance,
      source: t.source,
    })),
  );
}
