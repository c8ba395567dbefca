// GET /api/v1/chat/history?limit&offset — my question/answer pairs, newest first (legacy JSON);
// DELETE /api/v1/chat/history — delete all of my conversations
import type { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { deleteAllConversations } from "@/lib/db/conversations";
import { recordAudit } from "@/lib/db/audit-log";
import { listExchanges } from "@/lib/db/messages";
import { toHistoryItem } from "@/lib/ai/chat/history-items";
import { answerRunning } from "@/lib/ai/chat/pending-answers";
import { historyQuery, type clearHistoryResponse, type historyResponse } from "./schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const GET = withRoute({ auth: "user", keyScope: "history", rateLimit: "api", query: historyQuery }, async ({ principal, query }) => {
  const { items, total } = await listExchanges({ claims: principal.claims, limit: query.limit, offset: query.offset });
  // An unanswered question whose answer no server is producing any more was interrupted.
  const running = await Promise.all(items.map((item) => (item.aiParts ? null : answerRunning(item.conversationId))));
  const conversations = items.map((item, i) => toHistoryItem(item, { interrupted: running[i] === false }));
  return { conversations, total, limit: query.limit, offset: query.offset } satisfies z.infer<typeof historyResponse>;
});

export const DELETE = withRoute({ auth: "user", rateLimit: "api" }, async ({ principal, ip }) => {
  const deleted = await deleteAllConversations({ claims: principal.claims });
  await recordAudit({ userId: principal.userId, action: "history.deleted", ip, metadata: { conversations: deleted } });
  return { message: "Chat history cleared successfully", deleted } satisfies z.infer<typeof clearHistoryResponse>;
});

export const { POST, PUT, PATCH, OPTIONS } = otherMethods({ GET, DELETE });
