// The cache of the in-cell functions: results keyed by the function, its normalised arguments,
// the model that answers and the prompt version, kept 30 days in the KV (fast, may evict) and in
// function_results (durable). Entries belong to one scope: a user's personal space, or a
// workspace whose members share them (a colleague with the same inputs is answered for free). The
// KV key carries the scope (`user:<id>` or `workspace:<id>`) and the table is read under RLS
// (members only for a workspace's rows), so results never cross into another account's personal
// space or a workspace the caller is not in, even for identical inputs (an answer echoes the data
// it was computed from). Callers check workspace membership before they read the KV.
import "server-only";
import { createHash } from "node:crypto";
import { writeCanonicalJson } from "@/lib/ai/cache/canonical-json";
import { getFunctionResults, isStoredValue, putFunctionResults, type StoredFunctionResult, type StoredValue } from "@/lib/db/function-results";
import type { DbClaims } from "@/lib/db/with-rls";
import { getKv } from "@/lib/kv/get-kv";
import type { Kv } from "@/lib/kv/kv";
import { isKvError } from "@/lib/kv/kv-error";
import { logger } from "@/lib/observability/logger";
import type { FunctionArgs } from "./function-args";
import { FUNCTION_PROMPT_VERSION } from "./function-prompts";

const FUNCTION_CACHE_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const KEY_VERSION = 1;

export interface CachedFunctionValue {
  /** What the cell shows, or a settled not_found error (also free to repeat). */
  value: StoredValue;
  model: string;
  provider: string;
}

/** sha256 hex of the canonical JSON of what decides a result. */
export function functionCacheKey(input: { args: FunctionArgs; model: string; provider: string; promptVersion?: string }): string {
  let json = "";
  writeCanonicalJson(
    { v: KEY_VERSION, args: input.args, model: input.model, provider: input.provider, promptVersion: input.promptVersion ?? FUNCTION_PROMPT_VERSION },
    (piece) => {
      json += piece;
    },
  );
  return createHash("sha256").update(json).digest("hex");
}

/** Whose results: the user's own, or (with `workspaceId`) the workspace's, which its members share. */
export interface FunctionCacheScope {
  userId: string;
  workspaceId: string | null;
}

const kvKey = (scope: FunctionCacheScope, key: string) =>
  scope.workspaceId ? `fn-cache:v${KEY_VERSION}:workspace:${scope.workspaceId}:${key}` : `fn-cache:v${KEY_VERSION}:user:${scope.userId}:${key}`;

function parseKvValue(value: unknown): CachedFunctionValue | null {
  if (!value || typeof value !== "object") return null;
  const entry = value as Record<string, unknown>;
  if (!isStoredValue(entry.value) || typeof entry.model !== "string" || typeof entry.provider !== "string") return null;
  return { value: entry.value, model: entry.model, provider: entry.provider };
}

/** Cached results for `keys`: the KV first, the table for what the KV does not hold (re-warming the KV). */
export async function readFunctionCache(input: { scope: FunctionCacheScope; claims: DbClaims; keys: readonly string[]; kv?: Kv }): Promise<Map<string, CachedFunctionValue>> {
  const kv = input.kv ?? getKv();
  const found = new Map<string, CachedFunctionValue>();
  if (input.keys.length === 0) return found;
  let kvDown = false;
  try {
    const values = await kv.mget(input.keys.map((key) => kvKey(input.scope, key)));
    values.forEach((value, i) => {
      const parsed = parseKvValue(value);
      if (parsed) found.set(input.keys[i], parsed);
    });
  } catch (error) {
    if (!isKvError(error)) throw error;
    kvDown = true;
    logger.warn({ error: error.message }, "function cache: KV unreachable, reading the table");
  }
  const missing = input.keys.filter((key) => !found.has(key));
  if (missing.length === 0) return found;
  const stored = await getFunctionResults({ claims: input.claims, keys: missing, workspaceId: input.scope.workspaceId });
  for (const [key, row] of stored) {
    found.set(key, { value: row.value, model: row.model, provider: row.provider });
    if (!kvDown) void kv.set(kvKey(input.scope, key), { value: row.value, model: row.model, provider: row.provider }, { ttlMs: FUNCTION_CACHE_TTL_MS, evictable: true }).catch(() => undefined);
  }
  return found;
}

/** Stores new results in the table (durable) and the KV (best effort). */
export async function writeFunctionCache(input: { scope: FunctionCacheScope; claims: DbClaims; results: readonly StoredFunctionResult[]; kv?: Kv }): Promise<void> {
  if (input.results.length === 0) return;
  const kv = input.kv ?? getKv();
  await putFunctionResults({ claims: input.claims, results: input.results, ttlMs: FUNCTION_CACHE_TTL_MS, workspaceId: input.scope.workspaceId });
  await Promise.all(
    input.results.map((result) =>
      kv
        .set(kvKey(input.scope, result.cacheKey), { value: result.value, model: result.model, provider: result.provider }, { ttlMs: FUNCTION_CACHE_TTL_MS, evictable: true })
        .catch((error: unknown) => {
          if (!isKvError(error)) throw error;
        }),
    ),
  );
}
