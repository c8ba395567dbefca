// Plan quotas (SPEC section 6), counted in the KV:
//   quota:req:<identifier>:<YYYY-MM-DD>  chats today (UTC day)
//   quota:tok:<identifier>:<YYYY-MM>     model tokens this month (UTC calendar month)
// Counters are keyed by identifier, not plan, so an upgrade applies at once to what is left.
//
// Chat route order: checkQuota before the model call (it checks the monthly tokens, then
// reserves one chat of today's allowance atomically, so 50 parallel requests at a limit of 10
// admit exactly 10), recordUsage after the call with the tokens used. KV down: checkQuota fails
// closed (503), recordUsage never fails the finished response, getUsageCounters fails open
// (see lib/limits/kv-down-policy.ts).
import { AppError } from "@/lib/errors/app-error";
import { getKv } from "@/lib/kv/get-kv";
import type { Kv } from "@/lib/kv/kv";
import { isKvError } from "@/lib/kv/kv-error";
import { ENTITLEMENTS, type Plan } from "./entitlements";
import { handleKvFailure } from "./kv-down-policy";

const DAY_MS = 86_400_000;
/** Counters outlive their period by a day, so a skewed clock never reads a vanished counter. */
const GRACE_MS = DAY_MS;
const QUOTA_POLICY = { name: "quota", failMode: "closed", pausedFeature: "chat" } as const;

export interface QuotaCounter {
  used: number;
  limit: number;
  remaining: number;
  /** ISO time the counter starts again from zero. */
  resetsAt: string;
}

export interface UsageCounters {
  plan: Plan;
  requests: QuotaCounter;
  tokens: QuotaCounter;
  /** True when the KV was down: the counts are unknown and shown as 0. */
  degraded: boolean;
}

interface QuotaInput {
  plan: Plan;
  /** `user:<id>` for signed-in users, `ip:<address>` for guests. */
  identifier: string;
  kv?: Kv;
  /** Injected clock for tests; ms since the epoch. */
  now?: number;
}

/**
 * Before the model call: refuses with quota_exceeded when this month's tokens are used up or
 * today's chats are; otherwise reserves one chat (unless `consume: false`) and returns the counters.
 */
export async function checkQuota(input: QuotaInput & { consume?: boolean }): Promise<UsageCounters> {
  const kv = input.kv ?? getKv();
  const now = input.now ?? Date.now();
  const entitlement = ENTITLEMENTS[input.plan];
  const period = periods(now);
  const keys = quotaKeys(input.identifier, now);
  try {
    const [tokensUsed, requestsSoFar] = await kv.mget<number>([keys.tokens, keys.requests]);
    const tokens = counter(tokensUsed ?? 0, entitlement.tokensPerMonth, period.monthResetsAt);
    if (tokens.used >= tokens.limit) throw quotaExceeded(input.plan, "month", tokens, now);

    let used = requestsSoFar ?? 0;
    if (input.consume ?? true) {
      const reservation = await kv.reserve(keys.requests, {
        limit: entitlement.requestsPerDay,
        ttlMs: period.dayResetsAt - now + GRACE_MS,
      });
      used = reservation.value;
      if (!reservation.reserved) {
        throw quotaExceeded(input.plan, "day", counter(used, entitlement.requestsPerDay, period.dayResetsAt), now);
      }
    } else if (used >= entitlement.requestsPerDay) {
      throw quotaExceeded(input.plan, "day", counter(used, entitlement.requestsPerDay, period.dayResetsAt), now);
    }
    return {
      plan: input.plan,
      requests: counter(used, entitlement.requestsPerDay, period.dayResetsAt),
      tokens,
      degraded: false,
    };
  } catch (error) {
    handleKvFailure(error, QUOTA_POLICY);
    throw error;
  }
}

