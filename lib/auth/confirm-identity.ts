// Before an action that cannot be undone (erasing the account), the person at the keyboard
// proves again that they are the account's owner: with the password, or by having signed in
// within the last few minutes. A stolen session or an unattended browser is not enough.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { checkRateLimit } from "@/lib/limits/check-rate-limit";
import { RATE_LIMITS } from "@/lib/limits/rate-limit-policies";
import { env } from "@/lib/env";
import { getAuth } from "./get-auth";
import type { UserPrincipal } from "./principal";

/** A sign-in this recent counts as proof without the password. */
export const RECENT_SIGN_IN_SECONDS = 5 * 60;

export async function confirmIdentity({ principal, password }: { principal: UserPrincipal; password?: string }): Promise<void> {
  if (password !== undefined) {
    // Password guesses through a stolen session are limited like sign-in attempts, per account.
    await checkRateLimit({ policy: RATE_LIMITS.auth, identifier: `reauth:${principal.userId}`, scale: env.RATE_LIMIT_SCALE });
    const ok = await getAuth().verifyPassword({ userId: principal.userId, email: principal.email, password });
    if (!ok) throw new AppError("forbidden", "That password is not right. Type your current password.", { details: { reason: "wrong_password" } });
    return;
  }
  const age = principal.authTime === undefined ? Infinity : Date.now() / 1000 - principal.authTime;
  if (age <= RECENT_SIGN_IN_SECONDS) return;
  throw new AppError(
    "forbidden",
    `Confirm it is you: send your password with the request ({"confirm": "<your account email>", "password": "<your password>"}), or sign in again and do this within ${RECENT_SIGN_IN_SECONDS / 60} minutes.`,
    { details: { reason: "reauthentication_required" } },
  );
}
