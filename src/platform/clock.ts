import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

export const timeZone = 'Europe/Stockholm';

/** A date as YYYY-MM-DD in Swedish time: the only way dates are shown and exchanged. */
export function isoDate(at: Date): string {
  return format(new TZDate(at, timeZone), 'yyyy-MM-dd');
}

/** Date and time as YYYY-MM-DD HH:mm in Swedish time, for pages. */
export function isoDateTime(at: Date): string {
  return format(new TZDate(at, timeZone), 'yyyy-MM-dd HH:mm');
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
