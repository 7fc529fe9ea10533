import type { Db } from '../../db/client.ts';

/** Loads this module's demo data from the seeds; called once, inside the demo data's transaction. */
export async function loadRevisionProjectDemo(_tx: Db): Promise<void> {}
