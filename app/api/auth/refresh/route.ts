// POST /api/auth/refresh — trade a refresh token (body or cookie) for a new session
import { withRoute } from "@/lib/api/with-route";
import { RefreshTokenReusedError } from "@/lib/auth/auth-adapter";
import { getAuth } from "@/lib/auth/get-auth";
import { recordAudit } from "@/lib/db/audit-log";
import { AppError } from "@/lib/errors/app-error";
import { refreshBody } from "../schema";

export const POST = withRoute({ auth: "none", rateLimit: "auth" }, async ({ request, cookies, secure, ip }) => {
  const auth = getAuth();
  const text = await request.text();
  let fromBody: string | undefined;
  if (text.trim()) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppError("bad_request", "The request body is not valid JSON; send {\"refresh_token\": \"...\"} or nothing.");
    }
    const parsed = refreshBody.safeParse(json);
    if (!parsed.success) throw new AppError("bad_request", "refresh_token must be a non-empty string.");
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
