// Embedded auth: email + password accounts in auth.users (the shim's table), scrypt hashes,
// HS256 access tokens and rotating opaque refresh tokens stored as hashes.
import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { sql } from "kysely";
import { AppError } from "@/lib/errors/app-error";
import { withServiceDb } from "@/lib/db/with-rls";
import { hashPassword, passwordWeakness, verifyPassword } from "../password";
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken, verifyAccessToken } from "../local-jwt";
import type { AuthAdapter, AuthSession, AuthUser, CookieJar } from "../auth-adapter";

export const ACCESS_COOKIE = "eaa-access-token";
export const REFRESH_COOKIE = "eaa-refresh-token";
const REFRESH_TTL_SECONDS = 60 * 60 * 24 * 30;

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

async function issueSession(user: AuthUser, sessionId = randomUUID()): Promise<AuthSession> {
  const refreshToken = randomBytes(32).toString("base64url");
  await withServiceDb((tx) =>
    tx
      .insertInto("auth.refresh_tokens")
      .values({
        token_hash: sha256(refreshToken),
        user_id: user.id,
        session_id: sessionId,
        expires_at: new Date(Date.now() + REFRESH_TTL_SECONDS * 1000),
      })
      .execute(),
  );
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
    const normalized = email.trim().toLowerCase();
    const encrypted = await hashPassword(password);
    const row = await withServiceDb(async (tx) => {
      const inserted = await tx
        .insertInto("auth.users")
        .values({
          email: normalized,
          encrypted_password: encrypted,
          email_confirmed_at: new Date(),
          raw_user_meta_data: JSON.stringify(displayName ? { display_name: displayName } : {}),
        })
        .onConflict((oc) => oc.column("email").doNothing())
        .returning(["id", "email"])
        .executeTakeFirst();
      return inserted;
    });
    if (!row) throw new AppError("bad_request", "An account with this email already exists. Sign in instead.", { details: { reason: "email_taken" } });
    return issueSession({ id: row.id, email: row.email ?? normalized });
  },

  async signIn({ email, password }) {
    const normalized = email.trim().toLowerCase();
    const row = await withServiceDb((tx) =>
      tx.selectFrom("auth.users").select(["id", "email", "encrypted_password"]).where("email", "=", normalized).executeTakeFirst(),
    );
    const ok = await verifyPassword(password, row?.encrypted_password);
    if (!row || !ok) throw invalidCredentials();
    await withServiceDb((tx) =>
      tx.updateTable("auth.users").set({ last_sign_in_at: new Date() }).where("id", "=", row.id).execute(),
    );
    return issueSession({ id: row.id, email: row.email ?? normalized });
  },

  async refresh(refreshToken) {
    // Rotation: the presented token is revoked in the statement that reads it, so a stolen
    // token replayed later fails. A short reuse window (as Supabase has) lets two requests of
    // the same browser that raced to refresh both succeed.
    const row = await withServiceDb(async (tx) => {
      const token = await tx
        .updateTable("auth.refresh_tokens")
        .set({ rotated_at: sql`coalesce(rotated_at, now())` })
        .where("token_hash", "=", sha256(refreshToken))
        .where("revoked_at", "is", null)
        .where((eb) =>
          eb.or([
            eb("rotated_at", "is", null),
            eb("rotated_at", ">", sql<Date>`now() - interval '10 seconds'`),
          ]),
        )
        .where("expires_at", ">", new Date())
        .returning(["user_id", "session_id"])
        .executeTakeFirst();
      if (!token) return undefined;
      const user = await tx.selectFrom("auth.users").select(["id", "email"]).where("id", "=", token.user_id).executeTakeFirst();
      return user ? { ...user, session_id: token.session_id } : undefined;
    });
    if (!row) throw new AppError("unauthorized", "The refresh token is invalid, expired or already used. Sign in again.");
    return issueSession({ id: row.id, email: row.email ?? "" }, row.session_id as ReturnType<typeof randomUUID>);
  },

  async signOut({ refreshToken }) {
    if (!refreshToken) return;
    await withServiceDb(async (tx) => {
      const token = await tx
        .selectFrom("auth.refresh_tokens")
        .select("session_id")
        .where("token_hash", "=", sha256(refreshToken))
        .executeTakeFirst();
      if (!token) return;
      await tx
        .updateTable("auth.refresh_tokens")
        .set({ revoked_at: sql`coalesce(revoked_at, now())` })
        .where("session_id", "=", token.session_id)
        .execute();
    });
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
    await withServiceDb((tx) => tx.deleteFrom("auth.users").where("id", "=", userId).execute());
  },
};
