// PATCH /api/workspaces/:id/members/:userId — change a member's role (owners and admins; only an
//   owner makes or unmakes an owner);
// DELETE /api/workspaces/:id/members/:userId — remove a member (owners and admins), or leave
//   (my own user id). The last owner can neither leave nor be demoted or removed.
// A removed member loses access at once: every workspace read checks membership in the database.
import type { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { getMyRole, recordWorkspaceAudit, removeMember, updateMemberRole } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors/app-error";
import { WORKSPACE_NOT_FOUND } from "@/lib/workspaces/get-workspace-detail";
import { memberParams, updateMemberBody, type memberChangeResponse } from "../../../schema";

import { otherMethods } from "@/lib/api/unsupported-requests";

const MEMBER_NOT_FOUND = "Member not found: that user is not in this workspace.";

export const PATCH = withRoute({ auth: "user", rateLimit: "api", params: memberParams, body: updateMemberBody }, async ({ principal, params, body }) => {
  const myRole = await getMyRole({ claims: principal.claims, workspaceId: params.id });
  if (!myRole) throw new AppError("not_found", WORKSPACE_NOT_FOUND);
  if (myRole === "member") throw new AppError("forbidden", "Only the workspace's owners and admins can change roles.");
  if (body.role === "owner" && myRole !== "owner") throw new AppError("forbidden", "Only an owner can make someone an owner.");
  const previous = await updateMemberRole({ claims: principal.claims, workspaceId: params.id, userId: params.userId, role: body.role });
  if (previous === null) {
    // The row is there for members to see; RLS refused the change: an admin touching an owner.
    throw myRole === "admin"
      ? new AppError("forbidden", "Only an owner can change an owner's role.")
      : new AppError("not_found", MEMBER_NOT_FOUND);
  }
  if (previous !== body.role) {
    await recordWorkspaceAudit({
      workspaceId: params.id,
      actorId: principal.userId,
      action: "member.role_changed",
      targetUserId: params.userId,
      metadata: { from: previous, to: body.role },
    });
  }
  return { userId: params.userId, role: body.role } satisfies z.infer<typeof memberChangeResponse>;
});

export const DELETE = withRoute({ auth: "user", rateLimit: "api", params: memberParams }, async ({ principal, params }) => {
  const myRole = await getMyRole({ claims: principal.claims, workspaceId: params.id });
  if (!myRole) throw new AppError("not_found", WORKSPACE_NOT_FOUND);
  const leaving = params.userId === principal.userId;
  if (!leaving && myRole === "member") throw new AppError("forbidden", "Only the workspace's owners and admins can remove members.");
  const removed = await removeMember({ claims: principal.claims, workspaceId: params.id, userId: params.userId });
  if (removed === null) {
    throw myRole === "admin" && !leaving
      ? new AppError("forbidden", "Only an owner can remove an owner, if that user is in the workspace.")
      : new AppError("not_found", MEMBER_NOT_FOUND);
  }
  await recordWorkspaceAudit({
    workspaceId: params.id,
    actorId: principal.userId,
    action: leaving ? "member.left" : "member.removed",
    targetUserId: params.userId,
    metadata: { role: removed },
  });
  return { userId: params.userId, role: null } satisfies z.infer<typeof memberChangeResponse>;
});

export const { GET, HEAD, POST, PUT, OPTIONS } = otherMethods({ PATCH, DELETE });
