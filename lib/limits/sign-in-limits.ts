// How many sign-in attempts a request may make, decided before the password is checked:
// - from a device the account has signed in on before (a valid device token for this account,
//   lib/auth/trusted-device.ts): that device's own budget only, so neither an attack on the
//   account nor one from the same address can lock the owner out of their own devices;
// - from anywhere else: the client address's budget (rotating accounts buys nothing) AND the
//   account's budget for unknown devices (rotating addresses buys nothing).
// A refusal is `rate_limited` with Retry-After, like every other limit, and says which budget ran out.
import { checkRateLimit, explainRefusal as explain, type RateLimitResult } from "./check-rate-limit";
import { RATE_LIMITS } from "./rate-limit-policies";

export interface SignInAttempt {
  /** accountTag() of the email being signed in to (the account need not exist). */
  account: string;
  /** clientNetwork() of the client's address. */
  network: string;
  /** The device id of a valid device token for this account, or null. */
  deviceId: string | null;
  /** RATE_LIMIT_SCALE. */
  scale?: number;
  now?: number;
}

/** Counts the attempt; throws rate_limited when a budget is spent. Returns the headers to send. */
export async function limitSignInAttempt(attempt: SignInAttempt): Promise<RateLimitResult> {
  const common = { scale: attempt.scale, now: attempt.now };
  if (attempt.deviceId) {
    return explain(
      checkRateLimit({ policy: RATE_LIMITS.signInDevice, identifier: `${attempt.account}:${attempt.deviceId}`, ...common }),
      (wait) => `Too many sign-in attempts from this device. Try again in ${wait}.`,
    );
  }
  // The address first: a client its own address has already cut off spends nothing of the account's budget.
  const byAddress = await explain(
    checkRateLimit({ policy: RATE_LIMITS.signInIp, identifier: `ip:${attempt.network}`, ...common }),
    (wait) => `Too many sign-in attempts from your network. Try again in ${wait}, or sign in from a device you have used before.`,
  );
  const byAccount = await explain(
    checkRateLimit({ policy: RATE_LIMITS.signInAccount, identifier: `account:${attempt.account}`, ...common }),
    (wait) =>
      `Too many sign-in attempts for this account from devices it has not signed in on before. Sign in from a device you have used with it, or try again in ${wait}.`,
  );
  return (byAccount.remaining ?? Infinity) < (byAddress.remaining ?? Infinity) ? byAccount : byAddress;
}
