import type { ResponsiblePrincipalKind } from './schema.ts';

/** Whose a row is, as the pages say it. */
export const principalKindLabels: Record<ResponsiblePrincipalKind, string> = {
  municipality: 'Kommunen',
  region: 'Regionen',
  shared: 'Gemensamt',
};

/** The principal filter in the address bar, in Swedish, mapped to the stored kinds ('alla' is no filter). */
export const principalFromQuery = {
  kommun: 'municipality',
  region: 'region',
  gemensamt: 'shared',
} as const satisfies Record<string, ResponsiblePrincipalKind>;
export type PrincipalQuery = keyof typeof principalFromQuery | 'alla';

export const principalQueryLabels: Record<PrincipalQuery, string> = {
  alla: 'Alla',
  kommun: 'Kommunen',
  region: 'Regionen',
  gemensamt: 'Gemensamt',
};
