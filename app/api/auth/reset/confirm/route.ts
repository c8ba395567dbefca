// POST /api/auth/reset/confirm — set a new password with the emailed link's token: the link
// works once, every session of the account is signed out, and this device is signed in anew
// (cookies, and the token pair in the answer). A used, expired or unknown link gets a 400
// saying which, and how to get a new one.
import { withRoute } from "@/lib/api/with-route";
import { getAuth } from "@/lib/auth/get-auth";
import { recordAudit } from "@/lib/db/audit-log";
import { resetConfirmBody } from "../../schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const POST = withRoute({ auth: "none", rateLimit: "auth", body: resetConfirmBody }, async ({ body, cookies, secure, ip }) => {
  const auth = getAuth();
  const session = await auth.confirmPasswordReset({ token: body.token, password: body.password });
  await auth.writeSessionCookies(cookies, session, secure);
  await recordAudit({ userId: session.user.id, action: "auth.password_reset_completed", ip });
  return session;
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
