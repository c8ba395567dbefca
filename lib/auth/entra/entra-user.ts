// The account a verified Microsoft access token signs in as: found by (tenant id, object id),
// created on first sign-in through the auth adapter in use (exactly one, however many requests
// arrive at once, and no more than the per-address sign-up limit allows), and taken into the
// workspaces linked to its tenant.
import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/db/audit-log";
import { findOrCreateEntraAccount } from "@/lib/db/entra-identities";
import { env } from "@/lib/env";
import { limitMicrosoftSignup } from "@/lib/limits/microsoft-signup-limit";
import { logger } from "@/lib/observability/logger";
import type { AuthUser } from "../auth-adapter";
import { getAuth } from "../get-auth";
import { joinTenantWorkspaces } from "@/lib/workspaces/join-tenant-workspaces";
import type { EntraIdentity } from "./verify-entra-token";

const ENTRA_PROVIDER = "microsoft";

/**
 * An address no mailbox has (RFC 2606 reserves `.invalid`), for a person whose token names no
 * address or one another account already uses: accounts are never joined by an email claim,
 * which the person's tenant, not the mailbox owner, decides.
 */
function placeholderAddress({ objectId }: EntraIdentity) {
  return `microsoft-${objectId}-${randomBytes(4).toString("hex")}@accounts.invalid`;
}

/**
 * `network`: clientNetwork() of the caller's address. A new account counts against that
 * address's sign-up budget, checked inside the locked creation, so one person's burst of first
 * requests counts once and a refusal creates nothing.
 */
export async function userOfEntraIdentity(identity: EntraIdentity, { network }: { network: string }): Promise<AuthUser> {
  const auth = getAuth();
  const account = await findOrCreateEntraAccount(identity, async (tx) => {
    await limitMicrosoftSignup({ network, scale: env.RATE_LIMIT_SCALE });
    const input = { displayName: identity.name, provider: ENTRA_PROVIDER };
    const user = identity.email ? await auth.createFederatedUser(tx, { ...input, email: identity.email }) : null;
    if (user) return user;
    const fallback = await auth.createFederatedUser(tx, { ...input, email: placeholderAddress(identity) });
    if (!fallback) throw new Error("a placeholder address was taken");
    return fallback;
  });
  if (account.created) {
    await recordAudit({ userId: account.userId, action: "auth.signup", metadata: { provider: ENTRA_PROVIDER, tenantId: identity.tenantId } });
  }
  if (account.dueForTenantCheck) {
    try {
      await joinTenantWorkspaces({ userId: account.userId, tenantId: identity.tenantId });
    } catch (error) {
      // Signing in must not fail because a workspace could not take the user in; the next
      // check (within the hour) tries again.
      logger.error({ err: (error as Error).message, userId: account.userId }, "tenant-linked workspaces could not take in a Microsoft user");
    }
  }
  return { id: account.userId, email: account.email, authTime: identity.authTime, microsoft: { issuedAt: identity.issuedAt } };
}
