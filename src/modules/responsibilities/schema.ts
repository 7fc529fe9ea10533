import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { agreements } from '../agreements/schema.ts';
import { counties } from '../organisations/schema.ts';

export const responsiblePrincipalKinds = ['municipality', 'region', 'shared'] as const;
export type ResponsiblePrincipalKind = (typeof responsiblePrincipalKinds)[number];

/**
 * One row of an agreement's responsibility list (ansvarsfördelning): an area, whose it is (the municipalities,
 * the region, or shared), what it covers and the law it rests on. It guides SIP interventions and disputes.
 */
export const responsibilityRows = pgTable(
  'responsibility_rows',
  {
    id: text().primaryKey(),
    agreementId: text()
      .notNull()
      .references(() => agreements.id),
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    position: integer().notNull(),
    area: text().notNull(),
    principalKind: text({ enum: responsiblePrincipalKinds }).notNull(),
    covers: text().notNull(),
    legalReference: text(),
    // Where in the agreement the row comes from ("Värmland, Ansvarsområden").
    source: text().notNull(),
  },
  (t) => [index().on(t.countyCode, t.principalKind), index().on(t.agreementId, t.position)],
);
