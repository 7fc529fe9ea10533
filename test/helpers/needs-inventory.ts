/** One person's de-identified answers on SKL's short form (2015), as a needs-inventory record takes them. */
export type InventoryRecord = {
  municipalityCode: string;
  ageBand: string;
  gender: string;
  housing: string;
  occupation: string;
  contacts: string[];
  needs: Record<string, string>;
};

/** A valid record for a person in this municipality: a woman of 35–49 in her own home, with two unmet needs. */
export const shortFormRecord = (municipalityCode: string): InventoryRecord => ({
  municipalityCode,
  ageBand: '35-49',
  gender: 'woman',
  housing: 'own',
  occupation: 'none',
  contacts: ['psychiatry'],
  needs: {
    housing: 'none',
    occupation: 'unmet',
    dailyLiving: 'met',
    social: 'unmet',
    psychiatricCare: 'met',
  },
});
