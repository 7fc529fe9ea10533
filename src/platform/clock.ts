import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

export const timeZone = 'Europe/Stockholm';

/** A date as YYYY-MM-DD in Swedish time: the only way dates are shown and exchanged. */
export function isoDate(at: Date): string {
  return inSwedishTime(at).slice(0, 10);
}

/** Date and time as YYYY-MM-DD HH:mm in Swedish time, for pages. */
export function isoDateTime(at: Date): string {
  const local = inSwedishTime(at);
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

// Formatting through the time-zone database on every call was a few per cent of a list page's CPU (issue 27,
// docs/bench/profile-before.md): 25 SIPs have a hundred dates. Sweden's offset from UTC changes only on the hour
// (CET, CEST), so it is looked up once per hour of UTC and kept; the time zone database still decides it.
const offsetByHour = new Map<number, number>();

/** The instant as an ISO string of Swedish local time ("2026-03-29T03:00:00.000Z" read as local, not UTC). */
function inSwedishTime(at: Date): string {
  const ms = at.getTime();
  if (Number.isNaN(ms)) return format(at, 'yyyy-MM-dd'); // throws "Invalid time value", as before
  const hour = Math.floor(ms / 3_600_000);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = -new TZDate(hour * 3_600_000, timeZone).getTimezoneOffset() * 60_000;
    if (offsetByHour.size >= 100_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return new Date(ms + offset).toISOString();
}

/** A source of the current time: the real one in production, a fixed one in every test. */
export type Clock = () => Date;

/** The real time: main.ts gives it to the app and the scheduled work. Nothing else reads it. */
export const wallClock: Clock = () => new Date();

/** A clock that stands still at one instant (tests). */
export const fixedClock =
  (at: string): Clock =>
  () =>
    new Date(at);

/**
 * Reads a test clock from the X-Somlos-Now header when allowed by configuration (tests only); otherwise the
 * app's clock. Use cases never call new Date() themselves: they take ctx.now.
 */
export function requestNow(
  header: string | string[] | undefined,
  allowOverride: boolean,
  clock: Clock,
): Date {
  if (allowOverride && typeof header === 'string') {
    const at = new Date(header);
    if (!Number.isNaN(at.getTime())) return at;
  }
  return clock();
}
