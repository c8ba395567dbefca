// GET /api/conversations[?q=&workspaceId=&limit=&offset=] — my personal conversations, or with
// `workspaceId` a workspace's (every member's, author shown; members only), newest activity
// first; `q` searches titles and message text
import type { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { listConversations } from "@/lib/db/conversations";
import { getMyRole } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors/app-error";
import { withAuthors } from "@/lib/workspaces/conversation-authors";
import { WORKSPACE_NOT_FOUND } from "@/lib/workspaces/get-workspace-detail";
import { listConversationsQuery, type listConversationsResponse } from "./schema";

import { otherMethods } from "@/lib/api/unsupported-requests";

export const GET = withRoute({ auth: "user", keyScope: "history", rateLimit: "api", query: listConversationsQuery }, async ({ principal, query }) => {
  if (query.workspaceId && !(await getMyRole({ claims: principal.claims, workspaceId: query.workspaceId }))) {
    throw new AppError("not_found", WORKSPACE_NOT_FOUND);
  }
  const { items, total } = await listConversations({
    claims: principal.claims,
    q: query.q || undefined,
    workspaceId: query.workspaceId,
    limit: query.limit,
    offset: query.offset,
  });
  return { conversations: await withAuthors(items), total, limit: query.limit, offset: query.offset } satisfies z.infer<typeof listConversationsResponse>;
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
