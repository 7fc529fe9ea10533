import { addDays } from '../../platform/calendar/working-days.ts';
import { isoDate } from '../../platform/clock.ts';

// The process's deadlines under lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård.
// They are the law's and the same in every county; what a county agrees (the payment rule) is data
// (discharge_payment_rules). docs/decisions/0023-discharge-planning.md gives the reading.

/** The admission notice goes to the concerned units within 24 hours of the admission (the law's underrättelse om inskrivning). */
export const admissionNoticeHours = 24;

/** The fasta vårdkontakt calls the SIP within three days of the ready-for-discharge notice. */
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
