// Browser calls to the history routes (GET/DELETE /api/conversations…, DELETE /api/v1/chat/history).
import type { CompactContextSummary } from "@/lib/excel";
import { fetchApi } from "@/components/dashboard/fetch-api";

import type { ConversationSummary } from "@/lib/db/conversations";

// The wire shape is the row summary itself (a type-only import: nothing server-side is bundled).
export type { ConversationSummary };

export interface ConversationPage {
  conversations: ConversationSummary[];
  total: number;
  limit: number;
  offset: number;
}

export interface HistoryMessage {
  id: string;
  role: "user" | "assistant" | "system";
  parts: unknown[];
  text: string;
  status: "complete" | "incomplete" | "error";
  model: string | null;
  provider: string | null;
  cached: boolean;
  usage: { inputTokens: number; outputTokens: number };
  latencyMs: number | null;
  context: CompactContextSummary | null;
  createdAt: string;
}

export interface ConversationDetail {
  conversation: ConversationSummary;
  messages: HistoryMessage[];
}

export const HISTORY_PAGE_SIZE = 20;

export function listConversations({ q, offset, limit = HISTORY_PAGE_SIZE }: { q: string; offset: number; limit?: number }) {
  const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
  if (q.trim()) params.set("q", q.trim());
  return fetchApi<ConversationPage>(`/api/conversations?${params}`);
}

export function getConversation(id: string) {
  return fetchApi<ConversationDetail>(`/api/conversations/${encodeURIComponent(id)}`);
}

export function deleteConversation(id: string) {
  return fetchApi<{ deleted: boolean }>(`/api/conversations/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function deleteAllConversations() {
  return fetchApi<{ deleted: number }>("/api/v1/chat/history", { method: "DELETE" });
}
