// Who may be served a cached answer.
//
// DECISION: cache entries are never shared between users. Every key includes a scope of
// `user:<id>`, so an answer cached for one user is only ever replayed to that same user.
// Why: an answer echoes the data it was asked about (cell values, names, totals), and two users
// sending byte-identical selections is exactly the case where the second must not learn that the
// first had the same data, or see their conversation. A shared cache would also let anyone probe
// whether a given spreadsheet had been asked about before, by timing or by the `cached` flag.
// The cost is a lower hit rate, which is acceptable: the cache exists for repeated questions
// by the same person (re-asking, reloading the task pane, retrying after a disconnect).
//
// Guests are not cached at all (cacheScopeFor returns null): they are identified only by IP,
// and several people share an IP behind a NAT or a proxy.
//
// Entries expire after 7 days, and a deleted account's id is never reused, so its entries are
// unreachable from the moment it is deleted and gone from the KV within the TTL.
import type { Principal } from "@/lib/auth/principal";

export type CacheScope = `user:${string}`;

/** The cache scope for a caller, or null when their answers must not be cached (guests). */
export function cacheScopeFor(principal: Principal): CacheScope | null {
  return principal.kind === "user" ? userCacheScope(principal.userId) : null;
}

export function userCacheScope(userId: string): CacheScope {
  if (!userId || /[\s:]/.test(userId)) throw new TypeError(`cache scope: invalid user id ${JSON.stringify(userId)}`);
  return `user:${userId}`;
}

export function isCacheScope(value: unknown): value is CacheScope {
  return typeof value === "string" && /^user:[^\s:]+$/.test(value);
}
