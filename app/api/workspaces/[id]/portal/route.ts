// POST /api/workspaces/:id/portal — the Stripe billing portal for the workspace's team
// subscription (change seats, invoices, cancel) -> {url}. Owners only.
import { withRoute } from "@/lib/api/with-route";
import { requestOrigin } from "@/lib/api/request-info";
import { requireBilling } from "@/lib/billing/billing-mode";
import { createWorkspacePortal } from "@/lib/billing/create-workspace-checkout";
import { getMyRole } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors/app-error";
import { WORKSPACE_NOT_FOUND } from "@/lib/workspaces/get-workspace-detail";
import { workspaceParams } from "../../schema";

import { otherMethods } from "@/lib/api/unsupported-requests";

export const POST = withRoute({ auth: "user", rateLimit: "api", params: workspaceParams }, async ({ principal, params, request }) => {
  requireBilling();
  const role = await getMyRole({ claims: principal.claims, workspaceId: params.id });
  if (!role) throw new AppError("not_found", WORKSPACE_NOT_FOUND);
  if (role !== "owner") throw new AppError("forbidden", "Only an owner can manage the workspace's subscription.");
  return createWorkspacePortal({ workspaceId: params.id, origin: requestOrigin(request) });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
