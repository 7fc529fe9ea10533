import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { accessLog } from '../../src/platform/access/schema.ts';
import type { TestDatabase } from './database.ts';
import type { ApiResponse } from './server.ts';

/** The target of a paged list's `Link: <...>; rel="next"` header (API.md "Lists are paged"), or null. */
export function nextLink(res: ApiResponse): string | null {
  const link = res.headers.get('link');
  if (!link) return null;
  const match = /^<([^>]+)>;\s*rel="next"$/.exec(link);
  assert.ok(match, `a Link header with rel="next": ${link}`);
  return match[1]!;
}

/**
 * Adds `count` reads of `personId`'s SIP to the access log, one a minute before `now`, copying who read from the
 * person's first row, in one statement: a log long enough to page through without thousands of requests.
 */
export async function addAccessLogReads(
  database: TestDatabase,
  personId: string,
  count: number,
  now: string,
) {
  const [made] = await database.db.select().from(accessLog).where(eq(accessLog.personId, personId));
  assert.ok(made, 'the person has an access-log row to copy');
  await database.db.execute(sql`
    insert into access_log (at, user_id, username, unit_id, principal_id, county_code, action, person_id,
      object_type, object_id)
    select ${now}::timestamptz - n * interval '1 minute', ${made.userId}, ${made.username}, ${made.unitId},
      ${made.principalId}, ${made.countyCode}, 'read', ${personId}, 'sip', 'read-' || n
    from generate_series(1, ${count}) as n`);
}
