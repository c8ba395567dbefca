// DELETE /api/workspaces/:id/invites/:inviteId — revoke an open invite link (owners and admins);
// its seat is free again at once.
import type { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { getMyRole, recordWorkspaceAudit, revokeInvite } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors/app-error";
import { WORKSPACE_NOT_FOUND } from "@/lib/workspaces/get-workspace-detail";
import { inviteParams, type revokedInviteResponse } from "../../../schema";

import { otherMethods } from "@/lib/api/unsupported-requests";

export const DELETE = withRoute({ auth: "user", rateLimit: "api", params: inviteParams }, async ({ principal, params }) => {
  const role = await getMyRole({ claims: principal.claims, workspaceId: params.id });
  if (!role) throw new AppError("not_found", WORKSPACE_NOT_FOUND);
  if (role === "member") throw new AppError("forbidden", "Only the workspace's owners and admins can revoke invites.");
  if (!(await revokeInvite({ claims: principal.claims, workspaceId: params.id, inviteId: params.inviteId }))) {
    throw new AppError("not_found", "No open invite with that id: it was used, revoked or never existed.");
  }
  await recordWorkspaceAudit({ workspaceId: params.id, actorId: principal.userId, action: "invite.revoked", metadata: { inviteId: params.inviteId } });
  return { revoked: true, id: params.inviteId } satisfies z.infer<typeof revokedInviteResponse>;
});

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
