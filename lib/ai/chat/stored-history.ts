// A JSON client sends only its question, not the conversation. When it continues a stored
// conversation, its prompt is rebuilt with the stored history, read once its question is stored.
import type { UIMessage } from "ai";
import type { UserPrincipal } from "@/lib/auth/principal";
import { listMessages } from "@/lib/db/messages";
import { textOf, type ChatPrompt } from "@/lib/ai/prompts/build-prompt";
import { rebuildPrompt, type PreparedTurn } from "./prepare-turn";

/** The turn's prompt with the stored history before its question (a guest has none). */
export async function promptWithStoredHistory(turn: PreparedTurn): Promise<ChatPrompt> {
  if (!turn.conversation) return turn.prompt;
  const { principal, planned } = turn.conversation;
  // The stored history, before this turn's question (stored just now, or a retried duplicate).
  const history = await storedHistory(principal, planned.id);
  const last = history[history.length - 1];
  if (last?.role === "user" && textOf(last) === turn.chat.userText) history.pop();
  return rebuildPrompt(turn, [...history, ...turn.messages]);
}

/** Stored messages back into UI messages. */
async function storedHistory(principal: UserPrincipal, conversationId: string): Promise<UIMessage[]> {
  const stored = await listMessages({ claims: principal.claims, conversationId, limit: 100 });
  return stored
    .filter((m) => m.role === "user" || m.role === "assistant")
    .map((m) => ({ id: m.id, role: m.role as "user" | "assistant", parts: m.parts as UIMessage["parts"] }));
}
