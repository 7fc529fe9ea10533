import { TZDate } from '@date-fns/tz';
import { timeZone } from '../../platform/clock.ts';

// The person's pages speak plain Swedish (issue 26 item 7): dates written out, short sentences, no codes. The
// fixed texts are kept below LIX 40 (lix.ts, lix.test.ts).

const day = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone });
const weekday = new Intl.DateTimeFormat('sv-SE', { weekday: 'long', timeZone });
const time = new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit', timeZone });

/** "7 december 2026" for a date (YYYY-MM-DD) or an instant (its day in Swedish time). */
export function dayText(at: string | Date): string {
  return day.format(typeof at === 'string' ? new Date(`${at}T12:00:00Z`) : at);
}

/** "tisdag 12 januari 2027 klockan 13.00". */
export function meetingText(at: Date): string {
  return `${weekday.format(at)} ${day.format(at)} klockan ${time.format(at).replace(':', '.')}`;
}

/** "7 december 2026 klockan 10.15": when something in the log happened. */
export function momentText(at: Date): string {
  return `${day.format(at)} klockan ${time.format(at).replace(':', '.')}`;
}

/** The instant's day as YYYY-MM-DD in Swedish time. */
export function swedishDay(at: Date): string {
  const d = new TZDate(at, timeZone);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const statusText: Record<string, string> = {
  requested: 'Väntar på ditt samtycke',
  active: 'Pågår',
  closed: 'Avslutad',
};

export const closureText: Record<string, string> = {
  goalsMet: 'Målen är nådda.',
  consentWithdrawn: 'Samtycket togs tillbaka.',
  noConsent: 'Det fanns inget samtycke.',
  moved: 'Du flyttade.',
  deceased: 'Planen avslutades.',
  other: 'Planen avslutades av annat skäl.',
};

export const answerText: Record<string, string> = {
  pending: 'Har inte svarat än',
  accepted: 'Kommer',
  declined: 'Kommer inte',
};

export const externalText: Record<string, string> = {
  forsakringskassan: 'Försäkringskassan',
  arbetsformedlingen: 'Arbetsförmedlingen',
  school: 'Skolan',
  trustee: 'God man eller förvaltare',
  relative: 'Närstående',
  other: 'Någon annan',
};

/** What kind of access a row of the log is, said of the one who did it. */
export const accessText: Record<string, Record<string, string>> = {
  sip: {
    read: 'Läste din plan',
    create: 'Startade din plan',
    update: 'Ändrade i din plan',
    print: 'Skrev ut din plan',
    export: 'Laddade ner uppgifter om dig',
    disclose: 'Delade uppgifter om dig med andra',
  },
  'access-log': {
    read: 'Granskade loggen över vem som läst om dig',
  },
  // Any other kind of object about the person (a stay in inpatient care, dischargeStay, say): not a plan.
  other: {
    read: 'Läste uppgifter om dig',
    create: 'Skrev in uppgifter om dig',
    update: 'Ändrade uppgifter om dig',
    print: 'Skrev ut uppgifter om dig',
    export: 'Laddade ner uppgifter om dig',
    disclose: 'Delade uppgifter om dig med andra',
  },
};

export function accessKindText(objectType: string, action: string): string {
  const kind = accessText[objectType] ?? accessText.other!;
  return kind[action] ?? 'Öppnade uppgifter om dig';
}

/** The kind of access in one word, as the log extract's column shows it (read, change, print, export). */
export const actionWord: Record<string, string> = {
  read: 'Läsning',
  create: 'Ändring',
  update: 'Ändring',
  print: 'Utskrift',
  export: 'Export',
  disclose: 'Utlämning',
};

export const changeText = {
  principalAdded: (principal: string) => `${principal} lades till i samtycket.`,
  principalWithdrawn: (principal: string) => `Samtycket togs tillbaka för ${principal}.`,
  withdrawn: () => 'Hela samtycket togs tillbaka. Planen avslutades.',
  relativesAllowed: () => 'Dina närstående får vara med.',
  relativesRefused: () => 'Dina närstående får inte vara med.',
};

export const actorText = { person: 'Du själv, med e-legitimation', staff: 'Enheten som sammankallar' };
