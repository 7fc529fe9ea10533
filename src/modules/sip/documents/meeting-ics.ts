import { createEvent, type EventAttributes } from 'ics';

export type MeetingCalendarEntry = {
  uid: string;
  start: Date;
  durationMinutes: number;
  title: string;
  location: string | null;
  videoLink: string | null;
  organiserUnitName: string;
  description: string;
};

/**
 * One SIP meeting as an iCalendar file. Calendars are shared and synced to phones, so everything in it
 * comes from the caller, who keeps the person's name out of title and description.
 */
export function meetingIcs(m: MeetingCalendarEntry): string {
  // ics writes an invalid "DURATION:PT" for 0 and accepts negative minutes, so those are refused here.
  if (!Number.isInteger(m.durationMinutes) || m.durationMinutes <= 0) {
    throw new RangeError(`Mötets längd måste vara ett positivt antal minuter, inte ${m.durationMinutes}.`);
  }
  const { error, value } = createEvent(attributes(m));
  // ics's validation error carries the whole event in its value; only the message is passed on, so a
  // logged error holds no meeting details.
  if (error) throw new Error(`Kalenderfilen kunde inte skapas: ${error.message}`);
  if (!value) throw new Error('Kalenderfilen kunde inte skapas.');
  return value;
}

function attributes(m: MeetingCalendarEntry): EventAttributes {
  return {
    productId: '-//Sömlös//SIP//SV',
    // A downloaded file, not an iTIP invitation: with METHOD:PUBLISH an ORGANIZER with an e-mail address
    // would be required, and a unit has none to give.
    method: undefined,
    uid: m.uid, // stable, so importing an updated file replaces the event instead of adding a copy
    // UTC in and out: the instant is the same wherever the file is opened and whatever the server's TZ.
    start: m.start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: m.durationMinutes },
    title: m.title,
    description: `${m.description}\n\nSammankallande enhet: ${m.organiserUnitName}`,
    location: m.location ?? m.videoLink ?? undefined,
    url: m.videoLink ?? undefined,
  };
}
