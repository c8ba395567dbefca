// POST /api/workspaces/:id/invites — an invite link with a role and an expiry (owners and
// admins): {url, token, expiresAt}. The token is shown this once and stored hashed; it works once.
// Past the workspace's seats (members plus open invites), 402 payment_required.
import type { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { requestOrigin } from "@/lib/api/request-info";
import { createInvite, getMyRole, recordWorkspaceAudit } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors/app-error";
import { WORKSPACE_NOT_FOUND } from "@/lib/workspaces/get-workspace-detail";
import { generateInviteToken } from "@/lib/workspaces/invite-token";
import { workspaceSeatLimit } from "@/lib/workspaces/seat-limit";
import { createInviteBody, workspaceParams, type createdInviteResponse } from "../../schema";

import { otherMethods } from "@/lib/api/unsupported-requests";

const DAY_MS = 86_400_000;

export const POST = withRoute({ auth: "user", rateLimit: "api", params: workspaceParams, body: createInviteBody }, async ({ principal, params, body, request }) => {
  const myRole = await getMyRole({ claims: principal.claims, workspaceId: params.id });
  if (!myRole) throw new AppError("not_found", WORKSPACE_NOT_FOUND);
  if (myRole === "member") throw new AppError("forbidden", "Only the workspace's owners and admins can invite people.");
  const { token, tokenHash } = generateInviteToken();
  const expiresAt = new Date(Date.now() + body.expiresInDays * DAY_MS);
  const inviteId = await createInvite({ claims: principal.claims, workspaceId: params.id, role: body.role, tokenHash, expiresAt, seatLimit: workspaceSeatLimit });
  if (!inviteId) throw new AppError("forbidden", "Only the workspace's owners and admins can invite people.");
  await recordWorkspaceAudit({ workspaceId: params.id, actorId: principal.userId, action: "member.invited", metadata: { inviteId, role: body.role, expiresAt: expiresAt.toISOString() } });
  const url = `${requestOrigin(request)}/invite/${token}`;
  return Response.json({ url, token, expiresAt: expiresAt.toISOString(), role: body.role } satisfies z.infer<typeof createdInviteResponse>, { status: 201 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
