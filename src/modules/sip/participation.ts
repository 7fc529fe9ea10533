import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { sipConsentPrincipals, sipConsents, sipInvitations, sipParticipants, sips } from './schema.ts';

// Who takes part in a SIP, kept in sip_participants (schema.ts) so that the access rule and the lists are indexed
// lookups instead of four EXISTS over every SIP (issue 27, docs/decisions/0024). The table is derived: this file
// is the only one that writes it, from the invitations and the consent as they are now in the transaction.
//
// Call recordParticipation(tx, sipId) in the transaction of every change to a SIP's invitations (sent, answered,
// handed to a successor unit) or consent (recorded, withdrawn for all or for one principal, a principal added):
// after the change, before the transaction ends. The plan grants nothing (access-rule.ts), so saving a plan need
// not call it. The authorization matrix and test/api/sip-participation.test.ts check the rule's answers.

/**
 * The rows the access rule reads, as SQL over the SIPs `where` picks (one SIP, some, or all of them): each unit
 * that takes part (an accepted or pending invitation, no decline sent after it: its newest answered invitation
 * decides), times each principal the consent covers while it is in force. This is access-rule.ts's rule before
 * issue 27, written once as a set.
 */
function participationRows(where: SQL): SQL {
  return sql`
    select distinct i.sip_id, i.unit_id, cp.principal_id
    from ${sipInvitations} i
    join ${sipConsents} c on c.sip_id = i.sip_id and c.withdrawn_on is null
    join ${sipConsentPrincipals} cp on cp.sip_id = i.sip_id
    where ${where} and i.status in ('accepted', 'pending')
      and not exists (select 1 from ${sipInvitations} d where d.sip_id = i.sip_id and d.unit_id = i.unit_id
                      and d.status = 'declined' and d.seq > i.seq)`;
}

/**
 * Writes who takes part in these SIPs as their invitations and consent now say, replacing what was there. Locks the
 * SIPs' rows first, so two changes to one SIP at once (two invitations answered together) write one after the
 * other, each reading what the other committed.
 */
export async function recordParticipation(tx: Db, sipIds: string | readonly string[]): Promise<void> {
  const ids = [...new Set(typeof sipIds === 'string' ? [sipIds] : sipIds)].sort();
  if (ids.length === 0) return;
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  await tx.execute(sql`select 1 from ${sips} where ${sips.id} in (${list}) order by ${sips.id} for update`);
  await tx.execute(sql`delete from ${sipParticipants} where ${sipParticipants.sipId} in (${list})`);
  await tx.execute(sql`
    insert into ${sipParticipants} (sip_id, unit_id, principal_id)
    ${participationRows(sql`i.sip_id in (${list})`)}`);
}

/**
 * Every SIP's participation written anew: what migration 0023 does once for the SIPs that existed before it, and
 * what the benchmark's bulk seeds do after writing SIP tables directly. Returns the rows written.
 */
export async function recordAllParticipation(tx: Db): Promise<number> {
  await tx.execute(sql`delete from ${sipParticipants}`);
  await tx.execute(
    sql`insert into ${sipParticipants} (sip_id, unit_id, principal_id) ${participationRows(sql`true`)}`,
  );
  const [counted] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from ${sipParticipants}`,
  );
  return counted?.n ?? 0;
}
