// Plan quotas (the limits of each plan in entitlements.ts), counted in the KV:
//   quota:req:<identifier>:<YYYY-MM-DD>        chats today (UTC day)
//   quota:tok:<identifier>:<YYYY-MM>           model tokens used this month (UTC calendar month)
//   quota:tok:<identifier>:<YYYY-MM>:holds     tokens set aside for answers still in progress
// Counters are keyed by identifier, not plan, so an upgrade applies at once to what is left.
//
// A chat turn's tokens are known only after the model has answered, so checking the counter
// and adding to it afterwards lets parallel chats overshoot the month (ten at once, each seeing
// room left, all get answered). Instead, before the model is called, reserveQuota sets aside
// what the turn can cost at most — its prompt plus the most output it may produce — as a hold
// (lib/kv/kv.ts), admitted only while used + every hold in progress + this one stays within the
// plan; then it reserves one of today's chats. After the answer, settle replaces the hold with
// the tokens really used (0 for a cached answer or a failed call). A hold that is never settled
// (the server died mid-answer) stops counting after TOKEN_HOLD_MS.
//
// KV down: reserveQuota and checkQuota fail closed (503); settle and recordUsage never fail the
// finished response; getUsageCounters fails open (see lib/limits/kv-down-policy.ts).
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
/**
 * How long a turn's token hold counts if it is never settled. Far longer than any answer takes
 * (a route stops at 60 s on Vercel; a slow self-hosted model writes 2,000 tokens in a few
 * minutes), short enough that a crash mid-answer does not hold a user's tokens for long.
 */
export const TOKEN_HOLD_MS = 10 * 60_000;
/**
 * The least output worth calling the model for. When less than the turn's full allowance is left
 * this month, the turn still runs if its prompt plus this much output fits: its output is capped
 * to what is left (a shorter answer the user can have now beats a refusal while tokens remain).
 * Below that, the turn is refused: an answer cut after a few words is worth nothing.
 */
export const MIN_OUTPUT_TOKENS = 256;
/** After a refusal caused only by answers in progress, when to try again (they finish in seconds). */
const IN_PROGRESS_RETRY_SECONDS = 10;

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
  /** `user:<id>` for signed-in users, `ip:<address>` for guests, `workspace:<id>` for a workspace's pool. */
  identifier: string;
  /** A workspace's pooled quota: the plan's limits times its seats (default 1). */
  seats?: number;
  kv?: Kv;
  /** Injected clock for tests; ms since the epoch. */
  now?: number;
}

/** What a model call can cost at most. */
export interface TokenEstimate {
  /** The prompt's input tokens, estimated on the high side. */
  inputTokens: number;
  /** The most output tokens the call may produce. */
  maxOutputTokens: number;
}

export interface QuotaReservation {
  counters: UsageCounters;
  /** Tokens set aside for this turn. */
  heldTokens: number;
  /** Output tokens the model call may use: the maximum asked for, or less when less is left. */
  maxOutputTokens: number;
  /**
   * Replaces the hold with the tokens the turn really used (0 for a cached answer or a failed
   * call). Resolves false instead of throwing when the KV is down: the answer is already made.
   * Only the first call counts; later calls return its result.
   */
  settle(tokens: number, options?: { now?: number }): Promise<boolean>;
}

/**
 * Before a model call: sets aside this month's tokens for the call (at most `estimate`, at least
 * its input plus MIN_OUTPUT_TOKENS) and reserves one of today's chats, or refuses with
 * quota_exceeded. Atomic in the KV, so parallel chats can never take more than the plan.
 */
