// POST /api/auth/refresh — trade a refresh token (body or cookie) for a new session
import { withRoute } from "@/lib/api/with-route";
import { RefreshTokenReusedError } from "@/lib/auth/auth-adapter";
import { readJsonBody } from "@/lib/api/json-body";
import { getAuth } from "@/lib/auth/get-auth";
import { recordAudit } from "@/lib/db/audit-log";
import { AppError } from "@/lib/errors/app-error";
import { refreshBody } from "../schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

// A refresh token is a few hundred bytes; nothing bigger is read.
const MAX_BODY_BYTES = 8 * 1024;

export const POST = withRoute({ auth: "none", rateLimit: "auth" }, async ({ request, cookies, secure, ip }) => {
  const auth = getAuth();
  // The body is optional (cookie callers send none), so the guard's `body` option cannot read it;
  // it is read with the same size cap and JSON rules.
  const json = await readJsonBody(request, MAX_BODY_BYTES, { optional: true });
  let fromBody: string | undefined;
  if (json !== undefined) {
    const parsed = refreshBody.safeParse(json);
    if (!parsed.success) throw new AppError("bad_request", "Send {\"refresh_token\": \"...\"} (a non-empty string) or no body at all.");
    fromBody = parsed.data.refresh_token;
  }
  const refreshToken = fromBody ?? auth.refreshTokenFromCookies(cookies);
  if (!refreshToken) {
    // Supabase keeps its refresh token inside its own cookie: let it refresh itself.
    const user = await auth.userFromCookies(cookies, secure);
    if (!user) throw new AppError("unauthorized", "No refresh token: send {\"refresh_token\": \"...\"} or sign in again.");
    return { user };
  }
  const session = await auth.refresh(refreshToken).catch(async (error: unknown) => {
    // A copied refresh token was used: its session is now revoked; the user sees why.
    if (error instanceof RefreshTokenReusedError) await recordAudit({ userId: error.userId, action: "auth.refresh_token_reused", ip });
    throw error;
  });
  await auth.writeSessionCookies(cookies, session, secure);
  return session;
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
