import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  listOwnData,
  type OwnExportPart,
  readOwnData,
  type SelfGrant,
  type SelfRule,
} from '../../platform/access/person-self.ts';
import type { PersonContext } from '../../platform/http/context.ts';
import { consentChanges } from './change-consent.ts';
import { loadSips, planVersions, type SipAggregate } from './load.ts';
import { sips } from './schema.ts';

// The person's own SIPs (issue 26): every SIP about them, requested, in progress or closed, and no other, read
// through the person's path of the access layer (platform/access/person-self.ts), which logs each read, print and
// export with the person as the one who acted. The SIP's access rule (access-rule.ts) is staff's; the self rule
// here is the person's, and the module's manifest registers it. The my-plans module shows what these give and
// never reads the SIP tables itself.

/** SQL: the SIPs about this person (the self rule, and the lists scoped like it). */
const ownSips = (personId: string) => eq(sips.personId, personId);

/** The person's self rule for a SIP: it is about them. */
export const sipSelfAccessRule: SelfRule = async (tx, personId, sipId) => {
  const [row] = await tx
    .select({ countyCode: sips.countyCode, personName: sips.personName })
    .from(sips)
    .where(and(eq(sips.id, sipId), ownSips(personId)));
  return row ?? null;
};

/** A SIP as the person's pages show it: the SIP, its plan's versions (oldest first), the consent's changes. */
export type OwnSip = {
  sip: SipAggregate;
  versions: Awaited<ReturnType<typeof planVersions>>;
  changes: Awaited<ReturnType<typeof consentChanges>>;
};

async function loadOwnSips(tx: Db, ids: string[]): Promise<OwnSip[]> {
  const loaded = await loadSips(tx, ids);
  const own: OwnSip[] = [];
  for (const sip of loaded)
    own.push({ sip, versions: await planVersions(tx, sip.id), changes: await consentChanges(tx, sip.id) });
  return own;
}

/** The person's SIPs, newest first: who convenes each and how it stands. Each one listed is logged as read. */
export function listOwnSips(ctx: PersonContext) {
  return listOwnData(ctx, 'sip', (tx, personId) =>
    tx
      .select({
        objectId: sips.id,
        countyCode: sips.countyCode,
        personName: sips.personName,
        status: sips.status,
        createdAt: sips.createdAt,
        closedOn: sips.closedOn,
        conveningUnitId: sips.conveningUnitId,
      })
      .from(sips)
      .where(ownSips(personId))
      .orderBy(desc(sips.createdAt), desc(sips.id)),
  );
}

/**
 * One of the person's SIPs, read (or printed: `action`) through their self rule, and shown by `present` in the
 * same transaction; anyone else's SIP, like one that does not exist, is 404.
 */
export function readOwnSip<T>(
  ctx: PersonContext,
  sipId: string,
  present: (tx: Db, own: OwnSip, grant: SelfGrant) => Promise<T>,
  opts: { action?: 'read' | 'print' } = {},
): Promise<T> {
  return readOwnData(
    ctx,
    { type: 'sip', id: sipId },
    async (tx, grant) => {
      const [own] = await loadOwnSips(tx, [sipId]);
      return present(tx, own!, grant);
    },
    opts,
  );
}

/**
 * The person's SIPs in their download (GDPR art. 15), oldest first, each in full: person-self.ts exportOwnData
 * logs each as exported, with the other kinds of their data and their extract of the access log.
 */
export const ownSipsExport: OwnExportPart<OwnSip[]> = {
  objectType: 'sip',
  scopedQuery: (tx, personId) =>
    tx
      .select({ objectId: sips.id, countyCode: sips.countyCode })
      .from(sips)
      .where(ownSips(personId))
      .orderBy(asc(sips.createdAt), asc(sips.id)),
  load: loadOwnSips,
};

/**
 * Whether Sömlös holds a SIP about the person, for signing in to their own pages. Read WITHOUT any access rule,
 * before the person has a session: it gives a yes or no and nothing else, and nothing is logged or stored.
 */
export async function unscopedPersonHasSip(db: Db, personId: string): Promise<boolean> {
  const [any] = await db.select({ id: sips.id }).from(sips).where(ownSips(personId)).limit(1);
  return any !== undefined;
}
