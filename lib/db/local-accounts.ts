// Local accounts (embedded auth only): users and refresh tokens in the shim's auth schema,
// written as service_role the way Supabase's GoTrue manages its own tables. Only hashes of
// refresh tokens are stored.
import "server-only";
import { sql } from "kysely";
import { withServiceDb } from "./with-rls";

/** How long a rotated refresh token stays usable, for two requests that raced to refresh. */
const ROTATION_GRACE = sql<Date>`now() - interval '10 seconds'`;

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

export async function markSignedIn({ userId }: { userId: string }) {
  await withServiceDb((tx) => tx.updateTable("auth.users").set({ last_sign_in_at: new Date() }).where("id", "=", userId).execute());
}

export async function insertRefreshToken({ tokenHash, userId, sessionId, expiresAt }: { tokenHash: string; userId: string; sessionId: string; expiresAt: Date }) {
  await withServiceDb((tx) =>
    tx.insertInto("auth.refresh_tokens").values({ token_hash: tokenHash, user_id: userId, session_id: sessionId, expires_at: expiresAt }).execute(),
  );
}

/**
 * Rotation: the presented token is marked rotated in the statement that reads it, so a stolen
 * token replayed later fails; within the grace window it still works once more (as Supabase's
 * reuse interval). Returns the token's user and session, or undefined.
 */
export async function rotateRefreshToken({ tokenHash }: { tokenHash: string }) {
  return withServiceDb(async (tx) => {
    const token = await tx
      .updateTable("auth.refresh_tokens")
      .set({ rotated_at: sql`coalesce(rotated_at, now())` })
      .where("token_hash", "=", tokenHash)
      .where("revoked_at", "is", null)
      .where((eb) => eb.or([eb("rotated_at", "is", null), eb("rotated_at", ">", ROTATION_GRACE)]))
      .where("expires_at", ">", new Date())
      .returning(["user_id", "session_id"])
      .executeTakeFirst();
    if (!token) return undefined;
    const user = await tx.selectFrom("auth.users").select(["id", "email"]).where("id", "=", token.user_id).executeTakeFirst();
    return user ? { id: user.id, email: user.email ?? "", sessionId: token.session_id } : undefined;
  });
}

/** Signs out the whole session the token belongs to (every rotation of it). */
export async function revokeRefreshSession({ tokenHash }: { tokenHash: string }) {
  await withServiceDb(async (tx) => {
    const token = await tx.selectFrom("auth.refresh_tokens").select("session_id").where("token_hash", "=", tokenHash).executeTakeFirst();
    if (!token) return;
    await tx
      .updateTable("auth.refresh_tokens")
      .set({ revoked_at: sql`coalesce(revoked_at, now())` })
      .where("session_id", "=", token.session_id)
      .execute();
  });
}

export async function deleteLocalUser({ userId }: { userId: string }) {
  await withServiceDb((tx) => tx.deleteFrom("auth.users").where("id", "=", userId).execute());
}
