// Embedded auth: email + password accounts in auth.users (the shim's table), scrypt hashes,
// HS256 access tokens and rotating opaque refresh tokens stored as hashes.
import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import {
  deleteLocalUser,
  findLocalUserByEmail,
  insertLocalUser,
  insertRefreshToken,
  markSignedIn,
  revokeRefreshSession,
  rotateRefreshToken,
} from "@/lib/db/local-accounts";
import { hashPassword, passwordWeakness, verifyPassword } from "../password";
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken, verifyAccessToken } from "../local-jwt";
import type { AuthAdapter, AuthSession, AuthUser, CookieJar } from "../auth-adapter";

export const ACCESS_COOKIE = "eaa-access-token";
export const REFRESH_COOKIE = "eaa-refresh-token";
const REFRESH_TTL_SECONDS = 60 * 60 * 24 * 30;

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

async function issueSession(user: AuthUser, sessionId: string = randomUUID()): Promise<AuthSession> {
  const refreshToken = randomBytes(32).toString("base64url");
  await insertRefreshToken({
    tokenHash: sha256(refreshToken),
    userId: user.id,
    sessionId,
    expiresAt: new Date(Date.now() + REFRESH_TTL_SECONDS * 1000),
  });
  return {
    access_token: await signAccessToken(user, sessionId),
    refresh_token: refreshToken,
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    token_type: "bearer",
    user,
  };
}

const invalidCredentials = () => new AppError("unauthorized", "Wrong email or password.");

export const localAuth: AuthAdapter = {
  mode: "local",

  async signUp({ email, password, displayName }) {
    const weakness = passwordWeakness(password);
    if (weakness) throw new AppError("bad_request", weakness);
    const user = await insertLocalUser({ email: email.trim().toLowerCase(), encryptedPassword: await hashPassword(password), displayName });
    if (!user) throw new AppError("bad_request", "An account with this email already exists. Sign in instead.", { details: { reason: "email_taken" } });
    return issueSession(user);
  },

  async signIn({ email, password }) {
    const normalized = email.trim().toLowerCase();
    const row = await findLocalUserByEmail({ email: normalized });
    const ok = await verifyPassword(password, row?.encrypted_password);
    if (!row || !ok) throw invalidCredentials();
    await markSignedIn({ userId: row.id });
    return issueSession({ id: row.id, email: row.email ?? normalized });
  },

  async refresh(refreshToken) {
    const row = await rotateRefreshToken({ tokenHash: sha256(refreshToken) });
    if (!row) throw new AppError("unauthorized", "The refresh token is invalid, expired or already used. Sign in again.");
    return issueSession({ id: row.id, email: row.email }, row.sessionId);
  },

  async signOut({ refreshToken }) {
    if (!refreshToken) return;
    await revokeRefreshSession({ tokenHash: sha256(refreshToken) });
  },

  async verifyAccessToken(token) {
    const claims = await verifyAccessToken(token);
    return claims ? { id: claims.sub, email: claims.email } : null;
  },

  async writeSessionCookies(jar, session, secure) {
    const base = { httpOnly: true, sameSite: "lax" as const, secure, path: "/" };
    if (!session) {
      jar.set(ACCESS_COOKIE, "", { ...base, maxAge: 0 });
      jar.set(REFRESH_COOKIE, "", { ...base, maxAge: 0 });
      return;
    }
    jar.set(ACCESS_COOKIE, session.access_token, { ...base, maxAge: REFRESH_TTL_SECONDS });
    jar.set(REFRESH_COOKIE, session.refresh_token, { ...base, maxAge: REFRESH_TTL_SECONDS });
  },

  async userFromCookies(jar: CookieJar, secure: boolean) {
    const access = jar.get(ACCESS_COOKIE);
    if (access) {
      const claims = await verifyAccessToken(access);
      if (claims) return { id: claims.sub, email: claims.email };
    }
    const refresh = jar.get(REFRESH_COOKIE);
    if (!refresh) return null;
    try {
      const session = await localAuth.refresh(refresh);
      await localAuth.writeSessionCookies(jar, session, secure);
      return session.user;
    } catch {
      await localAuth.writeSessionCookies(jar, null, secure);
      return null;
    }
  },

  refreshTokenFromCookies(jar) {
    return jar.get(REFRESH_COOKIE);
  },

  async deleteUser(userId) {
    await deleteLocalUser({ userId });
  },
};
