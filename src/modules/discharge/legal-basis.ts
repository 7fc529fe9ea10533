// What each rule of the discharge module rests on, one entry per rule, cited as the code and the pages cite it.
// Lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård is "the law" below.
//
// A paragraph is cited only where a text read names it for the rule (`paragraphChecked` true): legal-basis.test.ts
// refuses any other paragraph number in the module's code, pages, migration and decision. Of the law only
// 1 kap. 1–3 §§ could be read (lagar.nj.se, the consolidated text), and 5 kap. 6 § is named by the regulations
// made under it; the rules of the planning before discharge are stated by the sources listed in `read`, which
// name the law but not its paragraphs. Issue 25 places them in the law's 4 kap.; that chapter is cited as the
// issue gives it ("enligt lagens 4 kap."), not as read, and no paragraph within it is cited.
// docs/decisions/0023-discharge-planning.md has the reading; before release every entry with `paragraphChecked`
// false is to be checked against the law's text at riksdagen.se and its paragraph added here.

export type LegalBasis = {
  /** The citation, in Swedish, as the module gives it. */
  cites: string;
  /**
   * Whether a text read names this paragraph for the rule (the law's own text, or a regulation made under it);
   * false: the law (and chapter) only.
   */
  paragraphChecked: boolean;
  /** What was read for the rule. */
  read: string;
};

const socialstyrelsen =
  'Socialstyrelsen, "Samverkan vid utskrivning från sluten hälso- och sjukvård" (juridiskt stöd för dokumentation)';
const vardhandboken = 'Vårdhandboken, Vårdsamverkan (hänvisar till SFS 2017:612)';

export const legalBasis = {
  /** The law's scope, its purpose (discharge soon after the physician's judgement) and its terms. */
  scope: {
    cites: 'lag (2017:612) 1 kap. 1–3 §§',
    paragraphChecked: true,
    read: 'The consolidated text of 1 kap. 1–3 §§ (lagar.nj.se).',
  },
  /**
   * The concerned units (berörda enheter): the social services, the municipally financed health care and the
   * region's outpatient care, which the law's first paragraph names (schema.ts concernedKinds; access-rule.ts).
   */
  concernedUnits: {
    cites: 'lag (2017:612) 1 kap. 1 §',
    paragraphChecked: true,
    read: 'The consolidated text of 1 kap. 1 § (lagar.nj.se).',
  },
  /**
   * The admission notice (inskrivningsmeddelande) within 24 hours of the admission, with the expected date
   * (rules.ts admissionNoticeHours, notify-admission.ts). The sources also name 24 hours from a later judgement
   * that the patient will need care after discharge; Sömlös counts from the admission only.
   */
  admissionNotice: {
    cites: 'lag (2017:612), enligt lagens 4 kap. (inskrivningsmeddelande)',
    paragraphChecked: false,
    read: `Prop. 2016/17:106 ("inom 24 timmar från det att patienten skrivits in i sluten vård"); ${socialstyrelsen}.`,
  },
  /**
   * A notified unit starts its planning; the region's outpatient unit names a fast vårdkontakt unless the patient
   * has one (acknowledge.ts, record-preparation.ts).
   */
  planning: {
    cites: 'lag (2017:612), enligt lagens 4 kap. (planering inför utskrivning, fast vårdkontakt)',
    paragraphChecked: false,
    read: `${socialstyrelsen}; ${vardhandboken}, "Planering inför patientens utskrivning" and "Fast vårdkontakt i den öppna vården".`,
  },
  /** The inpatient unit keeps the concerned units informed during the stay (update-expected-date.ts). */
  informationDuringStay: {
    cites: 'lag (2017:612), enligt lagens 4 kap. (information under vårdtiden)',
    paragraphChecked: false,
    read: `${socialstyrelsen} (the admission notice carries the expected time of discharge); issue 25's reading for a changed date.`,
  },
  /**
   * The ready-for-discharge notice (utskrivningsklar) to the concerned units as soon as possible after the
   * physician's judgement, and the notice when the patient is no longer ready (readiness.ts).
   */
  readyNotice: {
    cites: 'lag (2017:612), enligt lagens 4 kap. (underrättelse om utskrivningsklar)',
    paragraphChecked: false,
    read: `${vardhandboken}, "Utskrivningsklar".`,
  },
  /**
   * The fasta vårdkontakt calls a SIP within three days of the ready notice when the patient needs both the
   * region and the municipality after discharge (rules.ts sipCallDays, call-sip.ts, flag-sip-not-called.ts).
   */
  sipCall: {
    cites: 'lag (2017:612), enligt lagens 4 kap. (kallelse till samordnad individuell planering)',
    paragraphChecked: false,
    read: `${vardhandboken}, "Utskrivningsklar" and "Fast vårdkontakt i den öppna vården" ("inom tre dagar efter det att underrättelse om att patienten är utskrivningsklar har lämnats").`,
  },
  /** The information reaches the concerned units no later than the discharge day (rules.ts informationOnTime). */
  informationTransfer: {
    cites: 'lag (2017:612), enligt lagens 4 kap. (informationsöverföring vid utskrivning)',
    paragraphChecked: false,
    read: `${vardhandboken}, "Informationsöverföring vid utskrivning" ("senast samma dag som patienten skrivs ut").`,
  },
  /** The summary the patient gets at discharge (discharge-patient.ts, the discharge form). */
  patientSummary: {
    cites: 'patientlagen (2014:821) 3 kap. 2 b §',
    paragraphChecked: true,
    read: 'SFS 2017:615, which inserted 3 kap. 2 b § (lagboken.se).',
  },
  /**
   * The municipality's payment responsibility and the law's own rule where region and municipality have agreed
   * none: three days after the ready notice (payment.ts; the law's row in migration 0019). The rule is data per
   * county with a history (discharge_payment_rules): the county administrator adds the county's own from a day
   * after today (POST /api/discharge/payment-rules), and a day counts at the rule in force then.
   */
  paymentResponsibility: {
    cites: 'lag (2017:612) 5 kap.',
    paragraphChecked: false,
    read: 'Förordningen (2017:617) 1 § and HSLF-FS 2018:67 name 5 kap. 6 § as the payment for a patient ready for discharge, so the payment responsibility is 5 kap.; prop. 2017/18:12 (30 days for psychiatric care during 2018, unless agreed otherwise). The paragraph setting the three days was not read, nor whether they are calendar days (decision 0023).',
  },
  /**
   * The amount per day: Socialstyrelsen's for each year. The amount Sömlös loads (10 500 kr) is a DEMO VALUE,
   * marked `demo_amount` and said on every page that shows it; the county administrator enters the year's amount
   * as the county's own rule (as paymentResponsibility).
   */
  dailyAmount: {
    cites: 'lag (2017:612) 5 kap. 6 §',
    paragraphChecked: true,
    read: 'Förordningen (2017:617) om fastställande av belopp för vård av utskrivningsklara patienter 1 §; HSLF-FS 2018:67 1 § (7 800 kr for 2019). No amount for 2026 was read.',
  },
  /**
   * A municipality that disputes a paid day opens a dispute on the county's ladder: the county agreement's
   * procedure, not the law's (dispute-day.ts, policy.ts).
   */
  disputedDay: {
    cites: 'länets överenskommelse (tvistetrappan), lag (2017:612) 5 kap. för betalningsansvaret',
    paragraphChecked: false,
    read: 'The county agreements as seeded (disputes module); decision 0023.',
  },
} as const satisfies Record<string, LegalBasis>;
