import type { Role } from '../organisations/schema.ts';
import type { NotificationCategory, NotificationMode } from './schema.ts';

// Every kind of work Sömlös tells of by e-mail: the notices "Mitt arbete" shows and the events that give a unit or
// a body work. Each says what waits in plain Swedish, and nothing about the person: the mail names the kind of
// work, the unit, the deadline and the page behind login.

export type KindSpec = {
  category: NotificationCategory;
  /** Who in the recipient unit hears of it (a body's members always do). */
  roles: readonly Role[];
  /** The subject line and the mail's heading. */
  title: string;
  /** What waits, and what to do. */
  text: string;
  /** How the deadline is introduced, e.g. "Svara senast". */
  deadlineLabel: string | null;
  linkText: string;
};

const sipRoles: readonly Role[] = ['staff', 'manager'];
const workRoles: readonly Role[] = ['staff', 'manager', 'governance', 'agreementAdmin'];

export const kinds = {
  'sip.invitationSent': {
    category: 'sip',
    roles: sipRoles,
    title: 'Ny kallelse till SIP-möte',
    text: 'Er enhet är kallad till ett möte om en samordnad individuell plan (SIP). Svara på kallelsen i Sömlös. Mötet finns i kalenderfilen som följer med brevet.',
    deadlineLabel: 'Svara senast',
    linkText: 'Svara på kallelsen',
  },
  'sip.invitationAnswered': {
    category: 'sip',
    roles: sipRoles,
    title: 'Svar på kallelse till SIP-möte',
    text: 'En enhet har svarat på er kallelse till ett SIP-möte.',
    deadlineLabel: null,
    linkText: 'Öppna SIP:en',
  },
  'sip.invitationReminder': {
    category: 'sip',
    roles: sipRoles,
    title: 'Påminnelse: kallelse till SIP-möte väntar på svar',
    text: 'Er enhet har inte svarat på en kallelse till ett SIP-möte, och sista dagen att svara har passerat.',
    deadlineLabel: 'Skulle ha besvarats senast',
    linkText: 'Svara på kallelsen',
  },
  'sip.invitationUnanswered': {
    category: 'sip',
    roles: sipRoles,
    title: 'Kallelse till SIP-möte har inte besvarats i tid',
    text: 'En enhet som ni har kallat till ett SIP-möte har inte svarat i tid.',
    deadlineLabel: 'Skulle ha besvarats senast',
    linkText: 'Öppna SIP:en',
  },
  'sip.notConvened': {
    category: 'sip',
    roles: sipRoles,
    title: 'Inget SIP-möte har kallats till i tid',
    text: 'Personen har samtyckt till en SIP, men ingen har kallats till ett möte inom länets tidsgräns. Det kan vara en avvikelse i samverkan.',
    deadlineLabel: 'Mötet skulle ha kallats till senast',
    linkText: 'Öppna SIP:en',
  },
  'sip.followUpDue': {
    category: 'sip',
    roles: sipRoles,
    title: 'Uppföljning av SIP är försenad',
    text: 'Er enhet har det övergripande ansvaret för en SIP som skulle ha följts upp.',
    deadlineLabel: 'Uppföljning senast',
    linkText: 'Öppna SIP:en',
  },
  // The person changed their consent on their own pages (issue 26, decision 0022): the convening unit acts on it.
  'sip.consentChangedByPerson': {
    category: 'sip',
    roles: sipRoles,
    title: 'En person har själv ändrat sitt samtycke till en SIP',
    text: 'Personen har ändrat sitt samtycke i Sömlös med e-legitimation. Ändringen gäller redan. Er enhet är sammankallande: se vad som ändrades och vad det betyder för planen.',
    deadlineLabel: null,
    linkText: 'Öppna SIP:en',
  },
  'deviation.reported': {
    category: 'deviations',
    roles: ['manager'],
    title: 'Ny avvikelse att besvara',
    text: 'En avvikelse i samverkan har rapporterats till er huvudman. En chef på er enhet svarar på den.',
    deadlineLabel: 'Svara senast',
    linkText: 'Öppna avvikelsen',
  },
  'deviation.escalated': {
    category: 'deviations',
    roles: workRoles,
    title: 'Avvikelse att besluta om',
    text: 'En avvikelse i samverkan har förts vidare till ert samverkansorgan, som beslutar om den.',
    deadlineLabel: 'Beslut senast',
    linkText: 'Öppna avvikelsen',
  },
  'deviation.overdue': {
    category: 'deviations',
    roles: ['staff', 'manager'],
    title: 'Avvikelse har passerat svarsdagen',
    text: 'En avvikelse som gäller er enhet har inte besvarats eller beslutats i tid.',
    deadlineLabel: 'Skulle ha besvarats senast',
    linkText: 'Öppna avvikelsen',
  },
  'dispute.opened': {
    category: 'disputes',
    roles: ['manager'],
    title: 'Ny tvist där er huvudman är part',
    text: 'En annan huvudman har öppnat en tvist med er huvudman. Parternas chefer för dialogen i Sömlös.',
    deadlineLabel: null,
    linkText: 'Öppna tvisten',
  },
  'dispute.escalated': {
    category: 'disputes',
    roles: workRoles,
    title: 'Tvist att avgöra',
    text: 'En tvist mellan huvudmän har förts vidare till ert samverkansorgan, som avgör den.',
    deadlineLabel: null,
    linkText: 'Öppna tvisten',
  },
  'agreement.noticeDeadline': {
    category: 'agreements',
    roles: ['agreementAdmin'],
    title: 'Sista dagen att säga upp en överenskommelse närmar sig',
    text: 'En överenskommelse som er huvudman är part i förlängs om ingen säger upp den i tid.',
    deadlineLabel: 'Sista dagen att säga upp',
    linkText: 'Öppna överenskommelsen',
  },
  'agreement.followUpDue': {
    category: 'agreements',
    roles: ['agreementAdmin'],
    title: 'Dags att följa upp en lokal överenskommelse',
    text: 'En lokal överenskommelse som er huvudman är part i ska följas upp.',
    deadlineLabel: 'Uppföljning senast',
    linkText: 'Öppna överenskommelsen',
  },
  'actionPlan.actionOverdue': {
    category: 'actionPlans',
    roles: workRoles,
    title: 'Åtgärd i en handlingsplan är försenad',
    text: 'Er enhet ansvarar för en åtgärd i en handlingsplan som inte är klar.',
    deadlineLabel: 'Skulle ha varit klar senast',
    linkText: 'Öppna handlingsplanen',
  },
  'needsInventory.collecting': {
    category: 'needsInventory',
    roles: sipRoles,
    title: 'Behovsinventering: registrera de personer ni känner till',
    text: 'Er enhet deltar i länets behovsinventering. Registrera de personer ni känner till. Registreringen har inga namn och inga personnummer.',
    deadlineLabel: 'Registrera senast',
    linkText: 'Öppna inventeringen',
  },
  'needsInventory.closing': {
    category: 'needsInventory',
    roles: sipRoles,
    title: 'Behovsinventeringen stänger om en vecka',
    text: 'Registrera de personer som er enhet känner till och som inte är med än.',
    deadlineLabel: 'Registreringen stänger',
    linkText: 'Öppna inventeringen',
  },
  'needsInventory.nextDue': {
    category: 'needsInventory',
    roles: ['governance', 'agreementAdmin'],
    title: 'Dags att planera nästa behovsinventering',
    text: 'Länets senaste behovsinventering redovisades för tre år sedan. Nästa bör göras vart tredje till fjärde år.',
    deadlineLabel: null,
    linkText: 'Öppna inventeringen',
  },
} as const satisfies Record<string, KindSpec>;

