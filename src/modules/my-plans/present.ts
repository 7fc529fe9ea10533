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
  // A stay in inpatient care (the discharge module).
  dischargeStay: {
    read: 'Läste om din tid på sjukhus',
    create: 'Skrev in att du kom till sjukhus',
    update: 'Ändrade uppgifter om din tid på sjukhus',
    print: 'Skrev ut uppgifter om din tid på sjukhus',
    export: 'Laddade ner uppgifter om din tid på sjukhus',
    disclose: 'Delade uppgifter om din tid på sjukhus med andra',
  },
  // Any other kind of object about the person: not a plan.
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

// The plan's content around the plan itself (issue 22): its kind, each intervention's when, status and the
// person's view, the needs assessment, the meetings held and the evaluation at closure, said to the person.

/** The kind of plan (Inera's care-plan type code), as one sentence or two. */
export const planKindText: Record<string, string> = {
  SIP: 'Det här är en SIP. Det är en plan för hur de som ger dig stöd ska arbeta ihop.',
  SPLPTLRV: 'Det här är en plan för din vård enligt LPT eller LRV. Du bor hemma men måste ta emot viss vård.',
  SPU: 'Den här planen gjordes när du skulle skrivas ut från sjukhuset.',
};

export const compulsoryCareText = (law: string) => `Planen gäller också din vård enligt ${law}.`;

/** How an intervention stands. */
export const interventionStatusText: Record<string, string> = {
  planned: 'Har inte börjat än',
  ongoing: 'Pågår',
  ended: 'Är klar',
  cancelled: 'Blir inte av',
};

/** When an intervention runs: "Från 1 december 2026 tills vidare.", "Till 1 mars 2027.", "Tills vidare." */
export function whenText(startsOn: string | null | undefined, endsOn: string | null | undefined): string {
  const to = endsOn ? `till ${dayText(endsOn)}` : 'tills vidare';
  if (startsOn) return `Från ${dayText(startsOn)} ${to}.`;
  return `${to[0]!.toUpperCase()}${to.slice(1)}.`;
}

/** The needs assessment's life areas in plain words; an area without one here keeps the SIP module's label. */
export const lifeAreaText: Record<string, string> = {
  housing: 'Var du bor',
  occupation: 'Vad du gör på dagarna',
  dailyLiving: 'Din vardag',
  socialRelations: 'Familj och vänner',
  health: 'Din hälsa',
  substanceUse: 'Alkohol och droger',
  economy: 'Pengar',
  safety: 'Att känna dig trygg',
};

/** How the person took part in a meeting. */
export const participationText: Record<string, string> = {
  present: 'Du var med på mötet.',
  remote: 'Du var med på video eller telefon.',
  represented: 'Någon annan talade för dig.',
  absent: 'Du var inte med.',
};

/** Were the plan's goals met, as the evaluation at closure says. */
export const goalsMetText: Record<string, string> = {
  fully: 'Ja, helt.',
  partly: 'Delvis.',
  not: 'Nej.',
};

/** The lines of a placement outside the home (plan-content.ts placementOf). */
export const placementText = {
  kind: 'Var du bor',
  startsOn: 'Från',
  goal: 'Målet med boendet',
  followUp: 'Hur det följs upp',
  returnHome: 'Hur du kan flytta hem igen',
  jointPlanning: 'De som planerade det',
  costSplit: 'Vem som betalar',
};

/** A placement outside the home. */
export const placementKindText: Record<string, string> = {
  hvb: 'HVB-hem',
  familyHome: 'Familjehem',
  supportedHousing: 'Stödboende',
  other: 'Annat boende',
};

// The person's stays in inpatient care (the discharge module), said to the person.

/** How a stay stands, with its date: the day the hospital expects, the day they judged, the day of discharge. */
export const stayText = {
  inCare: (expected: string) => `Du är inlagd. Sjukhuset tror att du kan åka hem kring ${expected}.`,
  ready: (since: string) => `Du är klar att skrivas ut. Det bestämdes ${since}.`,
  discharged: (on: string) => `Du skrevs ut ${on}.`,
};

/** How a stay stands, in a word or two (the download). */
export const stayStatusWord: Record<string, string> = {
  inCare: 'inlagd',
  ready: 'klar att skrivas ut',
  discharged: 'utskriven',
};

/** The kind of unit the hospital told of the stay. */
export const concernedText: Record<string, string> = {
  socialServices: 'Socialtjänsten',
  municipalHealthCare: 'Kommunens vård',
  regionalOutpatient: 'Öppen vård i regionen',
};
