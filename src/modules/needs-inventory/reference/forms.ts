import type { FormQuestions } from '../schema.ts';

// The two inventory forms Sörmland §10 names, as data. Socialstyrelsen's instrument "Att inventera behov" (2012,
// appendix 1 of the agreement) and SKL's shortened form of parts of it (2015, appendix 2). The questions are our
// reading of their structure: bands, housing, occupation, contacts and needs per life area; a county that uses
// another wording adds a new version, and earlier rounds keep theirs.

const ageBands = [
  { key: '0-17', label: '0–17 år' },
  { key: '18-24', label: '18–24 år' },
  { key: '25-34', label: '25–34 år' },
  { key: '35-49', label: '35–49 år' },
  { key: '50-64', label: '50–64 år' },
  { key: '65-', label: '65 år eller äldre' },
];
const genders = [
  { key: 'woman', label: 'Kvinna' },
  { key: 'man', label: 'Man' },
  { key: 'other', label: 'Annat eller vill inte ange' },
];
const housing = [
  { key: 'own', label: 'Eget boende utan stöd' },
  { key: 'ownWithSupport', label: 'Eget boende med boendestöd' },
  { key: 'specialHousing', label: 'Bostad med särskild service' },
  { key: 'institution', label: 'HVB, familjehem eller annan placering' },
  { key: 'homeless', label: 'Hemlös eller akut boende' },
  { key: 'other', label: 'Annat boende' },
];
const occupation = [
  { key: 'work', label: 'Arbete' },
  { key: 'supportedWork', label: 'Arbete med stöd eller praktik' },
  { key: 'dailyActivity', label: 'Daglig verksamhet eller sysselsättning' },
  { key: 'studies', label: 'Studier' },
  { key: 'none', label: 'Ingen sysselsättning' },
];
const contacts = [
  { key: 'psychiatry', label: 'Psykiatrisk specialistvård' },
  { key: 'primaryCare', label: 'Primärvård' },
  { key: 'habilitation', label: 'Habilitering' },
  { key: 'socialServices', label: 'Socialtjänst (SoL)' },
  { key: 'lss', label: 'Insatser enligt LSS' },
];

const fullAreas = [
  { key: 'housing', label: 'Boende' },
  { key: 'occupation', label: 'Sysselsättning och arbete' },
  { key: 'dailyLiving', label: 'Vardagliga aktiviteter och egenvård' },
  { key: 'social', label: 'Sociala relationer' },
  { key: 'leisure', label: 'Fritid' },
  { key: 'economy', label: 'Ekonomi' },
  { key: 'psychiatricCare', label: 'Psykiatrisk vård och behandling' },
  { key: 'somaticCare', label: 'Somatisk vård' },
  { key: 'substanceUse', label: 'Stöd vid missbruk' },
];
const shortAreas = ['housing', 'occupation', 'dailyLiving', 'social', 'psychiatricCare'].map(
  (key) => fullAreas.find((a) => a.key === key)!,
);

export const inventoryForms: {
  id: string;
  key: 'full' | 'short';
  version: number;
  name: string;
  publisher: string;
  year: number;
  questions: FormQuestions;
}[] = [
  {
    id: 'socialstyrelsen-2012',
    key: 'full',
    version: 1,
    name: 'Att inventera behov – Inventering av gruppen personer med psykisk funktionsnedsättning',
    publisher: 'Socialstyrelsen',
    year: 2012,
    questions: { ageBands, genders, housing, occupation, contacts, lifeAreas: fullAreas },
  },
  {
    id: 'skl-kortversion-2015',
    key: 'short',
    version: 1,
    name: 'SKL:s förkortade inventeringsformulär',
    publisher: 'Sveriges Kommuner och Landsting',
    year: 2015,
    questions: { ageBands, genders, housing, occupation, contacts, lifeAreas: shortAreas },
  },
];
