// POST /api/workspaces/:id/checkout — a Stripe Checkout session for the workspace's team
// subscription, {seats} -> {url}; the subscription's quantity is the seat count. Owners only.
import { withRoute } from "@/lib/api/with-route";
import { requestOrigin } from "@/lib/api/request-info";
import { requireBilling } from "@/lib/billing/billing-mode";
import { createWorkspaceCheckout } from "@/lib/billing/create-workspace-checkout";
import { getMyRole, getSeatCounts } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors/app-error";
import { WORKSPACE_NOT_FOUND } from "@/lib/workspaces/get-workspace-detail";
import { seatsCheckoutBody, workspaceParams } from "../../schema";

import { otherMethods } from "@/lib/api/unsupported-requests";

export const POST = withRoute({ auth: "user", rateLimit: "api", params: workspaceParams, body: seatsCheckoutBody }, async ({ principal, params, body, request }) => {
  requireBilling();
  const role = await getMyRole({ claims: principal.claims, workspaceId: params.id });
  if (!role) throw new AppError("not_found", WORKSPACE_NOT_FOUND);
  if (role !== "owner") throw new AppError("forbidden", "Only an owner can buy seats for the workspace.");
  const counts = await getSeatCounts({ workspaceId: params.id });
  return createWorkspaceCheckout({
    userId: principal.userId,
    email: principal.email,
    workspaceId: params.id,
    seats: body.seats,
    members: counts.members,
    origin: requestOrigin(request),
  });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
