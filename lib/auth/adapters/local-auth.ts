// Embedded auth: email + password accounts in auth.users (the shim's table), scrypt hashes,
// HS256 access tokens and rotating opaque refresh tokens stored as hashes.
import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import {
  deleteLocalUser,
  findLocalUserByEmail,
  findLocalUserById,
  insertLocalUser,
  insertRefreshToken,
  listSessionIds,
  markSignedIn,
  revokeSession,
  revokeSessionOfRefreshToken,
  rotateRefreshToken,
} from "@/lib/db/local-accounts";
import { consumePasswordResetToken, insertPasswordResetToken, RESET_LINK_TTL_MINUTES, revokeUserSessions, setLocalPassword } from "@/lib/db/password-resets";
import { getMailer } from "@/lib/email/get-mailer";
import { passwordResetEmail } from "@/lib/email/password-reset-email";
import { logger } from "@/lib/observability/logger";
import { hashPassword, passwordWeakness, verifyPassword } from "../password";
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken, verifyAccessToken } from "../local-jwt";
import { forgetSessions, isSessionActive } from "../session-cache";
import { RefreshTokenReusedError, type AuthAdapter, type AuthSession, type AuthUser, type CookieJar } from "../auth-adapter";

export const ACCESS_COOKIE = "eaa-access-token";
const REFRESH_COOKIE = "eaa-refresh-token";
const REFRESH_TTL_SECONDS = 60 * 60 * 24 * 30;

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/**
 * A new token pair: for a new session at sign-in (authenticated now), or the next rotation of
 * an existing one, which keeps its session id and the time its user signed in.
 */
async function issueSession(
  user: { id: string; email: string },
  session: { id: string; authenticatedAt: Date | null } = { id: randomUUID(), authenticatedAt: new Date() },
): Promise<AuthSession> {
  const refreshToken = randomBytes(32).toString("base64url");
  await insertRefreshToken({
    tokenHash: sha256(refreshToken),
    userId: user.id,
    sessionId: session.id,
    expiresAt: new Date(Date.now() + REFRESH_TTL_SECONDS * 1000),
    authenticatedAt: session.authenticatedAt,
  });
  return {
    access_token: await signAccessToken(user, session.id, session.authenticatedAt),
    refresh_token: refreshToken,
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    token_type: "bearer",
    user: { id: user.id, email: user.email },
  };
}

/** The user of a local access token that is well signed, unexpired, and of a session still signed in. */
async function userOfAccessToken(token: string): Promise<AuthUser | null> {
  const claims = await verifyAccessToken(token);
  if (!claims) return null;
  if (!(await isSessionActive({ sessionId: claims.session_id, userId: claims.sub }))) return null;
  return { id: claims.sub, email: claims.email, authTime: typeof claims.auth_time === "number" ? claims.auth_time : undefined };
}

/** Ends every session of the user in the database, then on every server. */
async function endAllSessions(userId: string) {
  await forgetSessions(await revokeUserSessions({ userId }));
}

