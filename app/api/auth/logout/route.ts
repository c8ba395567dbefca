// POST /api/auth/logout — end the session on the server, not only on this device: revokes the
// session of the bearer access token and of the refresh token sent in the body
// (`{"refresh_token": "..."}`, as the add-in does), or the cookie session's; then clears the
// cookies. Whatever was presented stops working everywhere: its refresh tokens and its access
// tokens. Credentials are read here rather than by the guard, so that an expired access token
// does not stop the refresh token sent with it from being revoked.
import { withRoute } from "@/lib/api/with-route";
import { readJsonBody } from "@/lib/api/json-body";
import { looksLikeApiKey } from "@/lib/auth/api-keys";
import { getAuth } from "@/lib/auth/get-auth";
import { sessionRequired } from "@/lib/auth/require-key-scope";
import { bearerToken } from "@/lib/auth/resolve-principal";
import { recordAudit } from "@/lib/db/audit-log";
import { AppError } from "@/lib/errors/app-error";
import { logoutBody } from "../schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

const MAX_LOGOUT_BODY_BYTES = 8 * 1024;

async function refreshTokenFromBody(request: Request): Promise<string | undefined> {
  const json = await readJsonBody(request, MAX_LOGOUT_BODY_BYTES, { optional: true });
  if (json === undefined) return undefined;
  const parsed = logoutBody.safeParse(json);
  if (!parsed.success) throw new AppError("bad_request", "refresh_token must be a non-empty string of at most 4096 characters.");
  return parsed.data.refresh_token;
}

export const POST = withRoute({ auth: "none" }, async ({ request, cookies, secure, ip }) => {
  const auth = getAuth();
  const accessToken = bearerToken(request);
  if (accessToken && looksLikeApiKey(accessToken)) throw sessionRequired("An API key does not sign in, so it cannot sign out: revoke it on the dashboard's API keys page instead.");
  const refreshToken = await refreshTokenFromBody(request);
  try {
    // Bearer callers ignore cookies, as everywhere in the API.
    const bearer = accessToken !== undefined || refreshToken !== undefined;
    const { userId } = await auth.signOut(bearer ? { accessToken, refreshToken } : { cookies, secure });
    if (userId) await recordAudit({ userId, action: "auth.logout", ip });
  } finally {
    // Signed out on this device whatever the server could confirm.
    await auth.writeSessionCookies(cookies, null, secure);
  }
  return { ok: true };
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
