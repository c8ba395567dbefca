// Ownership and the user's message, for signed-in users (nothing of a guest's is stored): the
// conversation the turn continues must be theirs (404 otherwise) or is created, and the question
// is stored in it. The caller starts this and calls the model meanwhile, but sends nothing to the
// client before it has finished.
import { textOf } from "@/lib/ai/prompts/build-prompt";
import { reportedOutcomes } from "@/lib/ai/tools/edit-outcome";
import { titleFromMessage } from "./conversation-title";
import type { PreparedTurn } from "./prepare-turn";
import { startConversationTurn } from "./save-messages";

/** Starts storing the question; null for guests. */
export function storeQuestion(turn: PreparedTurn): { conversationId: string; storing: Promise<unknown> } | null {
  if (!turn.conversation) return null;
  const { principal, planned, state } = turn.conversation;
  const { messages, chat } = turn;
  const firstUser = messages.find((m) => m.role === "user");
  // A turn that continues an answer (the client sends back the outcome of an applied proposal)
  // ends with an assistant message: there is no new question to store.
  const asks = messages[messages.length - 1]?.role === "user";
  const storing = startConversationTurn({
    principal,
    planned,
    exists: state.conversationExists === true,
    lastMessage: state.lastMessage,
    title: titleFromMessage(textOf(firstUser) || chat.userText),
    workbook: chat.context?.workbook ?? null,
    workspaceId: chat.workspace?.id ?? null,
    message: asks ? { parts: [{ type: "text", text: chat.userText }], contextSummary: chat.compact?.summary ?? null } : null,
    outcomes: chat.client === "ui" ? reportedOutcomes(messages) : [],
  });
  return { conversationId: planned.id, storing };
}
