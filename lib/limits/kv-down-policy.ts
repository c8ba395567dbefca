// What the limits do when the KV (Redis / Upstash) cannot be reached.
//
// Rate limits and quotas live in the KV. When it is down we cannot count, so each named policy
// says which way to fail (`failMode` in lib/limits/rate-limit-policies.ts):
//
// - FAIL CLOSED — model routes (chat, chat-guest) and auth. Every model call costs money and the
//   auth limiter is the brute-force guard, so running them uncounted is worse than pausing them.
//   The request is refused with 503 `provider_unavailable`: "Rate limiting is temporarily
//   unavailable, so chat is paused. Try again shortly." The plan quota before a model call
//   (reserveQuota, checkQuota) fails closed the same way.
// - FAIL OPEN — read routes (policy `api`: history, usage, keys, settings). They cost nothing to
//   serve, so they stay up: the request is admitted with `degraded: true` and a `warning` the
//   guard logs; no RateLimit headers are sent because nothing was counted.
// - After the model call, settling the turn's token hold (and recordUsage) never fails the
//   response over a KV outage: the answer has already been produced, the hold expires by itself,
//   and the usage_records row in Postgres remains the billing record.
//
// "Down" means the adapter rejected with a KvError (unreachable, timed out, error reply). The
// adapters are built to fail fast (no offline queue, short timeouts), so a down KV costs a
// request milliseconds, not a hang. Any other error is a bug and is rethrown as is.
import { AppError } from "@/lib/errors/app-error";
import { isKvError } from "@/lib/kv/kv-error";
import type { FailMode } from "./rate-limit-policies";

export interface DegradedOutcome {
  degraded: true;
  warning: string;
}

/**
 * Applies the KV-down policy to an error from a KV call: rethrows non-KV errors, throws 503 for
 * fail-closed, and returns a degraded outcome for fail-open.
 */
export function handleKvFailure(error: unknown, policy: { failMode: FailMode; pausedFeature: string; name: string }): DegradedOutcome {
  if (!isKvError(error)) throw error;
  if (policy.failMode === "closed") {
    throw new AppError(
      "provider_unavailable",
      `Rate limiting is temporarily unavailable, so ${policy.pausedFeature} is paused. Try again shortly.`,
      { status: 503, headers: { "Retry-After": "5" }, cause: error },
    );
  }
  return {
    degraded: true,
    warning: `KV unavailable; "${policy.name}" admitted without counting (fail open): ${error.message}`,
  };
}
