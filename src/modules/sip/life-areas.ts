// The life areas of the needs assessment (kartläggning) before the plan, in the order the forms, the SIP page and
// the PDF show them. They are data: a new area is a new entry here, with its Swedish label; the stored rows keep
// the code.

export const lifeAreas = [
  { code: 'housing', label: 'Boende' },
  { code: 'occupation', label: 'Sysselsättning' },
  { code: 'dailyLiving', label: 'Vardagsliv och ADL' },
  { code: 'socialRelations', label: 'Sociala relationer' },
  { code: 'health', label: 'Hälsa' },
  { code: 'substanceUse', label: 'Missbruk och beroende' },
  { code: 'economy', label: 'Ekonomi' },
  { code: 'safety', label: 'Trygghet och säkerhet' },
] as const;

export type LifeArea = (typeof lifeAreas)[number]['code'];
export const lifeAreaCodes = lifeAreas.map((a) => a.code) as [LifeArea, ...LifeArea[]];
export const lifeAreaLabel = (code: string) => lifeAreas.find((a) => a.code === code)?.label ?? code;
/** The position of an area in the list, for sorting stored rows. */
export const lifeAreaRank = (code: string) => {
  const at = lifeAreaCodes.indexOf(code as LifeArea);
  return at < 0 ? lifeAreaCodes.length : at;
};
