import type { VersionStage } from './schema.ts';
import { computeValidity, type Validity } from './validity.ts';

export const agreementStatuses = [
  'draft',
  'consultation',
  'adopted',
  'inForce',
  'terminated',
  'expired',
] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

/** A version's state: its stored stage, then adopted and in force as the parties' decisions and the date say. */
export type VersionState = VersionStage | 'adopted' | 'inForce' | 'superseded';

type VersionFacts = {
  number: number;
  stage: VersionStage;
  startsOn: string | null;
  adoptions: { principalId: string; decidedOn: string }[];
};

/**
 * The day a version comes into force: its start date, but never before the last party has adopted it
 * ("träder i kraft först när alla parter antagit den"). Null while a party has not adopted it.
 */
export function inForceFrom(version: VersionFacts, partyIds: string[]): string | null {
  if (version.stage !== 'decision' || partyIds.length === 0) return null;
  const decided = new Map(version.adoptions.map((a) => [a.principalId, a.decidedOn]));
  if (!partyIds.every((p) => decided.has(p))) return null;
  const last = [...decided.values()].sort().at(-1)!;
  return version.startsOn && version.startsOn > last ? version.startsOn : last;
}

/** The version in force on `today`: the latest that has come into force; later ones supersede earlier ones. */
export function versionInForce<V extends VersionFacts>(versions: V[], partyIds: string[], today: string) {
  return (
    [...versions]
      .sort((a, b) => b.number - a.number)
      .find((v) => {
        const from = inForceFrom(v, partyIds);
        return from !== null && from <= today;
      }) ?? null
  );
}

export function versionState(
  v: VersionFacts,
  partyIds: string[],
  today: string,
  current: number | null,
): VersionState {
  const from = inForceFrom(v, partyIds);
  if (from === null) return v.stage;
  if (from > today) return 'adopted';
  return current === v.number ? 'inForce' : 'superseded';
}

/**
 * The agreement's status (API.md): in force, terminated or expired from the version in force and its terms;
 * before any version is in force, the latest version's state (a version waiting for the parties' decisions
 * still counts as a draft: it is not adopted until every party has adopted it).
 */
export function agreementStatus(
  versions: (VersionFacts & Parameters<typeof computeValidity>[0])[],
  partyIds: string[],
  today: string,
  noticeGivenOn: string | null,
): { status: AgreementStatus; validity: Validity; current: (typeof versions)[number] | null } {
  const inForce = versionInForce(versions, partyIds, today);
  const latest = [...versions].sort((a, b) => b.number - a.number)[0] ?? null;
  const terms = inForce ?? latest;
  const validity = computeValidity(
    terms ?? { startsOn: null, endsOn: null, noticeMonths: null, extensionMonths: null },
    today,
    inForce ? noticeGivenOn : null,
  );
  if (inForce) {
    const ended = validity.currentEndsOn !== null && validity.currentEndsOn < today;
    const status = !ended ? 'inForce' : noticeGivenOn ? 'terminated' : 'expired';
    return { status, validity, current: inForce };
  }
  if (!latest) return { status: 'draft', validity, current: null };
  const state = versionState(latest, partyIds, today, null);
  const status = state === 'adopted' ? 'adopted' : state === 'consultation' ? 'consultation' : 'draft';
  return { status, validity, current: latest };
}
