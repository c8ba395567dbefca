// Before an action that cannot be undone (erasing the account), the person at the keyboard
// proves again that they are the account's owner: with the password, or by having signed in
// within the last few minutes. A stolen session or an unattended browser is not enough.
//
// People who sign in with Microsoft (an Entra ID access token as bearer) have no password here,
// and Microsoft's access tokens normally say nothing about when the person signed in
// (`auth_time` only appears when the app registration asks for it as an optional claim). For
// them the proof is a token Microsoft issued within the last few minutes: `auth_time` when the
// token carries it, else `iat`. The add-in gets such a token by an interactive Microsoft sign-in
// (a prompt to sign in, not the silent cache) right before it asks to erase. What that buys:
// - a token copied from a log, a proxy or the pane's storage is useless for erasure a few
//   minutes after it was issued, although it still reads data until it expires (an hour);
// - with `auth_time`, refreshing tokens silently does not make them recent, exactly like the
//   local rule; without it, whoever holds the person's Microsoft refresh token (the signed-in
//   Office itself) can obtain a fresh token without a prompt. That is the same power as the
//   person's Microsoft session, which signs them in here anyway; the typed email still guards
//   against erasing by accident. docs/security.md describes this trade-off.
// A password sent with a Microsoft token is ignored: such accounts have none, and a session of
// another kind never gets the token rule, so local and Supabase sessions keep theirs.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { checkRateLimit } from "@/lib/limits/check-rate-limit";
import { RATE_LIMITS } from "@/lib/limits/rate-limit-policies";
import { env } from "@/lib/env";
import { getAuth } from "./get-auth";
import type { UserPrincipal } from "./principal";

/** A sign-in this recent counts as proof without the password. */
export const RECENT_SIGN_IN_SECONDS = 5 * 60;
/** How far a Microsoft token's issue time may lie in our future (clocks differ a little). */
const CLOCK_SKEW_SECONDS = 5 * 60;

export async function confirmIdentity({ principal, password }: { principal: UserPrincipal; password?: string }): Promise<void> {
  if (principal.microsoft) return confirmMicrosoftSignIn(principal, principal.microsoft);
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

function confirmMicrosoftSignIn(principal: UserPrincipal, { issuedAt }: { issuedAt?: number }): void {
  // auth_time, when present, is the stronger statement: a token refreshed silently keeps it.
  const provenAt = principal.authTime ?? issuedAt;
  const age = provenAt === undefined ? Infinity : Date.now() / 1000 - provenAt;
  if (age <= RECENT_SIGN_IN_SECONDS && age >= -CLOCK_SKEW_SECONDS) return;
  const what = principal.authTime !== undefined ? "signed in to Microsoft" : "got this Microsoft token";
  const when = Number.isFinite(age) && age > 0 ? ` You ${what} ${Math.floor(age / 60)} minutes ago.` : "";
  throw new AppError(
    "forbidden",
    `Confirm it is you: sign in with Microsoft again and send the request within ${RECENT_SIGN_IN_SECONDS / 60} minutes of that sign-in (in the Excel add-in, Delete account asks you to sign in).${when} Accounts that sign in with Microsoft have no password here.`,
    { details: { reason: "microsoft_reauthentication_required" } },
  );
}
