// Usage figures for GET /api/usage, aggregated in SQL from usage_records under the caller's RLS
// context (so a user can only ever sum their own rows): a daily series, this month's cost, the
// cache hit rate and a per-model breakdown. Days are UTC calendar days, the same days the quota
// counters roll over on. Postgres returns count(*) and sums of integers/bigints as strings
// (bigint/numeric), so every figure is converted with toNumber.
import "server-only";
import { sql } from "kysely";
import { withUserDb, type DbClaims, type Tx } from "./with-rls";

const DAY_MS = 86_400_000;

export interface DailyUsage {
  /** UTC day, YYYY-MM-DD. */
  date: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  costMicros: number;
  cachedRequests: number;
}

export interface ModelUsage {
  provider: string;
  model: string;
  /** Chats answered by this model. */
  requests: number;
  /** In-cell function calls it computed; their tokens and cost are in `tokens` and `costMicros`. */
  functionCalls: number;
  tokens: number;
  costMicros: number;
}

export interface UsageSummary {
  /** The last `days` UTC days, oldest first, days without usage as zeros. */
  daily: DailyUsage[];
  /** Cost of this UTC calendar month so far. */
  monthCostMicros: number;
  /** Over the same `days` window as `daily`. */
  cache: { hits: number; total: number; hitRate: number };
  /** Over the same window, most expensive first. */
  byModel: ModelUsage[];
}

export async function getUsageSummary({ claims, days, now = Date.now() }: { claims: DbClaims; days: number; now?: number }): Promise<UsageSummary> {
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new RangeError(`getUsageSummary: days must be 1..366, got ${days}`);
  const today = startOfUtcDay(now);
  const from = new Date(today - (days - 1) * DAY_MS).toISOString();
  const until = new Date(today + DAY_MS).toISOString();
  const date = new Date(now);
  const monthFrom = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)).toISOString();
  const monthUntil = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)).toISOString();

  return withUserDb(claims, async (tx) => {
    // One statement at a time: a transaction holds one connection.
    const daily = await dailyRows(tx, claims.sub, from, until);
    const monthCostMicros = await sumCost(tx, claims.sub, monthFrom, monthUntil);
    const byModel = await modelRows(tx, claims.sub, from, until);

    const byDate = new Map(daily.map((row) => [row.date, row]));
    const series: DailyUsage[] = [];
    for (let i = 0; i < days; i++) {
      const day = new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10);
      series.push(byDate.get(day) ?? { date: day, requests: 0, promptTokens: 0, completionTokens: 0, costMicros: 0, cachedRequests: 0 });
    }
    const hits = series.reduce((sum, day) => sum + day.cachedRequests, 0);
    const total = series.reduce((sum, day) => sum + day.requests, 0);
    return {
      daily: series,
      monthCostMicros,
      cache: { hits, total, hitRate: total === 0 ? 0 : Math.round((hits / total) * 10_000) / 10_000 },
      byModel,
    };
  });
}

// `user_id = sub` repeats what the RLS policy enforces; it is here so the planner uses the
// (user_id, created_at) index rather than filtering through the policy row by row.
async function dailyRows(tx: Tx, userId: string, from: string, until: string): Promise<DailyUsage[]> {
  const rows = await tx
    .selectFrom("usage_records")
    .select([
      sql<string>`to_char(date_trunc('day', created_at at time zone 'UTC'), 'YYYY-MM-DD')`.as("date"),
      // Chats only: in-cell function calls are reported apart (lib/db/function-usage.ts); their
      // tokens and cost are in the totals.
      sql<string>`count(*) filter (where service_type <> 'function')`.as("requests"),
      sql<string>`coalesce(sum(prompt_tokens), 0)`.as("prompt_tokens"),
      sql<string>`coalesce(sum(completion_tokens), 0)`.as("completion_tokens"),
      sql<string>`coalesce(sum(cost_micros), 0)`.as("cost_micros"),
      sql<string>`count(*) filter (where cached and service_type <> 'function')`.as("cached_requests"),
    ])
    .where("user_id", "=", userId)
    .where("created_at", ">=", timestamp(from))
    .where("created_at", "<", timestamp(until))
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return rows.map((row) => ({
    date: row.date,
    requests: toNumber(row.requests),
    promptTokens: toNumber(row.prompt_tokens),
    completionTokens: toNumber(row.completion_tokens),
    costMicros: toNumber(row.cost_micros),
    cachedRequests: toNumber(row.cached_requests),
  }));
}

async function sumCost(tx: Tx, userId: string, from: string, until: string): Promise<number> {
  const row = await tx
    .selectFrom("usage_records")
    .select(sql<string>`coalesce(sum(cost_micros), 0)`.as("cost_micros"))
    .where("user_id", "=", userId)
    .where("created_at", ">=", timestamp(from))
    .where("created_at", "<", timestamp(until))
    .executeTakeFirstOrThrow();
  return toNumber(row.cost_micros);
}

async function modelRows(tx: Tx, userId: string, from: string, until: string): Promise<ModelUsage[]> {
  const rows = await tx
    .selectFrom("usage_records")
    .select([
      "provider",
      "model",
      sql<string>`count(*) filter (where service_type <> 'function')`.as("requests"),
      sql<string>`count(*) filter (where service_type = 'function')`.as("function_calls"),
      sql<string>`coalesce(sum(prompt_tokens + completion_tokens::bigint), 0)`.as("tokens"),
      sql<string>`coalesce(sum(cost_micros), 0)`.as("cost_micros"),
    ])
    .where("user_id", "=", userId)
    .where("created_at", ">=", timestamp(from))
    .where("created_at", "<", timestamp(until))
    .groupBy(["provider", "model"])
    .orderBy(sql`coalesce(sum(cost_micros), 0)`, "desc")
    .orderBy(sql`count(*)`, "desc")
    .orderBy("provider")
    .orderBy("model")
    .execute();
  return rows.map((row) => ({
    provider: row.provider,
    model: row.model,
    requests: toNumber(row.requests),
    functionCalls: toNumber(row.function_calls),
    tokens: toNumber(row.tokens),
    costMicros: toNumber(row.cost_micros),
  }));
}

/** bigint/numeric arrive as strings (node-postgres) or bigint/number (PGlite). */
function toNumber(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const number = Number(value);
  return Number.isFinite(number) ? number : 0;
}

/** An ISO instant as a timestamptz parameter (the same on node-postgres and PGlite). */
function timestamp(iso: string) {
  return sql<Date>`${iso}::timestamptz`;
}

function startOfUtcDay(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}
