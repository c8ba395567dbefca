import { z } from "zod";
import type { Plan } from "@/lib/limits/entitlements";
import type { DailyUsage } from "@/lib/db/usage-summary";

export const DEFAULT_USAGE_DAYS = 30;

export const usageQuery = z.object({
  days: z.coerce
    .number({ error: "days must be a whole number from 7 to 90" })
    .int("days must be a whole number from 7 to 90")
    .min(7, "days must be at least 7")
    .max(90, "days must be at most 90")
    .default(DEFAULT_USAGE_DAYS),
});

interface Counter {
  used: number;
  limit: number;
  remaining: number;
}

/** The body of GET /api/usage (the dashboard's usage page reads this). */
export interface UsageResponse {
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
  byModel: { provider: string; model: string; requests: number; tokens: number; costMicros: number }[];
  /** True when the KV was unreachable: requests/tokens used are unknown and shown as 0. */
  degraded: boolean;
}
