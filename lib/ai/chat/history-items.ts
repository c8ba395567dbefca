// Stored messages as the history endpoints return them. Text is joined from the message's text
// parts; proposals (tool parts) are listed by name and state so a history view can show them.
import type { Exchange, StoredMessage } from "@/lib/db/messages";
import { INTERRUPTED_ANSWER_TEXT } from "./answer-outcome";
import type { HistoryItem, MessageItem } from "./response-schemas";

function textOf(parts: unknown[] | null): string {
  if (!parts) return "";
  return parts
    .map((p) => ((p as { type?: string }).type === "text" ? String((p as { text?: unknown }).text ?? "") : ""))
    .filter(Boolean)
    .join("\n")
    .trim();
}

/**
 * The original add-in's ConversationHistory item: {id, user_message, ai_response, timestamp, excel_context}.
 * A question with no stored answer is either still being answered (`ai_response` null) or, when
 * no server holds its answer any more, was interrupted and says so.
 */
export function toHistoryItem(exchange: Exchange, { interrupted = false }: { interrupted?: boolean } = {}): HistoryItem {
  const lost = !exchange.aiParts && interrupted;
  return {
    id: exchange.id,
    conversationId: exchange.conversationId,
    user_message: textOf(exchange.userParts),
    ai_response: exchange.aiParts ? textOf(exchange.aiParts) : lost ? INTERRUPTED_ANSWER_TEXT : null,
    timestamp: exchange.createdAt,
    excel_context: exchange.contextSummary,
    status: lost ? "incomplete" : exchange.aiStatus,
    model: exchange.model,
    provider: exchange.provider,
  };
}

export function toMessageItem(message: StoredMessage): MessageItem {
  return {
    id: message.id,
    role: message.role,
    parts: message.parts,
    text: textOf(message.parts),
    status: message.status,
    model: message.model,
    provider: message.provider,
    cached: message.cached,
    usage: { inputTokens: message.inputTokens, outputTokens: message.outputTokens },
    latencyMs: message.latencyMs,
    context: message.contextSummary,
    createdAt: message.createdAt,
  };
}
