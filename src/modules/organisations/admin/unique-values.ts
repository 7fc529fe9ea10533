import { type FieldError, unprocessable } from '../../../platform/errors.ts';

// Values only one account (or unit) may hold: a username, an e-mail address, an HSA-id, an identity number's
// hash. Each change checks first and refuses a taken value with a 422 naming the field; two changes at once may
// both pass that check, and then the database's unique constraint refuses the second. That refusal is turned
// into the same 422 here, so a race between two administrators never shows as a server error.

/** The unique constraint an error broke (SQLSTATE 23505), looking through the errors it wraps (Drizzle's). */
export function brokenUniqueConstraint(err: unknown): string | undefined {
  let e = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505') return typeof constraint === 'string' ? constraint : '';
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Runs a change; a unique violation of one of `fields`' constraints becomes a 422 with that field's error, any
 * other error is thrown as it is.
 */
export async function refusingTaken<T>(
  fields: Record<string, FieldError>,
  change: () => Promise<T>,
): Promise<T> {
  try {
    return await change();
  } catch (err) {
    const constraint = brokenUniqueConstraint(err);
    const field = constraint === undefined ? undefined : fields[constraint];
    if (!field) throw err;
    throw unprocessable(`${field.message}.`, [field]);
  }
}
