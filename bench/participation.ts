import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../src/db/client.ts';

/**
 * The seeds write the SIP tables in bulk SQL, not through the use cases; where the code keeps who takes part in a
 * SIP in a table of its own (sip_participants, issue 27), they fill it as the use cases' writes would, with the
 * module's own function over every SIP. On a version of the code without the table (the run before the change)
 * there is nothing to do.
 */
export async function refreshParticipation(tx: Db): Promise<void> {
  const [found] = await queryRows<{ present: boolean }>(
    tx,
    sql`select to_regclass('sip_participants') is not null as present`,
  );
  if (!found?.present) return;
  const participation = '../src/modules/sip/participation.ts';
  const { recordAllParticipation } = (await import(participation)) as {
    recordAllParticipation: (tx: Db) => Promise<number>;
  };
  await recordAllParticipation(tx);
}
