// POST /api/auth/password — change the password of the signed-in account: the current password
// is checked (guesses limited per account), the new one must pass the sign-up rules, every other
// session is signed out, and this device gets a fresh session (cookies, and the token pair for
// bearer callers). API keys cannot change passwords.
import { withRoute } from "@/lib/api/with-route";
import { getAuth } from "@/lib/auth/get-auth";
import { recordAudit } from "@/lib/db/audit-log";
import { env } from "@/lib/env";
import { checkRateLimit } from "@/lib/limits/check-rate-limit";
import { RATE_LIMITS } from "@/lib/limits/rate-limit-policies";
import { changePasswordBody } from "../schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const POST = withRoute({ auth: "user", body: changePasswordBody }, async ({ body, principal, cookies, secure, ip, responseHeaders }) => {
  const limit = await checkRateLimit({ policy: RATE_LIMITS.passwordChange, identifier: principal.userId, scale: env.RATE_LIMIT_SCALE });
  for (const [header, value] of Object.entries(limit.headers)) responseHeaders.set(header, value);
  const auth = getAuth();
  const session = await auth.changePassword({
    userId: principal.userId,
    email: principal.email,
    currentPassword: body.currentPassword,
    newPassword: body.newPassword,
  });
  if (principal.via === "cookie") await auth.writeSessionCookies(cookies, session, secure);
  await recordAudit({ userId: principal.userId, action: "auth.password_changed", ip, metadata: { via: principal.via } });
  return session;
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
