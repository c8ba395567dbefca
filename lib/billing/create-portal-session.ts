// A Stripe Billing Portal session: invoices, payment method, plan changes and cancellation.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { findStripeCustomerId } from "@/lib/db/billing";
import { getStripe } from "./stripe-client";
import { toBillingError } from "./stripe-errors";

export async function createPortalSession({ userId, origin }: { userId: string; origin: string }): Promise<{ url: string }> {
  const customer = await findStripeCustomerId({ userId });
  if (!customer) {
    throw new AppError("bad_request", "There is no billing account to manage yet: choose a plan first (POST /api/billing/checkout).", {
      status: 409,
      details: { reason: "no_billing_account" },
    });
  }
  try {
    const session = await getStripe().billingPortal.sessions.create({ customer, return_url: `${origin}/dashboard/billing` });
    return { url: session.url };
  } catch (error) {
    throw toBillingError(error, "billingPortal.sessions.create");
  }
}
