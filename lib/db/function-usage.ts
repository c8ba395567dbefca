// This month's in-cell function calls and their cost, from usage_records (service type
// `function`), under the caller's RLS context.
import "server-only";
import { sql } from "kysely";
import { withUserDb, type DbClaims } from "./with-rls";

export async function getFunctionMonthUsage({ claims, now = Date.now() }: { claims: DbClaims; now?: number }): Promise<{ calls: number; costMicros: number }> {
  const date = new Date(now);
  const from = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
  const until = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
  const row = await withUserDb(claims, (tx) =>
    tx
      .selectFrom("usage_records")
      .select([sql<string>`count(*)`.as("calls"), sql<string>`coalesce(sum(cost_micros), 0)`.as("cost")])
      .where("user_id", "=", claims.sub)
      .where("service_type", "=", "function")
      .where("created_at", ">=", from)
      .where("created_at", "<", until)
      .executeTakeFirstOrThrow(),
  );
  return { calls: Number(row.calls), costMicros: Number(row.cost) };
}
