// POST /api/billing/checkout — a Stripe Checkout session for a paid plan: {plan} -> {url}
import { withRoute } from "@/lib/api/with-route";
import { requestOrigin } from "@/lib/api/request-info";
import { requireBilling } from "@/lib/billing/billing-mode";
import { createCheckoutSession } from "@/lib/billing/create-checkout-session";
import { checkoutBody } from "./schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const POST = withRoute({ auth: "user", rateLimit: "api", body: checkoutBody }, async ({ principal, body, request }) => {
  requireBilling();
  return createCheckoutSession({
    userId: principal.userId,
    email: principal.email,
    claims: principal.claims,
    plan: body.plan,
    origin: requestOrigin(request),
  });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
