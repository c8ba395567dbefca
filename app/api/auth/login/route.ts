// POST /api/auth/login — sign in with email and password; sets the session cookie and
// returns the token pair for bearer callers (SPEC section 4)
import { withRoute } from "@/lib/api/with-route";
import { getAuth } from "@/lib/auth/get-auth";
import { findUserIdByEmail, recordAudit } from "@/lib/db/audit-log";
import { isAppError } from "@/lib/errors/app-error";
import { loginBody } from "../schema";

export const POST = withRoute({ auth: "none", rateLimit: "auth", body: loginBody }, async ({ body, cookies, secure, ip }) => {
  const auth = getAuth();
  try {
    const session = await auth.signIn(body);
    await auth.writeSessionCookies(cookies, session, secure);
    await recordAudit({ userId: session.user.id, action: "auth.login", ip });
    return session;
  } catch (error) {
    if (isAppError(error) && error.code === "unauthorized") {
      const userId = await findUserIdByEmail({ email: body.email });
      if (userId) await recordAudit({ userId, action: "auth.login_failed", ip });
    }
    throw error;
  }
});
