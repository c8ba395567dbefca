// Local accounts (embedded auth only): users and refresh tokens in the shim's auth schema,
// written as service_role the way Supabase's GoTrue manages its own tables. Only hashes of
// refresh tokens are stored.
import "server-only";
import { sql } from "kysely";
import { withServiceDb } from "./with-rls";

/**
 * How long a rotated refresh token stays usable, for requests that raced to refresh with the
 * same token (two tabs, a retry after a lost response), as Supabase's reuse interval. After it,
 * presenting a rotated token means it was copied: the whole session is revoked.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 10;
const REUSE_GRACE = sql.raw(`interval '${REFRESH_REUSE_GRACE_SECONDS} seconds'`);

/** The new user, or null when the email is taken. A profile follows by trigger. */
export async function insertLocalUser({ email, encryptedPassword, displayName }: { email: string; encryptedPassword: string; displayName?: string }) {
  const row = await withServiceDb((tx) =>
    tx
      .insertInto("auth.users")
      .values({
        email,
        encrypted_password: encryptedPassword,
        email_confirmed_at: new Date(),
        raw_user_meta_data: JSON.stringify(displayName ? { display_name: displayName } : {}),
      })
      .onConflict((oc) => oc.column("email").doNothing())
      .returning(["id", "email"])
      .executeTakeFirst(),
  );
  return row ? { id: row.id, email: row.email ?? email } : null;
}

export async function findLocalUserByEmail({ email }: { email: string }) {
  return withServiceDb((tx) =>
    tx.selectFrom("auth.users").select(["id", "email", "encrypted_password"]).where("email", "=", email).executeTakeFirst(),
  );
}

export async function findLocalUserById({ userId }: { userId: string }) {
  return withServiceDb((tx) =>
    tx.selectFrom("auth.users").select(["id", "email", "encrypted_password"]).where("id", "=", userId).executeTakeFirst(),
  );
}

export async function markSignedIn({ userId }: { userId: string }) {
  await withServiceDb((tx) => tx.updateTable("auth.users").set({ last_sign_in_at: new Date() }).where("id", "=", userId).execute());
}

export async function insertRefreshToken({
  tokenHash,
  userId,
  sessionId,
  expiresAt,
  authenticatedAt,
}: {
  tokenHash: string;
  userId: string;
  sessionId: string;
  expiresAt: Date;
  authenticatedAt: Date | null;
}) {
  await withServiceDb((tx) =>
    tx
      .insertInto("auth.refresh_tokens")
      .values({ token_hash: tokenHash, user_id: userId, session_id: sessionId, expires_at: expiresAt, authenticated_at: authenticatedAt })
      .execute(),
  );
}

export type RotationResult =
  | { status: "rotated"; user: { id: string; email: string }; sessionId: string; authenticatedAt: Date | null }
  /** A rotated token presented after the grace window: every token of its session is now revoked. */
  | { status: "reused"; userId: string; sessionId: string }
  | { status: "invalid" };

/**
 * Rotation: the presented token is marked rotated under a row lock, so of two racing requests
 * the second sees the first's mark. Within the grace window a rotated token is honoured again
 * (in the same session); after it, its reuse revokes the session family.
 */
export async function rotateRefreshToken({ tokenHash }: { tokenHash: string }): Promise<RotationResult> {
  return withServiceDb(async (tx) => {
    const token = await tx
      .selectFrom("auth.refresh_tokens")
      .select([
        "user_id",
        "session_id",
        "authenticated_at",
        sql<boolean>`revoked_at is not null or expires_at <= now()`.as("dead"),
        sql<boolean>`rotated_at is not null and rotated_at <= now() - ${REUSE_GRACE}`.as("reused"),
      ])
      .where("token_hash", "=", tokenHash)
      .forUpdate()
      .executeTakeFirst();
    if (!token || token.dead) return { status: "invalid" };
    if (token.reused) {
      await tx
        .updateTable("auth.refresh_tokens")
        .set({ revoked_at: sql`coalesce(revoked_at, now())` })
        .where("session_id", "=", token.session_id)
        .execute();
      return { status: "reused", userId: token.user_id, sessionId: token.session_id };
    }
    await tx.updateTable("auth.refresh_tokens").set({ rotated_at: sql`coalesce(rotated_at, now())` }).where("token_hash", "=", tokenHash).execute();
    const user = await tx.selectFrom("auth.users").select(["id", "email"]).where("id", "=", token.user_id).executeTakeFirst();
    if (!user) return { status: "invalid" };
    return {
      status: "rotated",
      user: { id: user.id, email: user.email ?? "" },
      sessionId: token.session_id,
      authenticatedAt: token.authenticated_at ? new Date(token.authenticated_at) : null,
    };
  });
}

/** Signs out the whole session a refresh token belongs to (every rotation of it). */
export async function revokeSessionOfRefreshToken({ tokenHash }: { tokenHash: string }) {
  return withServiceDb(async (tx) => {
    const token = await tx.selectFrom("auth.refresh_tokens").select(["session_id", "user_id"]).where("token_hash", "=", tokenHash).executeTakeFirst();
    if (!token) return null;
    await tx
      .updateTable("auth.refresh_tokens")
      .set({ revoked_at: sql`coalesce(revoked_at, now())` })
      .where("session_id", "=", token.session_id)
      .execute();
    return { sessionId: token.session_id, userId: token.user_id };
  });
}

/** Signs out a session by id (from a verified access token's claims); only the user's own. */
export async function revokeSession({ sessionId, userId }: { sessionId: string; userId: string }) {
  await withServiceDb((tx) =>
    tx
      .updateTable("auth.refresh_tokens")
      .set({ revoked_at: sql`coalesce(revoked_at, now())` })
      .where("session_id", "=", sessionId)
      .where("user_id", "=", userId)
      .execute(),
  );
}

/**
 * Whether the session is still signed in: one of its tokens is neither revoked nor expired, and
 * its user still exists (tokens go with the user). Asked for every access token, through the
 * KV's memory of the answer (lib/auth/session-cache.ts).
 */
export async function sessionIsActive({ sessionId, userId }: { sessionId: string; userId: string }): Promise<boolean> {
  const row = await withServiceDb((tx) =>
    tx
      .selectFrom("auth.refresh_tokens")
      .select("session_id")
      .where("session_id", "=", sessionId)
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", sql<Date>`now()`)
      .limit(1)
      .executeTakeFirst(),
  );
  return row !== undefined;
}

/** Every session id the user has had (before erasing the account, to end them everywhere). */
export async function listSessionIds({ userId }: { userId: string }): Promise<string[]> {
  const rows = await withServiceDb((tx) =>
    tx.selectFrom("auth.refresh_tokens").select("session_id").distinct().where("user_id", "=", userId).where("revoked_at", "is", null).execute(),
  );
  return rows.map((row) => row.session_id);
}

export async function deleteLocalUser({ userId }: { userId: string }) {
  await withServiceDb((tx) => tx.deleteFrom("auth.users").where("id", "=", userId).execute());
}
