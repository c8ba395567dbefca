import { z } from "zod";
import { PLANS } from "@/lib/limits/entitlements";

export const DEFAULT_USAGE_DAYS = 30;

export const usageQuery = z.object({
  days: z.coerce
    .number({ error: "days must be a whole number from 7 to 90" })
    .int("days must be a whole number from 7 to 90")
    .min(7, "days must be at least 7")
    .max(90, "days must be at most 90")
    .default(DEFAULT_USAGE_DAYS)
    .meta({ description: "Length of the `daily`, `cache` and `byModel` window, in days." }),
});

const counter = z.object({
  used: z.number().int(),
  limit: z.number().int(),
  remaining: z.number().int(),
});

const day = z.iso.date();

/** The body of GET /api/usage (the dashboard's usage page reads this). */
export const usageResponse = z
  .object({
    plan: z.enum(PLANS),
    period: z.object({
      day: day.meta({ description: "Today (UTC): the day `requests` counts." }),
      month: z.string().regex(/^\d{4}-\d{2}$/).meta({ description: "This UTC month, YYYY-MM: the month `tokens` and `cost` count." }),
      days: z.number().int().meta({ description: "Length of the `daily`, `cache` and `byModel` window." }),
      resetsAt: z.object({ requests: z.iso.datetime({ offset: true }), tokens: z.iso.datetime({ offset: true }) }),
    }),
    requests: counter.meta({ description: "Chats today, as the quota enforces them." }),
    tokens: counter.meta({ description: "Model tokens this month, as the quota enforces them." }),
    cost: z.object({
      monthMicros: z.number().int().meta({ description: "This month's cost in millionths of a US dollar." }),
      monthUsd: z.number(),
    }),
    cache: z.object({
      hits: z.number().int(),
      total: z.number().int(),
      hitRate: z.number().min(0).max(1),
    }),
    daily: z.array(
      z.object({
        date: day,
        requests: z.number().int(),
        promptTokens: z.number().int(),
        completionTokens: z.number().int(),
        costMicros: z.number().int(),
        cachedRequests: z.number().int(),
      }),
    ),
    byModel: z
      .array(
        z.object({
          provider: z.string(),
          model: z.string(),
          requests: z.number().int().meta({ description: "Chats answered by this model." }),
          functionCalls: z.number().int().meta({ description: "In-cell function calls it computed (cached results are free and not counted)." }),
          tokens: z.number().int().meta({ description: "Chats and function calls together." }),
          costMicros: z.number().int().meta({ description: "Chats and function calls together." }),
        }),
      )
      .meta({ description: "Over the same window, most expensive first." }),
    functions: z
      .object({
        used: z.number().int().meta({ description: "In-cell function calls computed today (cached results are free and not counted)." }),
        limit: z.number().int().meta({ description: "Calls the plan computes per UTC day." }),
        remaining: z.number().int(),
        perMinute: z.number().int().meta({ description: "Calls the plan computes per minute." }),
        resetsAt: z.iso.datetime({ offset: true }),
        monthCalls: z.number().int().meta({ description: "Calls computed this month." }),
        costMicros: z.number().int().meta({ description: "What this month's computed calls cost, in millionths of a US dollar." }),
      })
      .meta({ description: "The in-cell functions (=AI.ASK, =AI.CLASSIFY, =AI.EXTRACT)." }),
    degraded: z.boolean().meta({
      description: "True when the counters could not be read: requests and tokens used are then unknown and shown as 0.",
    }),
  })
  .meta({ id: "Usage" });

export type UsageResponse = z.infer<typeof usageResponse>;
