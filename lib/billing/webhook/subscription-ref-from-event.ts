// Which subscription a Stripe event is about. The event's own copy of the object is only used
// to find the subscription id and hints for the user: its state may be stale (events arrive
// out of order), so the handler re-fetches the subscription from Stripe.
import { z } from "zod";
import type { StripeEventEnvelope } from "./verify-stripe-event";

export interface SubscriptionRef {
  subscriptionId: string;
  /** A user id the event names directly (checkout's client_reference_id or metadata). */
  userIdHint: string | null;
}

// Expandable fields arrive as an id or as the object itself.
const idOf = z.union([z.string(), z.object({ id: z.string() })]).transform((value) => (typeof value === "string" ? value : value.id));
const metadata = z.record(z.string(), z.string()).nullish();

const checkoutSession = z.object({
  mode: z.string().nullish(),
  subscription: idOf.nullish(),
  client_reference_id: z.string().nullish(),
  metadata,
});
const subscription = z.object({ id: z.string(), metadata });
const invoice = z.object({
  // Current API versions: parent.subscription_details.subscription; older ones: subscription.
  parent: z.object({ subscription_details: z.object({ subscription: idOf.nullish() }).nullish() }).nullish(),
  subscription: idOf.nullish(),
});

/** The subscription the event concerns, or null when the event is not one we act on. */
export function subscriptionRefFromEvent(event: StripeEventEnvelope): SubscriptionRef | null {
  const object = event.data.object;
  switch (event.type) {
    case "checkout.session.completed": {
      const session = checkoutSession.safeParse(object);
      if (!session.success || !session.data.subscription) return null; // not a subscription checkout
      return {
        subscriptionId: session.data.subscription,
        userIdHint: session.data.client_reference_id ?? session.data.metadata?.userId ?? null,
      };
    }
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
    case "customer.subscription.paused":
    case "customer.subscription.resumed": {
      const parsed = subscription.safeParse(object);
      return parsed.success ? { subscriptionId: parsed.data.id, userIdHint: parsed.data.metadata?.userId ?? null } : null;
    }
    case "invoice.paid":
    case "invoice.payment_failed": {
      const parsed = invoice.safeParse(object);
      const id = parsed.success ? (parsed.data.parent?.subscription_details?.subscription ?? parsed.data.subscription) : null;
      return id ? { subscriptionId: id, userIdHint: null } : null;
    }
    default:
      return null;
  }
}