const RESET_REFUSED = {
  unknown: "This reset link is not valid. Ask for a new one from the sign-in page (Forgot password?).",
  used: "This reset link was already used. Ask for a new one from the sign-in page (Forgot password?).",
  expired: `This reset link has expired: links work for ${RESET_LINK_TTL_MINUTES} minutes. Ask for a new one from the sign-in page (Forgot password?).`,
} as const;

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
    const result = await rotateRefreshToken({ tokenHash: sha256(refreshToken) });
    if (result.status === "reused") {
      await forgetSessions([result.sessionId]);
      logger.warn({ userId: result.userId }, "refresh token reused after its grace window: session revoked");
      throw new RefreshTokenReusedError(result.userId);
    }
    if (result.status !== "rotated") throw new AppError("unauthorized", "The refresh token is invalid, expired or signed out. Sign in again.");
    return issueSession(result.user, { id: result.sessionId, authenticatedAt: result.authenticatedAt });
  },

  async signOut({ refreshToken, accessToken, cookies }) {
    const ended: { sessionId: string; userId: string }[] = [];
    const refresh = refreshToken ?? cookies?.get(REFRESH_COOKIE);
    if (refresh) {
      const session = await revokeSessionOfRefreshToken({ tokenHash: sha256(refresh) });
      if (session) ended.push(session);
    }
    // The access token names its session too: a bearer sign-out without the refresh token
    // (an older add-in) still ends the session. Only a token we signed is believed.
    const access = accessToken ?? cookies?.get(ACCESS_COOKIE);
    const claims = access ? await verifyAccessToken(access) : null;
    if (claims && !ended.some((s) => s.sessionId === claims.session_id)) {
      await revokeSession({ sessionId: claims.session_id, userId: claims.sub });
      ended.push({ sessionId: claims.session_id, userId: claims.sub });
    }
    // Revoked in the database above; now every server stops honouring the access tokens.
    await forgetSessions(ended.map((s) => s.sessionId));
    return { userId: ended[0]?.userId ?? null };
  },

  async verifyPassword({ userId, password }) {
    const row = await findLocalUserById({ userId });
    return verifyPassword(password, row?.encrypted_password);
  },

  async changePassword({ userId, currentPassword, newPassword }) {
    const row = await findLocalUserById({ userId });
    if (!(await verifyPassword(currentPassword, row?.encrypted_password)) || !row)
      throw new AppError("forbidden", "Your current password is not right. Type the password you sign in with now.", { details: { reason: "wrong_password" } });
    const weakness = passwordWeakness(newPassword);
    if (weakness) throw new AppError("bad_request", weakness, { details: { reason: "weak_password" } });
    if (newPassword === currentPassword)
      throw new AppError("bad_request", "The new password is the same as the current one. Choose a different password.", { details: { reason: "same_password" } });
    await setLocalPassword({ userId, encryptedPassword: await hashPassword(newPassword) });
    // Every session ends, this device's too; it gets a new one below, signed in now.
    await endAllSessions(userId);
    return issueSession({ id: row.id, email: row.email ?? "" });
  },

  async requestPasswordReset({ email, resetPageUrl }) {
    const row = await findLocalUserByEmail({ email: email.trim().toLowerCase() });
    // Accounts made by Microsoft sign-in have no password, and their address is only what the
    // tenant said: a reset link must not give a password to whoever reads that mailbox.
    if (!row?.email || !row.encrypted_password) return;
    const token = randomBytes(32).toString("base64url");
    await insertPasswordResetToken({ tokenHash: sha256(token), userId: row.id });
    const link = `${resetPageUrl}?token=${encodeURIComponent(token)}`;
    await getMailer().send(passwordResetEmail({ to: row.email, link, validMinutes: RESET_LINK_TTL_MINUTES }));
  },

  async confirmPasswordReset({ token, password }) {
    const weakness = passwordWeakness(password);
    if (weakness) throw new AppError("bad_request", weakness, { details: { reason: "weak_password" } });
    const result = await consumePasswordResetToken({ tokenHash: sha256(token), encryptedPassword: await hashPassword(password) });
    if (result.status !== "ok") throw new AppError("bad_request", RESET_REFUSED[result.status], { details: { reason: `reset_link_${result.status}` } });
    await endAllSessions(result.userId);
    await markSignedIn({ userId: result.userId });
    return issueSession({ id: result.userId, email: result.email });
  },

  verifyAccessToken: userOfAccessToken,

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

  async userFromCookies(jar: CookieJar, secure: boolean, options = {}) {
    const access = jar.get(ACCESS_COOKIE);
    if (access) {
      const user = await userOfAccessToken(access);
      if (user) return user;
    }
    const refresh = jar.get(REFRESH_COOKIE);
    if (!refresh || options.refresh === false) return null;
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

  async createFederatedUser(tx, { email, displayName, provider }) {
    // No password: the account signs in only through its provider. The address is the
    // provider's word, so it is not marked confirmed.
    const row = await tx
      .insertInto("auth.users")
      .values({ email, raw_user_meta_data: JSON.stringify({ ...(displayName ? { display_name: displayName } : {}), provider }) })
      .onConflict((oc) => oc.column("email").doNothing())
      .returning(["id", "email"])
      .executeTakeFirst();
    return row ? { id: row.id, email: row.email ?? email } : null;
  },

  async deleteUser(userId) {
    const sessionIds = await listSessionIds({ userId });
    await deleteLocalUser({ userId });
    // The tokens went with the user: every server must stop honouring its access tokens now.
    await forgetSessions(sessionIds);
  },
};
