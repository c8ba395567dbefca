// GET /api/workspaces/:id/members — the workspace's members with their roles; owners and admins
// also get the open invites (never their tokens). A workspace I am not in is a 404.
import type { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { listMembers, listOpenInvites } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors/app-error";
import { WORKSPACE_NOT_FOUND } from "@/lib/workspaces/get-workspace-detail";
import { workspaceParams, type listMembersResponse } from "../../schema";

import { otherMethods } from "@/lib/api/unsupported-requests";

export const GET = withRoute({ auth: "user", rateLimit: "api", params: workspaceParams }, async ({ principal, params }) => {
  const members = await listMembers({ claims: principal.claims, workspaceId: params.id });
  if (!members) throw new AppError("not_found", WORKSPACE_NOT_FOUND);
  // RLS shows invites to owners and admins only; a member's list is empty.
  const invites = await listOpenInvites({ claims: principal.claims, workspaceId: params.id });
  return { members, invites } satisfies z.infer<typeof listMembersResponse>;
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
