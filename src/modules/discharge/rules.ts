import { addDays } from '../../platform/calendar/working-days.ts';
import { isoDate } from '../../platform/clock.ts';

// The process's deadlines under lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård.
// They are the law's and the same in every county; what a county agrees (the payment rule, 5 kap.) is data
// (discharge_payment_rules). docs/decisions/0023-discharge-planning.md gives the reading and says which
// paragraphs were checked against the law's text and which were not: the law's text could be read only in part
// (1 kap. 1–3 §§), so the paragraphs of the 24 hours and the 3 days below are not cited, only the law and the
// government bill (prop. 2016/17:106) that names the 24 hours.

/**
 * The admission notice goes to the concerned units within 24 hours of the admission (the law's underrättelse om
 * inskrivning; prop. 2016/17:106: "inom 24 timmar från det att patienten skrivits in i sluten vård").
 */
export const admissionNoticeHours = 24;

/** The fasta vårdkontakt calls the SIP within three days of the ready-for-discharge notice (issue 25's reading; paragraph not verified). */
export const sipCallDays = 3;

/** The last instant the admission notice is on time. */
export const noticeDueAt = (admittedAt: Date) =>
  new Date(admittedAt.getTime() + admissionNoticeHours * 3600_000);

export const noticeLate = (admittedAt: Date, sentAt: Date) =>
  sentAt.getTime() > noticeDueAt(admittedAt).getTime();

/** The last day to call the SIP: three calendar days after the day of the (first) ready notice. */
export const sipDueOn = (firstNotifiedAt: Date) => addDays(isoDate(firstNotifiedAt), sipCallDays);

export const sipCallLate = (firstNotifiedAt: Date, calledAt: Date) =>
  isoDate(calledAt) > sipDueOn(firstNotifiedAt);

/** Information reaches the concerned units no later than the discharge day. */
export const informationOnTime = (transferredOn: string, dischargedOn: string) =>
  transferredOn <= dischargedOn;
