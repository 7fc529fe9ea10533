import assert from 'node:assert/strict';
import type { ApiResponse } from './server.ts';

/** The target of a paged list's `Link: <...>; rel="next"` header (API.md "Lists are paged"), or null. */
export function nextLink(res: ApiResponse): string | null {
  const link = res.headers.get('link');
  if (!link) return null;
  const match = /^<([^>]+)>;\s*rel="next"$/.exec(link);
  assert.ok(match, `a Link header with rel="next": ${link}`);
  return match[1]!;
}
