// Local session access tokens: HS256 JWTs whose claims match Supabase's (sub, email,
// role: authenticated, aud, exp), so RLS reads them the same way in both modes.
import "server-only";
import { SignJWT, jwtVerify } from "jose";
import { getAuthSecret } from "./auth-secret";

export const ACCESS_TOKEN_TTL_SECONDS = 60 * 60;
export const JWT_AUDIENCE = "authenticated";
export const JWT_ISSUER = "excel-ai-assistant/auth/v1";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccessClaims {
  sub: string;
  email: string;
  role: "authenticated";
  aud: string;
  exp: number;
  session_id: string;
  /** When the user signed in to this session (epoch seconds), kept through refreshes (OIDC's auth_time). */
  auth_time?: number;
}

export async function signAccessToken(user: { id: string; email: string }, sessionId: string, authenticatedAt: Date | null = null) {
  const authTime = authenticatedAt ? { auth_time: Math.floor(authenticatedAt.getTime() / 1000) } : {};
  return new SignJWT({ email: user.email, role: "authenticated", session_id: sessionId, ...authTime })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(user.id)
    .setAudience(JWT_AUDIENCE)
    .setIssuer(JWT_ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
    .sign(getAuthSecret());
}

/** Null for anything not signed by us, expired, for another audience, or with another alg. */
export async function verifyAccessToken(token: string): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, getAuthSecret(), {
      algorithms: ["HS256"],
      audience: JWT_AUDIENCE,
      issuer: JWT_ISSUER,
      requiredClaims: ["sub", "exp"],
    });
    if (payload.role !== "authenticated" || typeof payload.sub !== "string") return null;
    // Every session token names its session, so that signing out can end it.
    if (typeof payload.session_id !== "string" || !UUID.test(payload.session_id)) return null;
    return payload as unknown as AccessClaims;
  } catch {
    return null;
  }
}
