// How many accounts one client address may create through Microsoft sign-in. A valid Microsoft
// access token for a person we have not seen creates an account on its first request; whoever
// administers a tenant can mint such people by the thousand, so creating accounts is limited per
// address the way local sign-up is. Only creation counts: a person who already has an account is
// found before this is asked, and is never limited by it.
import { checkRateLimit, explainRefusal, type RateLimitResult } from "./check-rate-limit";
import { RATE_LIMITS } from "./rate-limit-policies";

/**
 * Counts one new account for `network` (clientNetwork() of the caller's address); throws
 * `rate_limited` (reason `microsoft_signup_limit`, with Retry-After and the policy's name, which
 * the route guard's metrics read) when the address's budget is spent.
 */
export function limitMicrosoftSignup({ network, scale, now }: { network: string; scale?: number; now?: number }): Promise<RateLimitResult> {
  return explainRefusal(
    checkRateLimit({ policy: RATE_LIMITS.microsoftSignup, identifier: `ip:${network}`, scale, now }),
    (wait) =>
      `Too many new accounts have been created with Microsoft sign-in from your network. Try again in ${wait}; people who already have an account here can keep signing in.`,
    { reason: "microsoft_signup_limit", policy: RATE_LIMITS.microsoftSignup.name },
  );
}
