import { isoDate, isoDateTime } from '../clock.ts';

const kindLabels: Record<string, string> = {
  region: 'Region',
  municipality: 'Kommun',
  userOrganisation: 'Brukarorganisation',
  privateProvider: 'Privat vårdgivare på uppdrag',
};

const roleLabels: Record<string, string> = {
  staff: 'Medarbetare',
  manager: 'Chef',
  governance: 'Ledamot i samverkansorgan',
  agreementAdmin: 'Administratör för överenskommelser',
  logReviewer: 'Loggranskare',
  countyAdmin: 'Länsadministratör',
};

const bodyKindLabels: Record<string, string> = {
  steeringGroup: 'Styrgrupp',
  workingGroup: 'Arbetsgrupp',
  preparationGroup: 'Beredningsgrupp',
  managementGroup: 'Chefsgrupp',
  politicalCouncil: 'Politiskt råd',
  network: 'Nätverk',
  developmentGroup: 'Utvecklingsgrupp',
  committee: 'Nämnd',
  followUpGroup: 'Uppföljningsgrupp',
};

const sipStatusLabels: Record<string, [string, string]> = {
  requested: ['Väntar på samtycke', 'govuk-tag--yellow'],
  active: ['Pågående', 'govuk-tag--green'],
  closed: ['Avslutad', 'govuk-tag--grey'],
};
const invitationStatusLabels: Record<string, [string, string]> = {
  pending: ['Väntar på svar', 'govuk-tag--yellow'],
  accepted: ['Deltar', 'govuk-tag--green'],
  declined: ['Tackat nej', 'govuk-tag--red'],
};
const closureReasonLabels: Record<string, string> = {
  goalsMet: 'målen är uppnådda',
  consentWithdrawn: 'samtycket återkallades',
  noConsent: 'samtycke saknas',
  moved: 'personen har flyttat',
  deceased: 'personen har avlidit',
  other: 'annat skäl',
};

/** Swedish labels for the SIP's codes, also used to build the forms' choices. */
export const sipLabels = {
  requester: {
    staff: 'Personal',
    person: 'Personen själv',
    relative: 'Närstående',
    guardian: 'Vårdnadshavare',
    trustee: 'God man eller förvaltare',
  } as Record<string, string>,
  decisionParticipant: {
    person: 'Personen själv',
    relative: 'Närstående',
    guardian: 'Vårdnadshavare',
    trustee: 'God man eller förvaltare',
    staff: 'Personal',
  } as Record<string, string>,
  externalParticipant: {
    forsakringskassan: 'Försäkringskassan',
    arbetsformedlingen: 'Arbetsförmedlingen',
    school: 'Skola',
    trustee: 'God man eller förvaltare',
    relative: 'Närstående',
    other: 'Annan',
  } as Record<string, string>,
  outcome: { done: 'Genomförd', ongoing: 'Pågår', notDone: 'Inte genomförd' } as Record<string, string>,
  compulsoryCare: {
    LPT: 'Öppen psykiatrisk tvångsvård enligt lagen (1991:1128) om psykiatrisk tvångsvård, LPT',
    LRV: 'Öppen rättspsykiatrisk vård enligt lagen (1991:1129) om rättspsykiatrisk vård, LRV',
  } as Record<string, string>,
  // Inera's care-plan type codes.
  planKind: {
    SIP: 'Samordnad individuell plan (SIP)',
    SPLPTLRV:
      'Samordnad vårdplan vid öppen psykiatrisk tvångsvård eller öppen rättspsykiatrisk vård (LPT/LRV)',
    SPU: 'Samordnad plan vid utskrivning från sluten vård (SPU)',
  } as Record<string, string>,
  interventionStatus: {
    planned: 'Planerad',
    ongoing: 'Pågår',
    ended: 'Avslutad',
    cancelled: 'Inställd',
  } as Record<string, string>,
  goalsMet: { fully: 'Helt', partly: 'Delvis', not: 'Inte' } as Record<string, string>,
  personsParticipation: {
    present: 'Deltog på mötet',
    remote: 'Deltog på distans (video eller telefon)',
    represented: 'Företräddes av någon annan',
    absent: 'Deltog inte',
  } as Record<string, string>,
  meetingParticipantKind: {
    unit: 'Enhet',
    relative: 'Närstående',
    external: 'Extern part',
  } as Record<string, string>,
};

