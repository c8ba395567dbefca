// Whether a local session is still signed in, asked for every access token (bearer or cookie):
// an access token is a JWT that would otherwise stay valid for its whole hour after sign-out,
// refresh-token reuse or account deletion. The answer is remembered in the KV for a minute, so
// a request does not start with a database round trip.
//
// Ending a session stays immediate, on every server: the database is updated first, then the
// session's entry is overwritten with a tombstone that outlives any remembered entry. Entries
// are only ever written with SET NX, so a request that checked the session just before it
// ended cannot put it back over the tombstone. With the KV down, the database decides alone.
// (The same scheme as lib/auth/api-key-cache.ts.)
import "server-only";
import { sessionIsActive } from "@/lib/db/local-accounts";
import { getKv } from "@/lib/kv/get-kv";
import { logger } from "@/lib/observability/logger";

/** How long a signed-in session is remembered. */
export const SESSION_CACHE_TTL_MS = 60_000;
/** Longer than any remembered entry can live. */
const TOMBSTONE_TTL_MS = 5 * SESSION_CACHE_TTL_MS;
const ENDED = "ended";

const cacheKey = (sessionId: string) => `session:${sessionId}`;

export async function isSessionActive({ sessionId, userId }: { sessionId: string; userId: string }): Promise<boolean> {
  const kv = getKv();
  let remembered: unknown = null;
  let kvUp = true;
  try {
    remembered = await kv.get(cacheKey(sessionId));
  } catch {
    kvUp = false;
  }
  if (remembered === ENDED) return false;
  if (remembered && typeof remembered === "object" && (remembered as { userId?: unknown }).userId === userId) return true;
  const active = await sessionIsActive({ sessionId, userId });
  if (active && kvUp) {
    void kv.set(cacheKey(sessionId), { userId }, { ttlMs: SESSION_CACHE_TTL_MS, onlyIfAbsent: true, evictable: true }).catch(() => {});
  }
  return active;
}

/**
 * After sessions were revoked in the database (sign-out, refresh-token reuse, account erasure):
 * makes every server refuse their access tokens now. A KV failure is logged, not thrown: the
 * sign-out itself is done, and a server that cannot write the KV can rarely read it either, in
 * which case it asks the database.
 */
export async function forgetSessions(sessionIds: readonly string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  const kv = getKv();
  try {
    await Promise.all(sessionIds.map((id) => kv.set(cacheKey(id), ENDED, { ttlMs: TOMBSTONE_TTL_MS })));
  } catch (error) {
    logger.error({ err: (error as Error).message, sessions: sessionIds.length }, "ended sessions could not be tombstoned in the KV");
  }
}
