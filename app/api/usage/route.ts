// GET /api/usage — the caller's plan, what they have used against its limits, what it cost,
// the cache hit rate and a daily series. Used/remaining come from the KV counters the quotas
// enforce, so the page shows exactly what the next chat will be checked against; cost, series
// and hit rate come from usage_records, read under the user's RLS context.
import { withRoute } from "@/lib/api/with-route";
import { getUsageSummary } from "@/lib/db/usage-summary";
import { getUsageCounters } from "@/lib/limits/check-quota";
import { resolvePlan } from "@/lib/limits/resolve-plan";
import { usageQuery, type UsageResponse } from "./schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const GET = withRoute({ auth: "user", rateLimit: "api", query: usageQuery }, async ({ principal, query }) => {
  const now = Date.now();
  const plan = await resolvePlan({ userId: principal.userId, claims: principal.claims });
  const [counters, summary] = await Promise.all([
    getUsageCounters({ plan, identifier: `user:${principal.userId}`, now }),
    getUsageSummary({ claims: principal.claims, days: query.days, now }),
  ]);
  const today = new Date(now).toISOString().slice(0, 10);
  const counter = ({ used, limit, remaining }: { used: number; limit: number; remaining: number }) => ({ used, limit, remaining });

  const body: UsageResponse = {
    plan,
    period: {
      day: today,
      month: today.slice(0, 7),
      days: query.days,
      resetsAt: { requests: counters.requests.resetsAt, tokens: counters.tokens.resetsAt },
    },
    requests: counter(counters.requests),
    tokens: counter(counters.tokens),
    cost: { monthMicros: summary.monthCostMicros, monthUsd: summary.monthCostMicros / 1_000_000 },
    cache: summary.cache,
    daily: summary.daily,
    byModel: summary.byModel,
    degraded: counters.degraded,
  };
  return Response.json(body);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
