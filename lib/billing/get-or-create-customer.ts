// One Stripe customer per user, created once. Two checkouts at the same moment both miss the
// customers row and both call Stripe, but with the same idempotency key, so Stripe creates one
// customer and answers both with it; the customers primary key keeps the first link.
import "server-only";
import { findStripeCustomerId, saveStripeCustomer } from "@/lib/db/billing";
import { getStripe } from "./stripe-client";
import { toBillingError } from "./stripe-errors";

export async function getOrCreateCustomer({ userId, email }: { userId: string; email: string }): Promise<string> {
  const existing = await findStripeCustomerId({ userId });
  if (existing) return existing;
  let customerId: string;
  try {
    const customer = await getStripe().customers.create(
      // The parameters must be the same on every attempt for the idempotency key to apply.
      { email, metadata: { userId } },
      { idempotencyKey: `customer-create-${userId}` },
    );
    customerId = customer.id;
  } catch (error) {
    throw toBillingError(error, "customers.create");
  }
  return saveStripeCustomer({ userId, stripeCustomerId: customerId });
}
