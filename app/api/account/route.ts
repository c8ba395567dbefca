// DELETE /api/account — erase my account: the auth user and, by cascade, every row of mine in
// every table. Needs a signed-in session (never an API key), the account's email as
// confirmation, and the password again unless the session signed in within the last 5 minutes
// (someone signed in with Microsoft has no password: a Microsoft token issued within the last 5
// minutes instead; lib/auth/confirm-identity.ts explains why).
// Every session and key of the account stops working at once. The audit entry that survives
// holds no personal data: only a hash of the erased id.
import { createHash } from "node:crypto";
import { withRoute } from "@/lib/api/with-route";
import { forgetApiKeys } from "@/lib/auth/api-key-cache";
import { confirmIdentity } from "@/lib/auth/confirm-identity";
import { getAuth } from "@/lib/auth/get-auth";
import { cancelSubscriptionsForErasure } from "@/lib/billing/cancel-subscriptions-for-erasure";
import { listApiKeyHashes } from "@/lib/db/api-keys";
import { recordAudit } from "@/lib/db/audit-log";
import { AppError } from "@/lib/errors/app-error";
import { deleteAccountBody } from "./schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const DELETE = withRoute({ auth: "user", rateLimit: "api", body: deleteAccountBody }, async ({ principal, body, cookies, secure }) => {
  if (body.confirm.toLowerCase() !== principal.email.toLowerCase()) {
    // Naming the caller's own address helps someone whose Microsoft account got a placeholder
    // address here; it tells them nothing they could not export.
    throw new AppError("bad_request", `To delete your account, send {"confirm": "<your account email>"}; it did not match this account's email, ${principal.email}.`, {
      details: { reason: "confirmation_mismatch" },
    });
  }
  await confirmIdentity({ principal, password: body.password });
  const auth = getAuth();
  // Stripe first: if it cannot be reached, nothing is deleted and the user can retry.
  const cancelledSubscriptions = await cancelSubscriptionsForErasure({ userId: principal.userId });
  const keyHashes = await listApiKeyHashes({ claims: principal.claims });
  await auth.deleteUser(principal.userId);
  // The keys went with the account: every server must stop honouring them now, not in a minute.
  await forgetApiKeys(keyHashes).catch(() => {});
  await recordAudit({
    userId: null,
    action: "account.deleted",
    metadata: { subject: createHash("sha256").update(principal.userId).digest("hex"), cancelledSubscriptions },
  });
  await auth.writeSessionCookies(cookies, null, secure);
  return { deleted: true };
});

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
