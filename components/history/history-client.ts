// Browser calls to the history routes (GET/DELETE /api/conversations…, DELETE /api/v1/chat/history).
import { fetchApi } from "@/components/dashboard/fetch-api";
import type { getConversationDetail } from "@/lib/ai/chat/get-conversation-detail";
import type { ConversationSummary } from "@/lib/db/conversations";

// The wire shapes are the server's own types (type-only imports: nothing server-side is bundled).
export type { ConversationSummary };

export interface ConversationPage {
  conversations: ConversationSummary[];
  total: number;
  limit: number;
  offset: number;
}

/** GET /api/conversations/:id: the conversation and its messages, as the server builds them. */
export type ConversationDetail = NonNullable<Awaited<ReturnType<typeof getConversationDetail>>>;
export type HistoryMessage = ConversationDetail["messages"][number];

export const HISTORY_PAGE_SIZE = 20;

export function getConversation(id: string) {
  return fetchApi<ConversationDetail>(`/api/conversations/${encodeURIComponent(id)}`);
}

export function deleteConversation(id: string) {
  return fetchApi<{ deleted: boolean }>(`/api/conversations/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function deleteAllConversations() {
  return fetchApi<{ deleted: number }>("/api/v1/chat/history", { method: "DELETE" });
}
