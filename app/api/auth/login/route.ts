// POST /api/auth/login — sign in with email and password; sets the session cookie and
// returns the token pair for bearer callers. Attempts are limited per device the account has
// used before, or else per client address and per account (lib/limits/sign-in-limits.ts).
import { withRoute } from "@/lib/api/with-route";
import { clientNetwork } from "@/lib/api/client-ip";
import { getAuth } from "@/lib/auth/get-auth";
import { accountTag, knownDevice, readDeviceCookie, rememberDevice, writeDeviceCookie } from "@/lib/auth/trusted-device";
import { findUserIdByEmail, recordAudit } from "@/lib/db/audit-log";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";
import { limitSignInAttempt } from "@/lib/limits/sign-in-limits";
import { loginBody } from "../schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const POST = withRoute({ auth: "none", body: loginBody }, async ({ body, cookies, secure, ip, responseHeaders }) => {
  const account = accountTag(body.email);
  const cookieValue = readDeviceCookie(cookies);
  const deviceId = knownDevice({ account, values: [cookieValue, body.device_token] });
  const limit = await limitSignInAttempt({ account, network: clientNetwork(ip), deviceId, scale: env.RATE_LIMIT_SCALE });
  for (const [header, value] of Object.entries(limit.headers)) responseHeaders.set(header, value);

  const auth = getAuth();
  try {
    const { device_token: sentToken, ...credentials } = body;
    const session = await auth.signIn(credentials);
    await auth.writeSessionCookies(cookies, session, secure);
    const remembered = rememberDevice({ account, deviceId, previous: cookieValue ?? sentToken });
    if (remembered) writeDeviceCookie(cookies, remembered, secure);
    await recordAudit({ userId: session.user.id, action: "auth.login", ip, metadata: { knownDevice: deviceId !== null } });
    return sentToken === undefined ? session : { ...session, device_token: remembered };
  } catch (error) {
    if (isAppError(error) && error.code === "unauthorized") {
      const userId = await findUserIdByEmail({ email: body.email });
      if (userId) await recordAudit({ userId, action: "auth.login_failed", ip, metadata: { knownDevice: deviceId !== null } });
    }
    throw error;
  }
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
