import { addDays, isWorkingDay } from '../../platform/calendar/working-days.ts';
import { isoDate } from '../../platform/clock.ts';

// The living demo's chance: a seeded generator (mulberry32), so the same seed and "now" give the same demo, and
// the invented people it plans for.

/** mulberry32: a 32-bit seeded generator, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = {
  /** An integer from min to max, both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  /** n different items of the list, in the list's order. */
  some<T>(list: readonly T[], n: number): T[];
};

export function rng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    int,
    chance: (p) => next() < p,
    pick: (list) => list[int(0, list.length - 1)]!,
    some: (list, n) => {
      const chosen = new Set<number>();
      while (chosen.size < Math.min(n, list.length)) chosen.add(int(0, list.length - 1));
      return list.filter((_, i) => chosen.has(i));
    },
  };
}

/** A seed from a text (a county's code), so each county draws from its own sequence. */
export function seedOf(text: string, base: number): number {
  let h = base >>> 0;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0;
  return h;
}

/** The Luhn check digit of nine digits (YYMMDDNNN). */
function luhnDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < nine.length; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * An invented personnummer (YYYYMMDD-NNNC) of an adult born 1950–2000. The birth number is taken from 980–999,
 * the range Skatteverket keeps for test persons, so no real person has it; C is the Luhn check digit.
 */
export function inventedIdentityNumber(r: Rng): string {
  const born = addDays('1950-01-01', r.int(0, 365 * 50 + 11));
  const birthNumber = String(r.int(980, 999));
  const digits = `${born.slice(2).replaceAll('-', '')}${birthNumber}`;
  return `${born.replaceAll('-', '')}-${birthNumber}${luhnDigit(digits)}`;
}

// biome-ignore format: a list of names
const givenNames = [
  'Agnes', 'Alva', 'Amir', 'Ann-Sofie', 'Bengt', 'Birgitta', 'Dan', 'Ebba', 'Elias', 'Fatima', 'Frida',
  'Gunnar', 'Hassan', 'Helena', 'Ingrid', 'Jakob', 'Jenny', 'Kent', 'Leila', 'Linnea', 'Magnus', 'Malin',
  'Marcus', 'Mona', 'Nadia', 'Oskar', 'Petra', 'Rasmus', 'Rut', 'Samir', 'Siv', 'Stina', 'Tobias', 'Ulla',
  'Viktor', 'Yusuf',
];
// biome-ignore format: a list of names
const familyNames = [
  'Ahlgren', 'Backman', 'Bergqvist', 'Dahlin', 'Ek', 'Forsberg', 'Hedlund', 'Isaksson', 'Jansson', 'Kjellberg',
  'Lund', 'Lundin', 'Mattsson', 'Nordin', 'Nyström', 'Palm', 'Rosén', 'Sandberg', 'Sjöberg', 'Strand',
  'Söderlund', 'Wallin', 'Viklund', 'Åberg',
];

/** An invented name (the demo says everywhere that its people are invented). */
export const inventedName = (r: Rng) => `${r.pick(givenNames)} ${r.pick(familyNames)}`;

/** The day `days` after an instant's day (Swedish time), as YYYY-MM-DD. */
export const dayAfter = (at: Date, days: number) => addDays(isoDate(at), days);

/**
 * An instant on a day at a Swedish office hour. Days are YYYY-MM-DD; the hour is taken as UTC + 1, which is a
 * working hour in summer time too.
 */
export function atHour(day: string, hour: number, minute = 0): Date {
  return new Date(`${day}T${String(hour - 1).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
}

/** Days from a to b (YYYY-MM-DD). */
export const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** The day itself if it is a Swedish working day, else the next one: meetings and most work fall on those. */
export function workday(day: string): string {
  let d = day;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}
