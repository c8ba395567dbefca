// POST /api/auth/logout — end the session: revoke its refresh token and clear the cookies
import { withRoute } from "@/lib/api/with-route";
import { getAuth } from "@/lib/auth/get-auth";
import { bearerToken } from "@/lib/auth/resolve-principal";
import { recordAudit } from "@/lib/db/audit-log";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const POST = withRoute({ auth: "optional" }, async ({ request, principal, cookies, secure, ip }) => {
  const auth = getAuth();
  await auth.signOut({ refreshToken: auth.refreshTokenFromCookies(cookies), accessToken: bearerToken(request) });
  await auth.writeSessionCookies(cookies, null, secure);
  if (principal.kind === "user") await recordAudit({ userId: principal.userId, action: "auth.logout", ip });
  return { ok: true };
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
