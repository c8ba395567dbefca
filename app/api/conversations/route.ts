// GET /api/conversations[?q=&limit=&offset=] — my conversations, newest activity first; `q`
// searches titles and message text
import type { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { listConversations } from "@/lib/db/conversations";
import { listConversationsQuery, type listConversationsResponse } from "./schema";

import { otherMethods } from "@/lib/api/unsupported-requests";

export const GET = withRoute({ auth: "user", keyScope: "history", rateLimit: "api", query: listConversationsQuery }, async ({ principal, query }) => {
  const { items, total } = await listConversations({ claims: principal.claims, q: query.q || undefined, limit: query.limit, offset: query.offset });
  return { conversations: items, total, limit: query.limit, offset: query.offset } satisfies z.infer<typeof listConversationsResponse>;
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
