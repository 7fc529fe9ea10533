import Holidays from 'date-holidays';

/**
 * Swedish working days: not Saturday or Sunday, not a public holiday (helgdag), and not one of the eves that
 * workplaces in Sweden keep closed (midsommarafton, julafton, nyårsafton). date-holidays marks the holidays
 * 'public' and those eves 'bank'; other entries (påskafton, valborgsmässoafton…) are ordinary working days
 * unless they fall on a weekend. Dates are calendar dates in Sweden, 'YYYY-MM-DD'.
 */
const swedish = new Holidays('SE');
const closedTypes = new Set(['public', 'bank']);
const closedByYear = new Map<number, Set<string>>();

function closedDays(year: number): Set<string> {
  let days = closedByYear.get(year);
  if (!days) {
    days = new Set(
      swedish
        .getHolidays(year)
        .filter((h) => closedTypes.has(h.type))
        .map((h) => h.date.slice(0, 10)),
    );
    closedByYear.set(year, days);
  }
  return days;
}

const dayOfWeek = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

export function isWorkingDay(date: string): boolean {
  const weekday = dayOfWeek(date);
  if (weekday === 0 || weekday === 6) return false;
  return !closedDays(Number(date.slice(0, 4))).has(date);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The date that is `count` working days after `date` (the day itself not counted). */
export function addWorkingDays(date: string, count: number): string {
  let day = date;
  for (let left = count; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}
