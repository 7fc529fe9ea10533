import type { SeedRow } from './rows.ts';

/**
 * Dalarna's seed is the directive for revising the county agreement, not the agreement: making the
 * municipalities' and the region's own and joint responsibilities clear is the revision's task (§3). What the
 * directive itself says the parties are responsible for is its background (§1) and its follow-up (§4), in its
 * own words; a law is named only where the directive names one.
 */
export const dalarnaRows: SeedRow[] = [
  {
    area: 'Enskilda aktörer på avtal',
    principalKind: 'shared',
    covers:
      'Överenskommelserna ska omfatta även de personer som vårdas av enskilda aktörer som kommuner och region, i enlighet med 3 § HSL och 2 kap. 5 § SoL har slutit avtal med.',
    legalReference: '3 § HSL, 2 kap. 5 § SoL',
    source: 'Dalarna §1',
  },
  {
    area: 'Samordnad individuell plan (SIP)',
    principalKind: 'shared',
    covers:
      'Huvudmännen ska tillsammans upprätta en individuell plan när den enskilde har behov av insatser från båda huvudmännen. Planen ska upprättas om kommunen eller regionen bedömer att den behövs för att den enskilde ska få sina behov tillgodosedda, och om den enskilde samtycker till att den upprättas. Den enskilde ska vidare kunna påkalla medverkan av närstående eller annan person.',
    legalReference: 'HSL 3 f §, SoL 2 kap. 7 §',
    source: 'Dalarna §1',
  },
  {
    area: 'Hälsofrämjande och förebyggande arbete',
    principalKind: 'shared',
    covers:
      'Regioner och kommuner har en central roll i arbetet med att främja hälsa och förebygga sjukdomar.',
    legalReference: null,
    source: 'Dalarna §1',
  },
  {
    area: 'Brukar- och närståendeorganisationernas synpunkter',
    principalKind: 'shared',
    covers:
      'Organisationer som företräder brukare eller deras närstående bör ges möjligheter att lämna synpunkter på innehållet i överenskommelserna om det är möjligt.',
    legalReference: '8 a § HSL, 5 kap. 8 a § SoL',
    source: 'Dalarna §1',
  },
  {
    area: 'Uppföljning av överenskommelsen',
    principalKind: 'shared',
    covers:
      'På regionövergripande nivå ansvarar parterna Region Dalarna och Dalarnas 15 kommuner för att överenskommelsen följs upp. Brukarorganisationerna ska bjudas in att delta i uppföljningen.',
    legalReference: null,
    source: 'Dalarna §4',
  },
];
