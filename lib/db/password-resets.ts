// Password reset links of local accounts (embedded auth only) and the password changes they and
// the Account page make. Only SHA-256 hashes of link tokens are stored; expiry and single use
// are decided by the database's clock, in one statement, so two racing confirmations cannot
// both succeed.
import "server-only";
import { sql } from "kysely";
import { withServiceDb } from "./with-rls";

/** How long an emailed reset link works. */
export const RESET_LINK_TTL_MINUTES = 30;
const TTL = sql.raw(`interval '${RESET_LINK_TTL_MINUTES} minutes'`);

export async function insertPasswordResetToken({ tokenHash, userId }: { tokenHash: string; userId: string }) {
  await withServiceDb(async (tx) => {
    // Old, finished links are of no use to anyone: keep the table small.
    await tx
      .deleteFrom("password_reset_tokens")
      .where("user_id", "=", userId)
      .where((eb) => eb.or([eb("used_at", "is not", null), eb("expires_at", "<=", sql<Date>`now()`)]))
      .execute();
    await tx
      .insertInto("password_reset_tokens")
      .values({ token_hash: tokenHash, user_id: userId, expires_at: sql<Date>`now() + ${TTL}` })
      .execute();
  });
}

export type ResetTokenUse =
  | { status: "ok"; userId: string; email: string }
  | { status: "unknown" | "used" | "expired" };

/**
 * Spends a reset link and sets the new password hash in one transaction: the link's row is
 * locked, so of two racing confirmations the second sees it used. Every other link of the user
 * stops working too, since the password they were asked for has now been chosen.
 */
export async function consumePasswordResetToken({ tokenHash, encryptedPassword }: { tokenHash: string; encryptedPassword: string }): Promise<ResetTokenUse> {
  return withServiceDb(async (tx) => {
    const row = await tx
      .selectFrom("password_reset_tokens")
      .select(["user_id", sql<boolean>`used_at is not null`.as("used"), sql<boolean>`expires_at <= now()`.as("expired")])
      .where("token_hash", "=", tokenHash)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return { status: "unknown" };
    if (row.used) return { status: "used" };
    if (row.expired) return { status: "expired" };
    const user = await tx
      .updateTable("auth.users")
      .set({ encrypted_password: encryptedPassword, updated_at: sql<Date>`now()` })
      .where("id", "=", row.user_id)
      .returning(["id", "email"])
      .executeTakeFirst();
    if (!user) return { status: "unknown" };
    await tx
      .updateTable("password_reset_tokens")
      .set({ used_at: sql<Date>`now()` })
      .where("user_id", "=", row.user_id)
      .where("used_at", "is", null)
      .execute();
    return { status: "ok", userId: user.id, email: user.email ?? "" };
  });
}

export async function setLocalPassword({ userId, encryptedPassword }: { userId: string; encryptedPassword: string }) {
  await withServiceDb(async (tx) => {
    await tx.updateTable("auth.users").set({ encrypted_password: encryptedPassword, updated_at: sql<Date>`now()` }).where("id", "=", userId).execute();
    // Links asked for before the change must not undo it.
    await tx.updateTable("password_reset_tokens").set({ used_at: sql<Date>`now()` }).where("user_id", "=", userId).where("used_at", "is", null).execute();
  });
}

/**
 * Signs out every session of the user but `keepSessionId` (the one that changed the password).
 * Returns the ids of the sessions ended, for the KV's tombstones.
 */
export async function revokeUserSessions({ userId, keepSessionId }: { userId: string; keepSessionId?: string }): Promise<string[]> {
  return withServiceDb(async (tx) => {
    let query = tx
      .updateTable("auth.refresh_tokens")
      .set({ revoked_at: sql`coalesce(revoked_at, now())` })
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null);
    if (keepSessionId) query = query.where("session_id", "!=", keepSessionId);
    const rows = await query.returning("session_id").execute();
    return [...new Set(rows.map((row) => row.session_id))];
  });
}