export async function reserveQuota(input: QuotaInput & { estimate: TokenEstimate; /** false: a further step of an answer already counted as today's chat (tokens are still held). */ countRequest?: boolean }): Promise<QuotaReservation> {
  const kv = input.kv ?? getKv();
  const now = input.now ?? Date.now();
  const entitlement = entitlementOf(input);
  const period = periods(now);
  const keys = quotaKeys(input.identifier, now);
  const inputTokens = wholeTokens("estimate.inputTokens", input.estimate.inputTokens);
  const maxOutput = wholeTokens("estimate.maxOutputTokens", input.estimate.maxOutputTokens);
  const needed = inputTokens + Math.min(MIN_OUTPUT_TOKENS, maxOutput);
  const tokensTtlMs = period.monthResetsAt - now + GRACE_MS;

  let holdId: string | null = null;
  try {
    const hold = await kv.hold(keys.tokens, {
      amount: Math.max(1, inputTokens + maxOutput),
      minAmount: Math.max(1, needed),
      limit: entitlement.tokensPerMonth,
      holdMs: TOKEN_HOLD_MS,
      now,
    });
    const tokens = counter(hold.used, entitlement.tokensPerMonth, period.monthResetsAt);
    const heldId = hold.holdId; // set exactly when the hold was made
    if (!hold.held || heldId === null) throw tokensExceeded(input.plan, tokens, { pending: hold.pending, needed, now });
    holdId = heldId;

    const day =
      input.countRequest === false
        ? { value: (await kv.mget<number>([keys.requests]))[0] ?? 0, reserved: true }
        : await kv.reserve(keys.requests, {
            limit: entitlement.requestsPerDay,
            ttlMs: period.dayResetsAt - now + GRACE_MS,
          });
    const requests = counter(day.value, entitlement.requestsPerDay, period.dayResetsAt);
    if (!day.reserved) throw quotaExceeded(input.plan, "day", requests, now);

    const heldTokens = hold.amount;
    let settling: Promise<boolean> | undefined;
    return {
      counters: { plan: input.plan, requests, tokens, degraded: false },
      heldTokens,
      maxOutputTokens: Math.max(0, Math.min(maxOutput, heldTokens - inputTokens)),
      settle(used, options = {}) {
        settling ??= settleHold({ kv, key: keys.tokens, holdId: heldId, tokens: used, ttlMs: tokensTtlMs, now: options.now });
        return settling;
      },
    };
  } catch (error) {
    // Refused or failed after the hold was made: give the tokens back (best effort; an
    // unreachable KV lets the hold expire by itself).
    if (holdId) await settleHold({ kv, key: keys.tokens, holdId, tokens: 0, ttlMs: tokensTtlMs }).catch(() => false);
    handleKvFailure(error, QUOTA_POLICY);
    throw error;
  }
}

async function settleHold(input: { kv: Kv; key: string; holdId: string; tokens: number; ttlMs: number; now?: number }): Promise<boolean> {
  const tokens = wholeTokens("tokens", input.tokens);
  try {
    await input.kv.settle(input.key, input.holdId, { amount: tokens, ttlMs: input.ttlMs, now: input.now });
    return true;
  } catch (error) {
    if (isKvError(error)) return false;
    throw error;
  }
}

function wholeTokens(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new TypeError(`${name} must be a number >= 0, got ${value}`);
  return Math.ceil(value);
}

export interface TokenHold {
  /** Tokens set aside: from `atLeast` to `tokens`, or 0 when not even `atLeast` fits this month. */
  heldTokens: number;
  /** This month's tokens as the hold found them (settled amounts only); null when the KV is down. */
  tokens: QuotaCounter | null;
  /** Replaces the hold with what the calls really used; false (never a throw) when the KV is down. */
  settle(used: number): Promise<boolean>;
}

/**
 * For many small model calls made together (a batch of in-cell functions): sets aside up to
 * `tokens` of this month's allowance, at least `atLeast`, atomically with every other hold, so
 * parallel batches cannot take more than the plan between them. The caller runs only the calls
 * that fit in what was held. Counts no chat. With the KV down nothing can be counted: the hold
 * is granted and settling adds what was used when the KV is back (the caller's per-minute limit
 * fails closed before this is reached).
 */
