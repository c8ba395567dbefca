// Verified API keys, remembered in the KV for a minute, so an API-key request does not start
// with a database round trip (on every request of the add-in's and scripts' hot path).
//
// Revocation stays immediate: revoking (or erasing the account) first updates the database,
// then overwrites the key's entry with a tombstone that outlives any remembered entry. Entries
// are only ever written with SET NX, so a request that read the key just before it was revoked
// cannot put it back over the tombstone. With the KV down, keys are checked in the database.
import "server-only";
import { findActiveApiKey } from "@/lib/db/api-keys";
import { getKv } from "@/lib/kv/get-kv";
import { logger } from "@/lib/observability/logger";
import { isApiKeyScope, type ApiKeyScope } from "./key-scopes";

export interface VerifiedApiKey {
  keyId: string;
  userId: string;
  email: string;
  /** What the key may do; the route guard checks it on every request. */
  scopes: ApiKeyScope[];
}

/** How long a verified key is remembered. */
export const API_KEY_CACHE_TTL_MS = 60_000;
/** Longer than any remembered entry can live. */
const TOMBSTONE_TTL_MS = 5 * API_KEY_CACHE_TTL_MS;
const REVOKED = "revoked";

const cacheKey = (keyHash: string) => `apikey:${keyHash}`;

function isVerified(value: unknown): value is VerifiedApiKey {
  const v = value as VerifiedApiKey | null;
  // An entry without scopes (remembered before keys had them) is not trusted: the database decides.
  return (
    !!v &&
    typeof v === "object" &&
    typeof v.keyId === "string" &&
    typeof v.userId === "string" &&
    typeof v.email === "string" &&
    Array.isArray(v.scopes) &&
    v.scopes.every(isApiKeyScope)
  );
}

/** The active key with this hash and its owner, or null (unknown, revoked, owner erased). */
export async function verifyApiKey(keyHash: string): Promise<VerifiedApiKey | null> {
  const kv = getKv();
  let remembered: unknown = null;
  let kvUp = true;
  try {
    remembered = await kv.get(cacheKey(keyHash));
  } catch {
    kvUp = false; // the database decides alone
  }
  if (remembered === REVOKED) return null;
  if (isVerified(remembered)) return remembered;
  const found = await findActiveApiKey({ keyHash });
  if (found && kvUp) {
    const entry: VerifiedApiKey = { keyId: found.keyId, userId: found.userId, email: found.email, scopes: found.scopes };
    void kv.set(cacheKey(keyHash), entry, { ttlMs: API_KEY_CACHE_TTL_MS, onlyIfAbsent: true, evictable: true }).catch(() => {});
  }
  return found;
}

/**
 * After keys were revoked or deleted in the database: makes every server forget them now.
 * Throws when the KV cannot be written, so the caller can say the revocation is not confirmed
 * (revoking again is safe: it only rewrites the tombstones).
 */
export async function forgetApiKeys(keyHashes: readonly string[]): Promise<void> {
  if (keyHashes.length === 0) return;
  const kv = getKv();
  try {
    await Promise.all(keyHashes.map((hash) => kv.set(cacheKey(hash), REVOKED, { ttlMs: TOMBSTONE_TTL_MS })));
  } catch (error) {
    logger.error({ err: (error as Error).message, keys: keyHashes.length }, "revoked API keys could not be tombstoned in the KV");
    throw error;
  }
}
