import { addDays } from '../../platform/calendar/working-days.ts';
import { isoDate } from '../../platform/clock.ts';

// The process's deadlines under lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård.
// They are the law's and the same in every county; what a county agrees (the payment rule under 5 kap.,
// legalBasis.paymentResponsibility) is data (discharge_payment_rules). Each cites its entry in legal-basis.ts,
// which says what was read for it: the law's text could be read only in part, so the deadlines below cite the
// law and its chapter as issue 25 gives it ("enligt lagens 4 kap."), not a paragraph.

/**
 * The admission notice goes to the concerned units within 24 hours of the admission: legalBasis.admissionNotice,
 * lag (2017:612), enligt lagens 4 kap. (prop. 2016/17:106: "inom 24 timmar från det att patienten skrivits in i
 * sluten vård").
 */
export const admissionNoticeHours = 24;

/**
 * The fasta vårdkontakt calls the SIP within three days of the ready-for-discharge notice: legalBasis.sipCall,
 * lag (2017:612), enligt lagens 4 kap.
 */
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

/**
 * Information reaches the concerned units no later than the discharge day: legalBasis.informationTransfer, lag
 * (2017:612), enligt lagens 4 kap.
 */
export const informationOnTime = (transferredOn: string, dischargedOn: string) =>
  transferredOn <= dischargedOn;
