// Before an account is erased, every subscription Stripe could still charge is cancelled at
// once: deleting our rows alone would leave the card being billed for a user who no longer exists.
import "server-only";
import { listChargeableSubscriptionIds } from "@/lib/db/billing";
import { billingEnabled } from "./billing-mode";
import { getStripe } from "./stripe-client";
import { isStripeNotFound, toBillingError } from "./stripe-errors";

export async function cancelSubscriptionsForErasure({ userId }: { userId: string }): Promise<number> {
  if (!billingEnabled()) return 0;
  const ids = await listChargeableSubscriptionIds({ userId });
  for (const id of ids) {
    try {
      await getStripe().subscriptions.cancel(id, { prorate: true });
    } catch (error) {
      if (isStripeNotFound(error)) continue; // already gone on Stripe's side
      throw toBillingError(error, "cancel the subscription before deleting the account");
    }
  }
  return ids.length;
}
