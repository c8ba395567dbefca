// function_results: the durable copy of the in-cell functions' cache (lib/ai/functions), in two
// kinds of scope. Personal results are read and written under the caller's RLS context, so a user
// only ever sees or stores their own. A workspace's results are read under RLS too (members only)
// and written by the server after it has checked, in the same transaction, that the caller is
// still a member: members share them, but none can plant a value for the others.
import "server-only";
import type { CellScalar } from "@/lib/ai/functions/function-args";
import { AppError } from "@/lib/errors/app-error";
import { WORKSPACE_NOT_FOUND } from "@/lib/workspaces/get-workspace-detail";
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

/**
 * Unexpired results for these keys (missing keys are absent from the map): the caller's own, or
 * with `workspaceId` the workspace's (nothing unless the caller is a member: RLS decides).
 */
export async function getFunctionResults({
  claims,
  keys,
  workspaceId = null,
  now = new Date(),
}: { claims: DbClaims; keys: readonly string[]; /** A workspace's cache; null or omitted: the caller's own. */ workspaceId?: string | null; now?: Date }): Promise<Map<string, StoredFunctionResult>> {
  const found = new Map<string, StoredFunctionResult>();
  if (keys.length === 0) return found;
  const rows = await withUserDb(claims, (tx) => {
    const scoped = tx.selectFrom("function_results").select(["cache_key", "function_name", "value", "model", "provider"]);
    return (workspaceId ? scoped.where("workspace_id", "=", workspaceId) : scoped.where("workspace_id", "is", null).where("user_id", "=", claims.sub))
      .where("cache_key", "in", [...keys])
      .where("expires_at", ">", now)
      .execute();
  });
  for (const row of rows) {
    const value = row.value;
    if (!isStoredValue(value)) continue;
    found.set(row.cache_key, { cacheKey: row.cache_key, functionName: row.function_name, value, model: row.model, provider: row.provider });
  }
  return found;
}

/**
 * Stores (or refreshes) results for `ttlMs`: personal ones as the caller; a workspace's as the
 * server, only while the caller is a member (not_found otherwise, nothing written).
 */
export async function putFunctionResults({
  claims,
  results,
  ttlMs,
  workspaceId = null,
  now = Date.now(),
}: { claims: DbClaims; results: readonly StoredFunctionResult[]; ttlMs: number; workspaceId?: string | null; now?: number }): Promise<void> {
  if (results.length === 0) return;
  const expiresAt = new Date(now + ttlMs);
  const rows = results.map((result) => ({
    user_id: claims.sub,
    workspace_id: workspaceId,
    cache_key: result.cacheKey,
    function_name: result.functionName,
    value: JSON.stringify(result.value),
    model: result.model.slice(0, 200),
    provider: result.provider.slice(0, 100),
    expires_at: expiresAt,
  }));
  if (!workspaceId) {
    await withUserDb(claims, (tx) =>
      tx
        .insertInto("function_results")
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(["user_id", "cache_key"])
            .where("workspace_id", "is", null)
            .doUpdateSet((eb) => ({
              value: eb.ref("excluded.value"),
              model: eb.ref("excluded.model"),
              provider: eb.ref("excluded.provider"),
              expires_at: eb.ref("excluded.expires_at"),
              created_at: new Date(now),
            })),
        )
        .execute(),
    );
    return;
  }
  await withServiceDb(async (tx) => {
    // The membership row is locked until the results are stored: a removal made meanwhile waits,
    // and one made before is seen here.
    const member = await tx
      .selectFrom("workspace_members")
      .select("user_id")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", claims.sub)
      .forShare()
      .executeTakeFirst();
    if (!member) throw new AppError("not_found", WORKSPACE_NOT_FOUND);
    await tx
      .insertInto("function_results")
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(["workspace_id", "cache_key"])
          .where("workspace_id", "is not", null)
          .doUpdateSet((eb) => ({
            user_id: eb.ref("excluded.user_id"),
            value: eb.ref("excluded.value"),
            model: eb.ref("excluded.model"),
            provider: eb.ref("excluded.provider"),
            expires_at: eb.ref("excluded.expires_at"),
            created_at: new Date(now),
          })),
      )
      .execute();
  });
}

/** For the daily retention job: removes every user's expired results (as service_role). */
export async function deleteExpiredFunctionResults({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const result = await withServiceDb((tx) => tx.deleteFrom("function_results").where("expires_at", "<=", now).executeTakeFirst());
  return Number(result.numDeletedRows ?? 0);
}
