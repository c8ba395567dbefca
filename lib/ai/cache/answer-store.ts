// Reading and writing cached answers in the KV. The cache is an optimisation, never a
// dependency: when the KV is down (or returns something unreadable) a read is a miss and a write
// is skipped with a log line, so a cache failure can never fail or delay a chat request beyond
// the adapter's own fail-fast timeout.
import "server-only";
import { getKv } from "@/lib/kv/get-kv";
import type { Kv } from "@/lib/kv/kv";
import { logger } from "@/lib/observability/logger";
import { CACHE_KEY_PREFIX } from "./compute-cache-key";
import { CACHE_TTL_MS, parseCachedAnswer, toCachedAnswer, type AnswerInput, type CachedAnswer } from "./cached-answer";

/** The cached answer for `key`, or null on a miss, an unreadable entry or a KV failure. */
export async function getCachedAnswer({ key, kv }: { key: string; kv?: Kv }): Promise<CachedAnswer | null> {
  checkKey(key);
  try {
    const stored = await (kv ?? getKv()).get(key);
    if (stored === null) return null;
    const answer = parseCachedAnswer(stored);
    if (!answer) logger.warn({ cacheKey: redactKey(key) }, "ai cache entry unreadable; treated as a miss");
    return answer;
  } catch (error) {
    logger.warn({ cacheKey: redactKey(key), err: errorMessage(error) }, "ai cache read failed; treated as a miss");
    return null;
  }
}

/**
 * Stores a finished answer for 7 days (best-effort). Returns true when stored; false when the
 * answer is not cacheable (incomplete tool calls, empty, too large) or the KV failed.
 */
export async function putCachedAnswer({
  key,
  answer,
  kv,
  ttlMs = CACHE_TTL_MS,
}: {
  key: string;
  answer: AnswerInput | CachedAnswer;
  kv?: Kv;
  ttlMs?: number;
}): Promise<boolean> {
  checkKey(key);
  const cacheable = toCachedAnswer(answer);
  if (!cacheable.ok) {
    logger.debug({ cacheKey: redactKey(key), reason: cacheable.reason }, "ai answer not cached");
    return false;
  }
  try {
    await (kv ?? getKv()).set(key, cacheable.answer, { ttlMs, evictable: true });
    return true;
  } catch (error) {
    logger.warn({ cacheKey: redactKey(key), err: errorMessage(error) }, "ai cache write failed; answer not cached");
    return false;
  }
}

/** A key not made by computeCacheKey would bypass the per-user scope: a programming error. */
function checkKey(key: string): void {
  if (typeof key !== "string" || !key.startsWith(CACHE_KEY_PREFIX)) {
    throw new TypeError(`AI cache keys come from computeCacheKey (got ${JSON.stringify(key)})`);
  }
}

/** Logs carry the hash only: the scope names a user. */
function redactKey(key: string): string {
  return key.slice(key.lastIndexOf(":") + 1, key.lastIndexOf(":") + 13);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
