import { createHmac, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { parseIdentityNumber } from '../people/identity-number.ts';
import { appSecrets } from './schema.ts';

// A staff member's identity number, where the county matches e-ID logins by it (decision 0018), is kept as a
// keyed hash and never in clear: HMAC-SHA-256 of the twelve digits with a secret of its own in app_secrets,
// made at first use and shared by every instance. The same number gives the same hash, so a login finds its
// account and a number given twice is refused; the hash tells nothing without the secret, and a plain SHA-256
// would not do, since every valid number can be hashed and looked up in seconds.

const secretName = 'identity-number-hmac';

/** The HMAC secret, made on first use (every instance then reads the same one). */
async function hmacSecret(db: Db): Promise<string> {
  await db
    .insert(appSecrets)
    .values({ name: secretName, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(appSecrets).where(eq(appSecrets.name, secretName));
  if (!row) throw new Error(`secret ${secretName} missing`);
  return row.value;
}

/**
 * A function hashing identity numbers with this database's secret: a personnummer or samordningsnummer in any
 * form the people module reads (10 or 12 digits, with or without "-" or "+") gives the hash of its twelve
 * digits; anything that is not a valid number (date, Luhn checksum) gives null.
 */
export async function identityNumberHasher(db: Db): Promise<(input: string) => string | null> {
  const secret = await hmacSecret(db);
  return (input) => {
    const parsed = parseIdentityNumber(input);
    return parsed ? createHmac('sha256', secret).update(parsed.normalised).digest('base64url') : null;
  };
}