/** Swedish labels for deviations' and disputes' codes; the status pairs give the tag's class too. */
export const caseLabels = {
  deviationStatus: {
    reported: ['Väntar på svar', 'govuk-tag--blue'],
    answered: ['Besvarad', 'govuk-tag--green'],
    escalated: ['Förd vidare', 'govuk-tag--orange'],
    closed: ['Avslutad', 'govuk-tag--grey'],
  } as Record<string, [string, string]>,
  disputeStatus: {
    open: ['Dialog mellan chefer', 'govuk-tag--blue'],
    escalated: ['Förd vidare', 'govuk-tag--orange'],
    decided: ['Avgjord', 'govuk-tag--grey'],
  } as Record<string, [string, string]>,
  disputeKind: {
    interpretation: 'Tolkning av överenskommelsen',
    individualCase: 'Kostnad eller ansvar i ett enskilt ärende',
  } as Record<string, string>,
  deviationOutcome: {
    measuresTaken: 'Åtgärder vidtagna',
    routineClarified: 'Rutin förtydligad eller ändrad',
    noMeasureNeeded: 'Ingen åtgärd behövs',
    referredToActionPlan: 'Förs till handlingsplan',
  } as Record<string, string>,
};

/** Nunjucks filters: the only place dates and codes become Swedish text. Templates do no other formatting. */
export const filters = {
  isoDate: (v: Date | string | null | undefined) => (v ? isoDate(new Date(v)) : ''),
  isoDateTime: (v: Date | string | null | undefined) => (v ? isoDateTime(new Date(v)) : ''),
  principalKind: (k: string) => kindLabels[k] ?? k,
  role: (r: string) => roleLabels[r] ?? r,
  bodyKind: (k: string) => bodyKindLabels[k] ?? k,
  sipStatus: (s: string) => sipStatusLabels[s]?.[0] ?? s,
  sipStatusClass: (s: string) => sipStatusLabels[s]?.[1] ?? '',
  invitationStatus: (s: string) => invitationStatusLabels[s]?.[0] ?? s,
  invitationStatusClass: (s: string) => invitationStatusLabels[s]?.[1] ?? '',
  closureReason: (r: string) => closureReasonLabels[r] ?? r,
  requester: (r: string) => sipLabels.requester[r] ?? r,
  decisionParticipant: (p: string) => sipLabels.decisionParticipant[p] ?? p,
  externalParticipant: (k: string) => sipLabels.externalParticipant[k] ?? k,
  outcome: (o: string) => sipLabels.outcome[o] ?? o,
  compulsoryCare: (law: string) => sipLabels.compulsoryCare[law] ?? law,
  planKind: (k: string) => sipLabels.planKind[k] ?? k,
  interventionStatus: (s: string) => sipLabels.interventionStatus[s] ?? s,
  goalsMet: (g: string) => sipLabels.goalsMet[g] ?? g,
  personsParticipation: (p: string) => sipLabels.personsParticipation[p] ?? p,
  deviationStatus: (s: string) => caseLabels.deviationStatus[s]?.[0] ?? s,
  deviationStatusClass: (s: string) => caseLabels.deviationStatus[s]?.[1] ?? '',
  deviationOutcome: (o: string) => caseLabels.deviationOutcome[o] ?? o,
  disputeStatus: (s: string) => caseLabels.disputeStatus[s]?.[0] ?? s,
  disputeStatusClass: (s: string) => caseLabels.disputeStatus[s]?.[1] ?? '',
  disputeKind: (k: string) => caseLabels.disputeKind[k] ?? k,
  targetGroup: (minAge: number | null) => (minAge === null ? 'Alla åldrar' : `Från ${minAge} år`),
};