export async function holdTokens(input: QuotaInput & { tokens: number; atLeast: number }): Promise<TokenHold> {
  const kv = input.kv ?? getKv();
  const now = input.now ?? Date.now();
  const period = periods(now);
  const key = quotaKeys(input.identifier, now).tokens;
  const amount = Math.max(1, wholeTokens("tokens", input.tokens));
  const minAmount = Math.max(1, Math.min(amount, wholeTokens("atLeast", input.atLeast)));
  const ttlMs = period.monthResetsAt - now + GRACE_MS;
  const limit = entitlementOf(input).tokensPerMonth;
  try {
    const hold = await kv.hold(key, { amount, minAmount, limit, holdMs: TOKEN_HOLD_MS, now });
    const tokens = counter(hold.used, limit, period.monthResetsAt);
    const holdId = hold.holdId;
    if (!hold.held || holdId === null) return { heldTokens: 0, tokens, settle: async () => true };
    let settling: Promise<boolean> | undefined;
    return {
      heldTokens: hold.amount,
      tokens,
      settle(used) {
        settling ??= settleHold({ kv, key, holdId, tokens: used, ttlMs });
        return settling;
      },
    };
  } catch (error) {
    if (!isKvError(error)) throw error;
    return { heldTokens: amount, tokens: null, settle: (used) => recordUsage({ identifier: input.identifier, tokens: used, kv }) };
  }
}

/**
 * Refuses with quota_exceeded when this month's tokens are used up or today's chats are;
 * otherwise reserves one chat (unless `consume: false`) and returns the counters. It sets no
 * tokens aside: a chat that calls the model uses reserveQuota, which does.
 */
export async function checkQuota(input: QuotaInput & { consume?: boolean }): Promise<UsageCounters> {
  const kv = input.kv ?? getKv();
  const now = input.now ?? Date.now();
  const entitlement = entitlementOf(input);
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
  const entitlement = entitlementOf(input);
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
 * Adds tokens used without a hold to this month's counter. Returns false (instead of throwing)
 * when the KV is down, because the answer has already been produced.
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

/**
 * For GET /api/usage: today's chats and this month's settled tokens against the plan (tokens
 * held for answers in progress count once they are settled, never twice). Fails open.
 */
export async function getUsageCounters(input: QuotaInput): Promise<UsageCounters> {
  const kv = input.kv ?? getKv();
  const now = input.now ?? Date.now();
  const entitlement = entitlementOf(input);
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

/** The plan's limits, times the seats for a workspace's pooled quota. */
function entitlementOf(input: { plan: Plan; seats?: number }) {
  const base = ENTITLEMENTS[input.plan];
  const seats = Math.max(1, Math.floor(input.seats ?? 1));
  return seats === 1 ? base : { ...base, requestsPerDay: base.requestsPerDay * seats, tokensPerMonth: base.tokensPerMonth * seats };
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

/** The month's tokens: all used, or not enough left for this turn (perhaps only for now). */
function tokensExceeded(plan: Plan, tokens: QuotaCounter, hold: { pending: number; needed: number; now: number }): AppError {
  if (tokens.used >= tokens.limit) return quotaExceeded(plan, "month", tokens, hold.now);
  const left = Math.max(0, tokens.limit - tokens.used - hold.pending);
  const entitlement = ENTITLEMENTS[plan];
  // Answers in progress hold tokens they may not use: once they finish, there may be room.
  const waitForOthers = tokens.limit - tokens.used >= hold.needed;
  const retryAfterSeconds = waitForOthers
    ? IN_PROGRESS_RETRY_SECONDS
    : Math.max(1, Math.ceil((Date.parse(tokens.resetsAt) - hold.now) / 1000));
  const inProgress =
    hold.pending > 0 ? ` Answers still in progress hold ${formatCount(hold.pending)}; what they do not use is returned when they finish.` : "";
  const message =
    `Only ${formatCount(left)} of the ${formatCount(tokens.limit)} tokens included in the ${plan} plan are left this month, ` +
    `and this question needs at least ${formatCount(hold.needed)}.${inProgress} ${entitlement.upgradeHint}`;
  return new AppError("quota_exceeded", message, {
    headers: { "Retry-After": String(retryAfterSeconds) },
    details: {
      upgradeUrl: entitlement.upgradeUrl,
      plan,
      period: "month",
      limit: tokens.limit,
      used: tokens.used,
      inProgress: hold.pending,
      needed: hold.needed,
      resetsAt: tokens.resetsAt,
    },
  });
}

function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}
