// POST /api/billing/portal — a Stripe Billing Portal session for the caller's customer: -> {url}
import { withRoute } from "@/lib/api/with-route";
import { requestOrigin } from "@/lib/api/request-info";
import { requireBilling } from "@/lib/billing/billing-mode";
import { createPortalSession } from "@/lib/billing/create-portal-session";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const POST = withRoute({ auth: "user", rateLimit: "api" }, async ({ principal, request }) => {
  requireBilling();
  return createPortalSession({ userId: principal.userId, origin: requestOrigin(request) });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
