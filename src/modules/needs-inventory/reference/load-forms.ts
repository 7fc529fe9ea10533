import type { Db } from '../../../db/client.ts';
import { needsInventoryForms } from '../schema.ts';
import { inventoryForms } from './forms.ts';

/** Puts the inventory forms in place; a form that is there is never changed (rounds were answered with it). */
export async function loadInventoryForms(db: Db): Promise<void> {
  await db.insert(needsInventoryForms).values(inventoryForms).onConflictDoNothing();
}
