// A signed-in user's usage report: the plan, what they have used against its limits, what it
// cost, the cache hit rate and a daily series. GET /api/usage answers with it and the dashboard's
// overview renders it on the server, so both show the same figures. Used/remaining come from the
// KV counters the quotas enforce (what the next chat will be checked against); cost, series and
// hit rate come from usage_records, read under the user's RLS context.
import "server-only";
import { getUsageSummary, type DailyUsage, type ModelUsage } from "@/lib/db/usage-summary";
import type { DbClaims } from "@/lib/db/with-rls";
import { getFunctionMonthUsage } from "@/lib/db/function-usage";
import { getUsageCounters } from "./check-quota";
import { getFunctionCallUsage } from "./function-call-limits";
import type { Plan } from "./entitlements";
import { resolvePlan } from "./resolve-plan";

interface Counter {
  used: number;
  limit: number;
  remaining: number;
}

export interface UsageReport {
  plan: Plan;
  period: {
    /** Today (UTC), YYYY-MM-DD: the day `requests` counts. */
    day: string;
    /** This UTC month, YYYY-MM: the month `tokens` and `cost` count. */
    month: string;
    /** Length of the `daily`, `cache` and `byModel` window. */
    days: number;
    resetsAt: { requests: string; tokens: string };
  };
  /** Chats today, as the quota enforces them (KV counters). */
  requests: Counter;
  /** Model tokens this month, as the quota enforces them (KV counters). */
  tokens: Counter;
  cost: { monthMicros: number; monthUsd: number };
  cache: { hits: number; total: number; hitRate: number };
  daily: DailyUsage[];
  byModel: ModelUsage[];
  /** The in-cell functions: today's computed calls against the plan, and this month's calls and cost. */
  functions: { used: number; limit: number; remaining: number; perMinute: number; resetsAt: string; monthCalls: number; costMicros: number };
  /** True when the KV was unreachable: requests/tokens used are unknown and shown as 0. */
  degraded: boolean;
}

export async function getUsageReport({ userId, claims, days, now = Date.now() }: { userId: string; claims: DbClaims; days: number; now?: number }): Promise<UsageReport> {
  const plan = await resolvePlan({ userId, claims });
  const [counters, summary, functionCalls, functionMonth] = await Promise.all([
    getUsageCounters({ plan, identifier: `user:${userId}`, now }),
    getUsageSummary({ claims, days, now }),
    getFunctionCallUsage({ plan, identifier: `user:${userId}`, now }),
    getFunctionMonthUsage({ claims, now }),
  ]);
  const today = new Date(now).toISOString().slice(0, 10);
  const counter = ({ used, limit, remaining }: Counter) => ({ used, limit, remaining });
  return {
    plan,
    period: {
      day: today,
      month: today.slice(0, 7),
      days,
      resetsAt: { requests: counters.requests.resetsAt, tokens: counters.tokens.resetsAt },
    },
    requests: counter(counters.requests),
    tokens: counter(counters.tokens),
    cost: { monthMicros: summary.monthCostMicros, monthUsd: summary.monthCostMicros / 1_000_000 },
    cache: summary.cache,
    daily: summary.daily,
    byModel: summary.byModel,
    functions: { ...functionCalls, monthCalls: functionMonth.calls, costMicros: functionMonth.costMicros },
    degraded: counters.degraded,
  };
}
