// Stripe Checkout and the billing portal for a workspace's team subscription, sold per seat: the
// subscription's quantity is the seat count. The workspace id travels in the metadata of the
// session and the subscription, so the webhook files the subscription under the workspace
// (lib/billing/webhook/handle-stripe-event.ts) instead of giving its buyer a personal plan.
import "server-only";
import { sql } from "kysely";
import { AppError } from "@/lib/errors/app-error";
import { withServiceDb } from "@/lib/db/with-rls";
import { getOrCreateCustomer } from "./get-or-create-customer";
import { priceIdForPlan } from "./plans";
import { getStripe } from "./stripe-client";
import { toBillingError } from "./stripe-errors";

/** Most seats one checkout may buy; more through support. */
const MAX_SEATS = 500;

async function liveWorkspaceSubscription(workspaceId: string) {
  return withServiceDb((tx) =>
    tx
      .selectFrom("subscriptions")
      .select(["id", "status", "quantity", "stripe_customer_id"])
      .where("workspace_id", "=", workspaceId)
      .where("status", "not in", ["canceled", "incomplete_expired"])
      .orderBy(sql`case when status in ('trialing', 'active') then 0 else 1 end`)
      .limit(1)
      .executeTakeFirst(),
  );
}

export async function createWorkspaceCheckout(input: {
  userId: string;
  email: string;
  workspaceId: string;
  seats: number;
  members: number;
  origin: string;
}): Promise<{ url: string }> {
  const { userId, email, workspaceId, seats, members, origin } = input;
  if (seats < members) {
    throw new AppError("bad_request", `The workspace has ${members} members: buy at least ${members} seats, or remove members first.`);
  }
  const live = await liveWorkspaceSubscription(workspaceId);
  if (live) {
    throw new AppError(
      "bad_request",
      `This workspace already has a team subscription for ${live.quantity} seats (status: ${live.status}). Change its seats or cancel it in the billing portal.`,
      { status: 409, details: { reason: "already_subscribed", seats: live.quantity, status: live.status } },
    );
  }
  const customer = await getOrCreateCustomer({ userId, email });
  const metadata = { userId, plan: "team", workspaceId };
  try {
    const session = await getStripe().checkout.sessions.create({
      mode: "subscription",
      customer,
      client_reference_id: userId,
      line_items: [{ price: priceIdForPlan("team"), quantity: seats, adjustable_quantity: { enabled: true, minimum: Math.max(1, members), maximum: MAX_SEATS } }],
      metadata,
      subscription_data: { metadata },
      allow_promotion_codes: true,
      success_url: `${origin}/dashboard/workspaces/${workspaceId}?checkout=success`,
      cancel_url: `${origin}/dashboard/workspaces/${workspaceId}?checkout=canceled`,
    });
    if (!session.url) throw new Error("Stripe returned a checkout session without a url");
    return { url: session.url };
  } catch (error) {
    throw toBillingError(error, "checkout.sessions.create");
  }
}

/** The portal of the customer who pays for the workspace: seats, invoices, cancellation. */
export async function createWorkspacePortal({ workspaceId, origin }: { workspaceId: string; origin: string }): Promise<{ url: string }> {
  const live = await liveWorkspaceSubscription(workspaceId);
  if (!live) {
    throw new AppError("bad_request", "This workspace has no team subscription to manage yet: buy seats first.", {
      status: 409,
      details: { reason: "no_billing_account" },
    });
  }
  try {
    const session = await getStripe().billingPortal.sessions.create({
      customer: live.stripe_customer_id,
      return_url: `${origin}/dashboard/workspaces/${workspaceId}`,
    });
    return { url: session.url };
  } catch (error) {
    throw toBillingError(error, "billingPortal.sessions.create");
  }
}
