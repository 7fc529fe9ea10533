import type { SectionChangeKind } from './compare-sections.ts';
import type { AgreementKind } from './schema.ts';
import type { AgreementStatus, VersionState } from './status.ts';

// The agreement pages' Swedish words for the module's codes; each status pair gives the tag's class too.

export type Tag = { text: string; classes: string };

const statusTags: Record<AgreementStatus, Tag> = {
  draft: { text: 'Utkast', classes: 'govuk-tag--grey' },
  consultation: { text: 'På remiss', classes: 'govuk-tag--blue' },
  adopted: { text: 'Antagen', classes: 'govuk-tag--turquoise' },
  inForce: { text: 'Gäller', classes: 'govuk-tag--green' },
  terminated: { text: 'Uppsagd', classes: 'govuk-tag--orange' },
  expired: { text: 'Upphört', classes: 'govuk-tag--grey' },
};

const versionTags: Record<VersionState, Tag> = {
  draft: { text: 'Utkast', classes: 'govuk-tag--grey' },
  consultation: { text: 'På remiss', classes: 'govuk-tag--blue' },
  decision: { text: 'Skickad för beslut', classes: 'govuk-tag--yellow' },
  adopted: { text: 'Antagen', classes: 'govuk-tag--turquoise' },
  inForce: { text: 'Gäller', classes: 'govuk-tag--green' },
  superseded: { text: 'Ersatt', classes: 'govuk-tag--grey' },
};

const kindLabels: Record<AgreementKind, string> = {
  county: 'Länsövergripande överenskommelse',
  local: 'Lokal överenskommelse',
  related: 'Relaterad överenskommelse',
};

const changeTags: Record<SectionChangeKind, Tag> = {
  added: { text: 'Tillagt avsnitt', classes: 'govuk-tag--green' },
  removed: { text: 'Borttaget avsnitt', classes: 'govuk-tag--red' },
  changed: { text: 'Ändrat avsnitt', classes: 'govuk-tag--orange' },
  unchanged: { text: 'Oförändrat', classes: 'govuk-tag--grey' },
};

export const statusTag = (s: AgreementStatus): Tag => statusTags[s];
export const versionTag = (s: VersionState): Tag => versionTags[s];
export const kindLabel = (k: AgreementKind): string => kindLabels[k];
export const changeTag = (c: SectionChangeKind): Tag => changeTags[c];

/** "12 månader", "1 månad". */
export const months = (n: number | null) => (n === null ? null : `${n} ${n === 1 ? 'månad' : 'månader'}`);

/** The comparison's summary: "3 avsnitt ändrade, 1 tillagt, 0 borttagna". */
export function changeSummary(counts: { changed: number; added: number; removed: number }): string {
  const { changed, added, removed } = counts;
  return [
    `${changed} avsnitt ${changed === 1 ? 'ändrat' : 'ändrade'}`,
    `${added} ${added === 1 ? 'tillagt' : 'tillagda'}`,
    `${removed} ${removed === 1 ? 'borttaget' : 'borttagna'}`,
  ].join(', ');
}

/**
 * What a page says after a form was sent (POST, redirect, GET): the redirect names the outcome by a code in
 * `?klart=`, never by text, so a link cannot make the page say something else.
 */
const doneMessages: Record<string, string> = {
  utkast: 'Ett nytt utkast är skapat från den senaste versionen. Ändra det här och skicka det sedan vidare.',
  villkor: 'Villkoren är sparade.',
  avsnitt: 'Avsnittet är sparat.',
  'nytt-avsnitt': 'Avsnittet är tillagt.',
  'avsnitt-borttaget': 'Avsnittet är borttaget.',
  remiss:
    'Versionen är skickad på remiss. De inbjudna organisationerna kan lämna synpunkter till sista dagen.',
  synpunkt: 'Din synpunkt är lämnad.',
  svar: 'Svaret är sparat.',
  beslut: 'Versionen är skickad till parterna för beslut.',
  antagande: 'Partens beslut är registrerat.',
  uppsagd: 'Uppsägningen är registrerad.',
  uppfoljning: 'Uppföljningen är registrerad.',
  lokal: 'Den lokala överenskommelsen är skapad som utkast med länets mallrubriker.',
};

export const doneMessage = (code: unknown): string | null =>
  typeof code === 'string' ? (doneMessages[code] ?? null) : null;
