/**
 * What each computed measure is and how its figures read. The observations come from the modules that own the
 * work (sip/indicator-facts.ts, deviations/…, disputes/…); an indicator names one of these as its `measure`.
 * - count: observations per period (SIPs started).
 * - median: the median of the observations' values (days), over the observations of the period.
 * - share: the share of the period's observations in the bucket 'yes', in per cent.
 * - mean: the mean of the observations' values (days), as counties report the days from ready to discharge.
 * - sum: the sum of the observations' values (kronor), with the observations (days) as its count.
 * - breakdown: observations per bucket (a category, a level, an outcome, a principal) over the year.
 */
export type MeasureKind = 'count' | 'median' | 'mean' | 'sum' | 'share' | 'breakdown';
export type Measure = {
  kind: MeasureKind;
  noun: string;
  dimension?: 'category' | 'level' | 'outcome' | 'principal';
};

export const measures = {
  sipsStarted: { kind: 'count', noun: 'SIP:ar' },
  daysToConsent: { kind: 'median', noun: 'samtycken' },
  daysToFirstMeeting: { kind: 'median', noun: 'första möten' },
  daysToPlan: { kind: 'median', noun: 'planer' },
  invitationsAnsweredInTime: { kind: 'share', noun: 'kallelser' },
  plansWithOwnWords: { kind: 'share', noun: 'planversioner' },
  plansChildrenConsidered: { kind: 'share', noun: 'planversioner' },
  followUpsOnTime: { kind: 'share', noun: 'uppföljningar' },
  deviationsByCategory: { kind: 'breakdown', noun: 'avvikelser', dimension: 'category' },
  deviationsByPrincipal: { kind: 'breakdown', noun: 'avvikelser', dimension: 'principal' },
  deviationsByLevel: { kind: 'breakdown', noun: 'avvikelser', dimension: 'level' },
  deviationsByOutcome: { kind: 'breakdown', noun: 'avvikelser', dimension: 'outcome' },
  disputesByLevelSolved: { kind: 'breakdown', noun: 'tvister', dimension: 'level' },
  // Discharge planning (discharge/indicator-facts.ts), attributed to the paying municipality.
  dischargeNoticesOnTime: { kind: 'share', noun: 'inskrivningsmeddelanden' },
  dischargeDaysReadyToDischarge: { kind: 'median', noun: 'utskrivningar' },
  dischargeDaysReadyToDischargeMean: { kind: 'mean', noun: 'utskrivningar' },
  dischargeSipsCalledInTime: { kind: 'share', noun: 'vårdtillfällen' },
  dischargePaidDays: { kind: 'count', noun: 'vårddygn' },
  dischargePaidAmount: { kind: 'sum', noun: 'vårddygn' },
  dischargeReadmissions30: { kind: 'share', noun: 'utskrivningar' },
} as const satisfies Record<string, Measure>;
export const measureOf = (key: MeasureKey): Measure => measures[key];
export type MeasureKey = keyof typeof measures;
export const isMeasure = (key: string | null): key is MeasureKey => key !== null && key in measures;
