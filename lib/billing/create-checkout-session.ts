// A Stripe Checkout session for a paid plan. The user id travels as client_reference_id and in
// the metadata of both the session and the subscription, so the webhook can find the user even
// before the customers row is visible to it.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { findLiveSubscription } from "@/lib/db/billing";
import type { DbClaims } from "@/lib/db/with-rls";
import { getOrCreateCustomer } from "./get-or-create-customer";
import { BILLING_PLANS, priceIdForPlan, type PaidPlan } from "./plans";
import { getStripe } from "./stripe-client";
import { toBillingError } from "./stripe-errors";

export async function createCheckoutSession({
  userId,
  email,
  claims,
  plan,
  origin,
}: {
  userId: string;
  email: string;
  claims: DbClaims;
  plan: PaidPlan;
  origin: string;
}): Promise<{ url: string }> {
  // A second subscription would bill twice: plan changes and cancellation go through the portal.
  const current = await findLiveSubscription({ claims });
  if (current) {
    const state = current.status === "active" || current.status === "trialing" ? "" : ` (status: ${current.status})`;
    throw new AppError(
      "bad_request",
      `You already have a ${BILLING_PLANS[current.plan].name} subscription${state}. Change, fix or cancel it in the billing portal (POST /api/billing/portal).`,
      { status: 409, details: { reason: "already_subscribed", plan: current.plan, status: current.status } },
    );
  }
  const customer = await getOrCreateCustomer({ userId, email });
  try {
    const session = await getStripe().checkout.sessions.create({
      mode: "subscription",
      customer,
      client_reference_id: userId,
      line_items: [{ price: priceIdForPlan(plan), quantity: 1 }],
      metadata: { userId, plan },
      subscription_data: { metadata: { userId, plan } },
      allow_promotion_codes: true,
      success_url: `${origin}/dashboard/billing?checkout=success`,
      cancel_url: `${origin}/dashboard/billing?checkout=canceled`,
    });
    if (!session.url) throw new Error("Stripe returned a checkout session without a url");
    return { url: session.url };
  } catch (error) {
    throw toBillingError(error, "checkout.sessions.create");
  }
}
