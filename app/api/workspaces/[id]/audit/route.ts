// GET /api/workspaces/:id/audit[?limit&before] — the workspace's audit log (membership, invites,
// roles, policies, seats), newest first, for owners and admins.
import type { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { getMyRole, listWorkspaceAudit } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors/app-error";
import { WORKSPACE_NOT_FOUND } from "@/lib/workspaces/get-workspace-detail";
import { auditQuery, workspaceParams, type workspaceAuditResponse } from "../../schema";

import { otherMethods } from "@/lib/api/unsupported-requests";

export const GET = withRoute({ auth: "user", rateLimit: "api", params: workspaceParams, query: auditQuery }, async ({ principal, params, query }) => {
  const role = await getMyRole({ claims: principal.claims, workspaceId: params.id });
  if (!role) throw new AppError("not_found", WORKSPACE_NOT_FOUND);
  if (role === "member") throw new AppError("forbidden", "Only the workspace's owners and admins can read its audit log.");
  return (await listWorkspaceAudit({ claims: principal.claims, workspaceId: params.id, limit: query.limit, before: query.before })) satisfies z.infer<
    typeof workspaceAuditResponse
  >;
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