/** Reserves one of today's chats; throws quota_exceeded when none is left. */
export async function consumeDailyRequest(input: QuotaInput): Promise<QuotaCounter> {
  const kv = input.kv ?? getKv();
  const now = input.now ?? Date.now();
  const entitlement = ENTITLEMENTS[input.plan];
  const { dayResetsAt } = periods(now);
  try {
    const reservation = await kv.reserve(quotaKeys(input.identifier, now).requests, {
      limit: entitlement.requestsPerDay,
      ttlMs: dayResetsAt - now + GRACE_MS,
    });
    const result = counter(reservation.value, entitlement.requestsPerDay, dayResetsAt);
    if (!reservation.reserved) throw quotaExceeded(input.plan, "day", result, now);
    return result;
  } catch (error) {
    handleKvFailure(error, QUOTA_POLICY);
    throw error;
  }
}

/**
 * After the model call: adds the tokens used to this month's counter. Returns false (instead of
 * throwing) when the KV is down, because the answer has already been produced.
 */
export async function recordUsage(input: { identifier: string; tokens: number; kv?: Kv; now?: number }): Promise<boolean> {
  if (!Number.isFinite(input.tokens) || input.tokens < 0) {
    throw new TypeError(`recordUsage: tokens must be a number >= 0, got ${input.tokens}`);
  }
  const tokens = Math.round(input.tokens);
  if (tokens === 0) return true; // cached answers cost nothing
  const kv = input.kv ?? getKv();
  const now = input.now ?? Date.now();
  try {
    await kv.incrBy(quotaKeys(input.identifier, now).tokens, tokens, {
      ttlMs: periods(now).monthResetsAt - now + GRACE_MS,
    });
    return true;
  } catch (error) {
    if (isKvError(error)) return false;
    throw error;
  }
}

/** For GET /api/usage: today's chats and this month's tokens against the plan. Fails open. */
export async function getUsageCounters(input: QuotaInput): Promise<UsageCounters> {
  const kv = input.kv ?? getKv();
  const now = input.now ?? Date.now();
  const entitlement = ENTITLEMENTS[input.plan];
  const period = periods(now);
  const keys = quotaKeys(input.identifier, now);
  let values: (number | null)[] = [null, null];
  let degraded = false;
  try {
    values = await kv.mget<number>([keys.requests, keys.tokens]);
  } catch (error) {
    if (!isKvError(error)) throw error;
    degraded = true;
  }
  return {
    plan: input.plan,
    requests: counter(values[0] ?? 0, entitlement.requestsPerDay, period.dayResetsAt),
    tokens: counter(values[1] ?? 0, entitlement.tokensPerMonth, period.monthResetsAt),
    degraded,
  };
}

export function quotaKeys(identifier: string, now: number): { requests: string; tokens: string } {
  if (!identifier) throw new TypeError("quota identifier is required");
  const day = new Date(now).toISOString().slice(0, 10);
  return { requests: `quota:req:${identifier}:${day}`, tokens: `quota:tok:${identifier}:${day.slice(0, 7)}` };
}

function periods(now: number): { dayResetsAt: number; monthResetsAt: number } {
  const date = new Date(now);
  return {
    dayResetsAt: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1),
    monthResetsAt: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1),
  };
}

function counter(used: number, limit: number, resetsAt: number): QuotaCounter {
  return { used, limit, remaining: Math.max(0, limit - used), resetsAt: new Date(resetsAt).toISOString() };
}

function quotaExceeded(plan: Plan, period: "day" | "month", quota: QuotaCounter, now: number): AppError {
  const entitlement = ENTITLEMENTS[plan];
  const what = period === "day" ? `${formatCount(quota.limit)} chats` : `${formatCount(quota.limit)} tokens`;
  const where = plan === "guest" ? "available to guests" : `included in the ${plan} plan`;
  const when = period === "day" ? "today" : "this month";
  const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(quota.resetsAt) - now) / 1000));
  return new AppError("quota_exceeded", `You have used all ${what} ${where} ${when}. ${entitlement.upgradeHint}`, {
    headers: { "Retry-After": String(retryAfterSeconds) },
    details: {
      upgradeUrl: entitlement.upgradeUrl,
      plan,
      period,
      limit: quota.limit,
      used: quota.used,
      resetsAt: quota.resetsAt,
    },
  });
}

function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}
