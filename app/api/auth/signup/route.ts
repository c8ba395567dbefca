// POST /api/auth/signup — create an account and sign in (local or Supabase Auth)
import { withRoute } from "@/lib/api/with-route";
import { getAuth } from "@/lib/auth/get-auth";
import { recordAudit } from "@/lib/db/audit-log";
import { signupBody } from "../schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const POST = withRoute({ auth: "none", rateLimit: "auth", body: signupBody }, async ({ body, cookies, secure, ip }) => {
  const auth = getAuth();
  const session = await auth.signUp(body);
  await auth.writeSessionCookies(cookies, session, secure);
  await recordAudit({ userId: session.user.id, action: "auth.signup", ip });
  return Response.json(session, { status: 201 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
