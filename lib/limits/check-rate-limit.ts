// Rate limiting for one request under a named policy: a sliding-window log in the KV, all of the
// policy's windows checked and counted atomically (one Lua script), so a refusal by the 15-minute
// window does not use up a slot of the 1-minute window, and parallel bursts admit exactly the limit.
//
// Headers follow the IETF RateLimit header draft (draft-ietf-httpapi-ratelimit-headers-07):
//   RateLimit-Policy: 10;w=60, 50;w=900        every window: limit;w=<window seconds>
//   RateLimit: limit=10, remaining=3, reset=42  the window closest to refusing
// `reset` is the seconds until that window frees a slot (its oldest counted request leaves it).
// A refusal is an AppError("rate_limited") whose headers include Retry-After in whole SECONDS
// (rounded up), never milliseconds.
import { AppError, isAppError } from "@/lib/errors/app-error";
import { getKv } from "@/lib/kv/get-kv";
import type { Kv, MultiWindowResult, RateWindow, SlidingWindowResult } from "@/lib/kv/kv";
import { handleKvFailure } from "./kv-down-policy";
import { RATE_LIMITS, type RateLimitPolicy, type RateLimitPolicyName } from "./rate-limit-policies";

export interface CheckRateLimitInput {
  policy: RateLimitPolicyName | RateLimitPolicy;
  /** Who is limited: a user id or a client IP, as the policy's `keyedBy` says. */
  identifier: string;
  /** Defaults to the app's KV (getKv). */
  kv?: Kv;
  /** Multiplies every limit (benchmarks raise limits through configuration). Default 1. */
  scale?: number;
  /** Units this request takes; default 1. */
  cost?: number;
  /** Injected clock for tests; ms since the epoch. */
  now?: number;
}

export interface RateLimitResult {
  allowed: true;
  policy: string;
  /** The binding window (the one closest to refusing); absent when degraded. */
  limit?: number;
  remaining?: number;
  resetSeconds?: number;
  /** Headers to attach to the response (empty when degraded). */
  headers: Record<string, string>;
  /** True when the KV was down and the policy fails open: nothing was counted. */
  degraded: boolean;
  warning?: string;
}

export async function checkRateLimit(input: CheckRateLimitInput): Promise<RateLimitResult> {
  const policy = typeof input.policy === "string" ? RATE_LIMITS[input.policy] : input.policy;
  if (!input.identifier) throw new TypeError(`checkRateLimit(${policy.name}): identifier is required`);
  const windows = scaleWindows(policy.windows, input.scale ?? 1);
  const kv = input.kv ?? getKv();

  let outcome: MultiWindowResult;
  try {
    outcome = await kv.slidingWindows(`rl:${policy.name}:${input.identifier}`, windows, {
      now: input.now,
      cost: input.cost,
    });
  } catch (error) {
    const degraded = handleKvFailure(error, policy);
    return { allowed: true, policy: policy.name, headers: {}, ...degraded };
  }

  const results = outcome.windows;
  if (!outcome.allowed) {
    // The refusing window that takes longest to free up decides when to come back.
    const refusing = results
      .map((result, i) => ({ result, window: windows[i] }))
      .filter(({ result }) => result.retryAfterMs > 0)
      .sort((a, b) => b.result.retryAfterMs - a.result.retryAfterMs)[0] ?? { result: results[0], window: windows[0] };
    const retryAfterSeconds = Math.max(1, Math.ceil(refusing.result.retryAfterMs / 1000));
    const headers = rateLimitHeaders(windows, refusing.result);
    throw new AppError(
      "rate_limited",
      `Too many requests: the limit is ${refusing.window.limit} ${describeWindow(refusing.window.windowMs)}. ` +
        `Try again in ${retryAfterSeconds} ${retryAfterSeconds === 1 ? "second" : "seconds"}.`,
      {
        headers: { "Retry-After": String(retryAfterSeconds), ...headers },
        details: {
          limit: refusing.window.limit,
          windowSeconds: refusing.window.windowMs / 1000,
          retryAfterSeconds,
        },
      },
    );
  }

  const binding = bindingWindow(results);
  return {
    allowed: true,
    policy: policy.name,
    limit: binding.limit,
    remaining: binding.remaining,
    resetSeconds: Math.ceil(binding.resetMs / 1000),
    headers: rateLimitHeaders(windows, binding),
    degraded: false,
  };
}

/** Limits multiplied by `scale`, rounded, never below 1. */
export function scaleWindows(windows: readonly RateWindow[], scale: number): RateWindow[] {
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`rate limit scale must be a positive number, got ${scale}`);
  return windows.map(({ limit, windowMs }) => ({ limit: Math.max(1, Math.round(limit * scale)), windowMs }));
}

/** RateLimit-Policy and RateLimit headers for a set of windows and the window to report. */
export function rateLimitHeaders(windows: readonly RateWindow[], reported: SlidingWindowResult): Record<string, string> {
  return {
    "RateLimit-Policy": windows.map(({ limit, windowMs }) => `${limit};w=${Math.ceil(windowMs / 1000)}`).join(", "),
    RateLimit: `limit=${reported.limit}, remaining=${reported.remaining}, reset=${Math.ceil(reported.resetMs / 1000)}`,
  };
}

/** The window closest to refusing: fewest remaining, then the longest wait. */
function bindingWindow(results: readonly SlidingWindowResult[]): SlidingWindowResult {
  return results.reduce((best, result) =>
    result.remaining < best.remaining || (result.remaining === best.remaining && result.resetMs > best.resetMs)
      ? result
      : best,
  );
}

/** "per minute", "per 15 minutes", "per hour", "per day", "per 30 seconds". */
export function describeWindow(windowMs: number): string {
  const units: [number, string][] = [
    [86_400_000, "day"],
    [3_600_000, "hour"],
    [60_000, "minute"],
    [1_000, "second"],
  ];
  for (const [size, unit] of units) {
    if (windowMs % size === 0) {
      const count = windowMs / size;
      return count === 1 ? `per ${unit}` : `per ${count} ${unit}s`;
    }
  }
  return `per ${windowMs} ms`;
}

/**
 * Puts a plain explanation in front of the limiter's refusal (headers and details stay):
 * `message` gets the wait in words ("40 seconds", "12 minutes"). `details` are added to the
 * envelope, e.g. a `reason` a client can act on.
 */
export async function explainRefusal(
  check: Promise<RateLimitResult>,
  message: (wait: string) => string,
  details: Record<string, unknown> = {},
): Promise<RateLimitResult> {
  try {
    return await check;
  } catch (error) {
    if (!isAppError(error) || error.code !== "rate_limited") throw error;
    const seconds = Number(error.details?.retryAfterSeconds ?? 0);
    const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${Math.max(1, seconds)} seconds`;
    throw new AppError("rate_limited", message(wait), { headers: error.headers, details: { ...error.details, ...details } });
  }
}
