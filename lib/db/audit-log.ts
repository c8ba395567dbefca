// Security-relevant events (docs/security.md, "Audit log"). Written by the server only; users read
// their own.
import "server-only";
import { withServiceDb, withUserDb, type DbClaims } from "./with-rls";
import { logger } from "@/lib/observability/logger";
import { isoTimestamp } from "./row-values";
import { UNKNOWN_CLIENT } from "@/lib/api/client-ip";

export type AuditAction =
  | "auth.signup"
  | "auth.login"
  | "auth.login_failed"
  | "auth.logout"
  | "auth.refresh_token_reused"
  | "auth.password_changed"
  | "auth.password_reset_requested"
  | "auth.password_reset_completed"
  | "api_key.created"
  | "api_key.revoked"
  | "account.exported"
  | "account.deleted"
  | "billing.plan_changed"
  | "settings.updated"
  | "history.deleted";

/** `ip`: the client's address as lib/api/client-ip.ts decided it; an unknown one is stored as null. */
export async function recordAudit(entry: { userId: string | null; action: AuditAction; ip?: string; metadata?: Record<string, unknown> }) {
  const ip = entry.ip && entry.ip !== UNKNOWN_CLIENT ? entry.ip : null;
  try {
    await withServiceDb((tx) =>
      tx
        .insertInto("audit_log")
        .values({ user_id: entry.userId, action: entry.action, ip, metadata: JSON.stringify(entry.metadata ?? {}) })
        .execute(),
    );
  } catch (error) {
    // An audit write failing must not turn a successful action into an error for the user.
    logger.error({ action: entry.action, err: (error as Error).message }, "audit write failed");
  }
}

export interface AuditLogEntry {
  id: string;
  action: string;
  ip: string | null;
  metadata: Record<string, unknown>;
  createdAt: string;
}

/**
 * My audit entries, newest first, a page at a time: `before` is the `nextCursor` of the previous
 * page (an entry id; ids grow with insertion). RLS returns only the caller's own rows.
 */
export async function listAuditLog({
  claims,
  limit = 100,
  before,
}: {
  claims: DbClaims;
  limit?: number;
  before?: string;
}): Promise<{ entries: AuditLogEntry[]; nextCursor: string | null }> {
  const rows = await withUserDb(claims, (tx) => {
    let query = tx.selectFrom("audit_log").select(["id", "action", "ip", "metadata", "created_at"]);
    if (before !== undefined) query = query.where("id", "<", before);
    return query.orderBy("id", "desc").limit(limit + 1).execute();
  });
  const page = rows.slice(0, limit);
  return {
    entries: page.map((row) => ({
      id: String(row.id),
      action: row.action,
      ip: row.ip,
      metadata: row.metadata as Record<string, unknown>,
      createdAt: isoTimestamp(row.created_at),
    })),
    nextCursor: rows.length > limit && page.length ? String(page[page.length - 1].id) : null,
  };
}

/** For audit entries about a sign-in attempt on an existing account. */
export async function findUserIdByEmail({ email }: { email: string }) {
  const row = await withServiceDb((tx) =>
    tx.selectFrom("auth.users").select("id").where("email", "=", email.trim().toLowerCase()).executeTakeFirst(),
  );
  return row?.id ?? null;
}