export type NotificationKind = keyof typeof kinds;
export const isNotificationKind = (kind: string): kind is NotificationKind => kind in kinds;

/** The categories as a user chooses them, in the order the settings page shows them. */
export const categoryLabels: Record<NotificationCategory, string> = {
  sip: 'SIP: kallelser, svar, påminnelser, uppföljningar och ändrade samtycken',
  deviations: 'Avvikelser',
  disputes: 'Tvister',
  agreements: 'Överenskommelser: uppsägning och uppföljning',
  actionPlans: 'Handlingsplaner',
  needsInventory: 'Behovsinventeringar',
};

/** The same, as the object of "e-post om …" in an unsubscribe link. */
export const categoryNouns: Record<NotificationCategory, string> = {
  sip: 'SIP',
  deviations: 'avvikelser',
  disputes: 'tvister',
  agreements: 'överenskommelser',
  actionPlans: 'handlingsplaner',
  needsInventory: 'behovsinventeringar',
};

export const modeLabels: Record<NotificationMode, string> = {
  immediate: 'Ett brev direkt för varje ny uppgift',
  digest: 'En sammanfattning om dagen',
  none: 'Ingen e-post',
};

/** Without a county's default: no mail until the county's administrator or the user chooses. */
export const builtInDefault = { mode: 'none' as NotificationMode, digestHour: 7 };
