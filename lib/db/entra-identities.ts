// Microsoft Entra ID identities and the accounts they sign in as, written as service_role: the
// server decides who a verified token's person is, as Supabase's Auth server does for its own
// identities. Creating an account happens under a transaction-scoped advisory lock on the
// identity, so concurrent first sign-ins of one person create exactly one account.
import "server-only";
import { sql } from "kysely";
import { withServiceDb, type Tx } from "./with-rls";

export interface EntraIdentityKey {
  tenantId: string;
  objectId: string;
}

export interface EntraAccount {
  userId: string;
  email: string;
  /**
   * True at most once an hour per identity (and on creation): the caller then lets workspaces
   * linked to the tenant take the user in, without doing so on every request.
   */
  dueForTenantCheck: boolean;
}

/** How long a returning user's tenant-linked workspaces stay checked. */
const TENANT_CHECK_INTERVAL = sql.raw("interval '1 hour'");

async function findAccount(tx: Tx, { tenantId, objectId }: EntraIdentityKey): Promise<EntraAccount | null> {
  const row = await tx
    .selectFrom("entra_identities")
    .innerJoin("auth.users", "auth.users.id", "entra_identities.user_id")
    .select(["entra_identities.user_id", "auth.users.email"])
    .where("entra_identities.tenant_id", "=", tenantId)
    .where("entra_identities.object_id", "=", objectId)
    .executeTakeFirst();
  if (!row) return null;
  // Claimed by one request an hour: the update's row lock makes concurrent ones see it done.
  const touched = await tx
    .updateTable("entra_identities")
    .set({ last_seen_at: sql<Date>`now()` })
    .where("tenant_id", "=", tenantId)
    .where("object_id", "=", objectId)
    .where("last_seen_at", "<", sql<Date>`now() - ${TENANT_CHECK_INTERVAL}`)
    .executeTakeFirst();
  return { userId: row.user_id, email: row.email ?? "", dueForTenantCheck: Number(touched.numUpdatedRows) > 0 };
}

/**
 * The account of an identity, created with `create` when there is none yet. `create` runs inside
 * the locked transaction (it may insert through `tx`) and is called at most once per identity.
 */
export async function findOrCreateEntraAccount(
  identity: EntraIdentityKey,
  create: (tx: Tx) => Promise<{ id: string; email: string }>,
): Promise<EntraAccount & { created: boolean }> {
  return withServiceDb(async (tx) => {
    const existing = await findAccount(tx, identity);
    if (existing) return { ...existing, created: false };
    await sql`select pg_advisory_xact_lock(hashtextextended(${`entra:${identity.tenantId}:${identity.objectId}`}, 0))`.execute(tx);
    // Read committed: this statement sees an account committed while we waited for the lock.
    const raced = await findAccount(tx, identity);
    if (raced) return { ...raced, created: false };
    const user = await create(tx);
    await tx.insertInto("entra_identities").values({ tenant_id: identity.tenantId, object_id: identity.objectId, user_id: user.id }).execute();
    return { userId: user.id, email: user.email, dueForTenantCheck: true, created: true };
  });
}
