// GET /api/v1/chat/history?limit&offset — my question/answer pairs, newest first (seed 001);
// DELETE /api/v1/chat/history — delete all of my conversations
import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { deleteAllConversations } from "@/lib/db/conversations";
import { recordAudit } from "@/lib/db/audit-log";
import { listExchanges } from "@/lib/db/messages";
import { toHistoryItem } from "@/lib/ai/chat/history-items";
import { otherMethods } from "@/lib/api/unsupported-requests";

const historyQuery = z.object({
  limit: z.coerce.number().int().min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(20),
  offset: z.coerce.number().int().min(0, "offset must not be negative").max(100_000).default(0),
});

export const GET = withRoute({ auth: "user", rateLimit: "api", query: historyQuery }, async ({ principal, query }) => {
  const { items, total } = await listExchanges({ claims: principal.claims, limit: query.limit, offset: query.offset });
  return { conversations: items.map(toHistoryItem), total, limit: query.limit, offset: query.offset };
});

export const DELETE = withRoute({ auth: "user", rateLimit: "api" }, async ({ principal, ip }) => {
  const deleted = await deleteAllConversations({ claims: principal.claims });
  await recordAudit({ userId: principal.userId, action: "history.deleted", ip, metadata: { conversations: deleted } });
  return { message: "Chat history cleared successfully", deleted };
});

export const { POST, PUT, PATCH, OPTIONS } = otherMethods({ GET, DELETE });
