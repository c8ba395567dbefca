// POST /api/invites/:token/accept — join the workspace the invite link is for, with its role.
// Single use; a used, revoked, expired or unknown token gets the same 404. Joining past the
// workspace's seats is 402 payment_required.
import type { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { acceptInvite, recordWorkspaceAudit } from "@/lib/db/workspaces";
import { hashInviteToken } from "@/lib/workspaces/invite-token";
import { workspaceSeatLimit } from "@/lib/workspaces/seat-limit";
import { inviteTokenParams, type acceptedInviteResponse } from "@/app/api/workspaces/schema";

import { otherMethods } from "@/lib/api/unsupported-requests";

export const POST = withRoute({ auth: "user", rateLimit: "api", params: inviteTokenParams }, async ({ principal, params }) => {
  const accepted = await acceptInvite({ userId: principal.userId, tokenHash: hashInviteToken(params.token), seatLimit: workspaceSeatLimit });
  if (accepted.joined) {
    await recordWorkspaceAudit({ workspaceId: accepted.workspaceId, actorId: principal.userId, action: "member.joined", targetUserId: principal.userId, metadata: { role: accepted.role, via: "invite" } });
  }
  return accepted satisfies z.infer<typeof acceptedInviteResponse>;
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
