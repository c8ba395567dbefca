// POST /api/webhooks/stripe — Stripe's event deliveries: signature checked on the raw body,
// each event applied once, the subscription re-synced from Stripe. 2xx for events we ignore,
// 400 for a bad signature, 5xx only when Stripe or the database fails (Stripe then retries).
import { withRoute } from "@/lib/api/with-route";
import { requireBilling } from "@/lib/billing/billing-mode";
import { handleStripeEvent } from "@/lib/billing/webhook/handle-stripe-event";
import { verifyStripeEvent } from "@/lib/billing/webhook/verify-stripe-event";
import { otherMethods } from "@/lib/api/unsupported-requests";

// No `body` option: the guard must not parse the body, the signature covers its exact bytes.
export const POST = withRoute({ auth: "none" }, async ({ request }) => {
  requireBilling();
  const event = await verifyStripeEvent(request);
  return handleStripeEvent(event);
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
