// GET /api/workspaces/:id — one of my workspaces: my role, its policies, seats and plan;
// PATCH /api/workspaces/:id — rename it, change its policies or its Microsoft tenant (owners and
//   admins); DELETE /api/workspaces/:id — delete it with its shared conversations (owners).
// A workspace I am not in is a 404, the same as one that does not exist.
import type { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { deleteWorkspace, getMyRole, recordWorkspaceAudit, updateWorkspace } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors/app-error";
import { getWorkspaceDetail, WORKSPACE_NOT_FOUND } from "@/lib/workspaces/get-workspace-detail";
import { updateWorkspaceBody, workspaceParams, type deletedWorkspaceResponse, type workspaceDetailSchema } from "../schema";

import { otherMethods } from "@/lib/api/unsupported-requests";

export const GET = withRoute({ auth: "user", rateLimit: "api", params: workspaceParams }, async ({ principal, params }) => {
  return (await getWorkspaceDetail({ claims: principal.claims, id: params.id })) satisfies z.infer<typeof workspaceDetailSchema>;
});

export const PATCH = withRoute({ auth: "user", rateLimit: "api", params: workspaceParams, body: updateWorkspaceBody }, async ({ principal, params, body }) => {
  const before = await getWorkspaceDetail({ claims: principal.claims, id: params.id });
  if (before.role === "member") throw new AppError("forbidden", "Only the workspace's owners and admins can change its name, policies or tenant.");
  const changed = await updateWorkspace({
    claims: principal.claims,
    id: params.id,
    patch: { name: body.name, ...body.policies, entraTenantId: body.entraTenantId },
  });
  if (!changed) throw new AppError("not_found", WORKSPACE_NOT_FOUND);
  const after = await getWorkspaceDetail({ claims: principal.claims, id: params.id });
  if (body.policies) {
    await recordWorkspaceAudit({
      workspaceId: params.id,
      actorId: principal.userId,
      action: "workspace.policy_changed",
      metadata: { before: before.policies, after: after.policies },
    });
  }
  if (body.name !== undefined || body.entraTenantId !== undefined) {
    await recordWorkspaceAudit({
      workspaceId: params.id,
      actorId: principal.userId,
      action: "workspace.updated",
      metadata: {
        ...(body.name !== undefined ? { name: { before: before.name, after: after.name } } : {}),
        ...(body.entraTenantId !== undefined ? { entraTenantId: { before: before.entraTenantId, after: after.entraTenantId } } : {}),
      },
    });
  }
  return after satisfies z.infer<typeof workspaceDetailSchema>;
});

export const DELETE = withRoute({ auth: "user", rateLimit: "api", params: workspaceParams }, async ({ principal, params }) => {
  const role = await getMyRole({ claims: principal.claims, workspaceId: params.id });
  if (!role) throw new AppError("not_found", WORKSPACE_NOT_FOUND);
  if (role !== "owner") throw new AppError("forbidden", "Only an owner can delete the workspace.");
  if (!(await deleteWorkspace({ claims: principal.claims, id: params.id }))) throw new AppError("not_found", WORKSPACE_NOT_FOUND);
  return { deleted: true, id: params.id } satisfies z.infer<typeof deletedWorkspaceResponse>;
});

export const { POST, PUT, OPTIONS } = otherMethods({ GET, PATCH, DELETE });
