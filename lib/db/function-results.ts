// function_results: the durable copy of the in-cell functions' cache (lib/ai/functions). Read and
// written under the caller's RLS context, so a user can only ever see or store their own results,
// whatever key they ask for.
import "server-only";
import type { CellScalar } from "@/lib/ai/functions/function-args";
import type { FunctionResultsTable } from "./schema";
import { withServiceDb, withUserDb, type DbClaims } from "./with-rls";

/** A settled "nothing to give" (no label fits, nothing to extract): cached like a value, so it is not paid for again. */
export interface StoredNotFound {
  error: { code: "not_found"; message: string };
}

export type StoredValue = CellScalar | StoredNotFound;

export function isStoredValue(value: unknown): value is StoredValue {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return true;
  const error = (value as StoredNotFound | null)?.error;
  return typeof error === "object" && error !== null && error.code === "not_found" && typeof error.message === "string";
}

export interface StoredFunctionResult {
  cacheKey: string;
  functionName: FunctionResultsTable["function_name"];
  value: StoredValue;
  model: string;
  provider: string;
}

/** The caller's unexpired results for these keys (missing keys are absent from the map). */
export async function getFunctionResults({ claims, keys, now = new Date() }: { claims: DbClaims; keys: readonly string[]; now?: Date }): Promise<Map<string, StoredFunctionResult>> {
  const found = new Map<string, StoredFunctionResult>();
  if (keys.length === 0) return found;
  const rows = await withUserDb(claims, (tx) =>
    tx
      .selectFrom("function_results")
      .select(["cache_key", "function_name", "value", "model", "provider"])
      .where("user_id", "=", claims.sub)
      .where("cache_key", "in", [...keys])
      .where("expires_at", ">", now)
      .execute(),
  );
  for (const row of rows) {
    const value = row.value;
    if (!isStoredValue(value)) continue;
    found.set(row.cache_key, { cacheKey: row.cache_key, functionName: row.function_name, value, model: row.model, provider: row.provider });
  }
  return found;
}

/** Stores (or refreshes) results for `ttlMs`, as the caller. */
export async function putFunctionResults({ claims, results, ttlMs, now = Date.now() }: { claims: DbClaims; results: readonly StoredFunctionResult[]; ttlMs: number; now?: number }): Promise<void> {
  if (results.length === 0) return;
  const expiresAt = new Date(now + ttlMs);
  await withUserDb(claims, (tx) =>
    tx
      .insertInto("function_results")
      .values(
        results.map((result) => ({
          user_id: claims.sub,
          cache_key: result.cacheKey,
          function_name: result.functionName,
          value: JSON.stringify(result.value),
          model: result.model.slice(0, 200),
          provider: result.provider.slice(0, 100),
          expires_at: expiresAt,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["user_id", "cache_key"]).doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
          model: eb.ref("excluded.model"),
          provider: eb.ref("excluded.provider"),
          expires_at: eb.ref("excluded.expires_at"),
          created_at: new Date(now),
        })),
      )
      .execute(),
  );
}

/** For the daily retention job: removes every user's expired results (as service_role). */
export async function deleteExpiredFunctionResults({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const result = await withServiceDb((tx) => tx.deleteFrom("function_results").where("expires_at", "<=", now).executeTakeFirst());
  return Number(result.numDeletedRows ?? 0);
}
