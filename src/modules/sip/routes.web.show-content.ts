import { sipLabels } from './labels.ts';
import { lifeAreaLabel } from './life-areas.ts';
import type { SipJson } from './present.ts';

// What the SIP's own page shows of the content around the plan (issue 22): the plan's kind, the needs
// assessments, the meetings as held and the evaluation at closure; and the banner after each step.

const banners: Record<string, string> = {
  startad: 'SIP:en är startad. Registrera personens samtycke innan du kallar andra.',
  samtycke: 'Samtycket är registrerat.',
  'samtycke-andrat': 'Ändringen av samtycket är registrerad och gäller från och med nu.',
  kallelse: 'Kallelsen är skickad.',
  svar: 'Ert svar på kallelsen är skickat.',
  kartlaggning: 'Kartläggningen är sparad.',
  mote: 'Mötet är registrerat.',
  plan: 'Planen är sparad som en ny version.',
  uppfoljning: 'Uppföljningen är registrerad.',
  avslutad: 'SIP:en är avslutad.',
  aterkallat: 'Att samtycket har återkallats är registrerat. SIP:en är avslutad.',
};

export const sipBanner = (code: string | undefined) => (code ? (banners[code] ?? null) : null);

type Names = { unitWithPrincipal: (id: string) => string };

export function sipContentModel(sip: SipJson, names: Names) {
  return {
    planKindName: sipLabels.planKind[sip.planKind] ?? sip.planKind,
    chiefPhysicianUnitName: sip.chiefPhysicianUnitId
      ? names.unitWithPrincipal(sip.chiefPhysicianUnitId)
      : null,
    assessments: sip.assessments.map((a) => ({
      unitName: names.unitWithPrincipal(a.unitId),
      recordedAt: a.recordedAt,
      areas: a.areas.map((area) => ({ ...area, label: lifeAreaLabel(area.area) })),
    })),
    meetings: sip.meetings.map((m) => ({
      ...m,
      participation: sipLabels.personsParticipation[m.personsParticipation],
      attended: m.participants.filter((p) => p.attended).map((p) => participantText(p, names)),
      absent: m.participants.filter((p) => !p.attended).map((p) => participantText(p, names)),
    })),
    evaluation: sip.closure?.evaluation
      ? {
          goalsMet: sipLabels.goalsMet[sip.closure.evaluation.goalsMet],
          personsView: sip.closure.evaluation.personsView,
        }
      : null,
  };
}

function participantText(p: SipJson['meetings'][number]['participants'][number], names: Names) {
  const who = p.unitId
    ? names.unitWithPrincipal(p.unitId)
    : `${p.name} (${sipLabels.meetingParticipantKind[p.kind]?.toLocaleLowerCase('sv')})`;
  return `${who}: ${p.role}`;
}
