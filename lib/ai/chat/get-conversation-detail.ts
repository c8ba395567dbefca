// One of the caller's conversations with its messages, as GET /api/conversations/:id answers and
// the dashboard's conversation page renders it. An answer still being produced or stored — on
// this instance or another — is waited for first (bounded), so a conversation opened the moment
// its stream ends is complete. A question left without an answer while no instance is answering
// it was interrupted (its server stopped mid-answer): the answer is stored as such, once, and
// shown so. Another user's conversation, or none, is null: RLS hides it.
import "server-only";
import { getConversation } from "@/lib/db/conversations";
import { listMessages, storeInterruptedAnswer } from "@/lib/db/messages";
import type { DbClaims } from "@/lib/db/with-rls";
import { withAuthors } from "@/lib/workspaces/conversation-authors";
import { INTERRUPTED_ANSWER_TEXT } from "./answer-outcome";
import { toMessageItem } from "./history-items";
import { answerRunning, answerStored } from "./pending-answers";

export async function getConversationDetail({ claims, id }: { claims: DbClaims; id: string }) {
  await answerStored(id);
  const conversation = await getConversation({ claims, id });
  if (!conversation) return null;
  let messages = await listMessages({ claims, conversationId: conversation.id });
  const last = messages.at(-1);
  // Asked again after the read: a turn takes its lease before storing its question, so a
  // question seen above with no lease now has no answer coming. The store itself only happens
  // while that question is still the last message.
  if (last?.role === "user" && (await answerRunning(conversation.id)) === false) {
    const stored = await storeInterruptedAnswer({ claims, conversationId: conversation.id, questionId: last.id, parts: [{ type: "text", text: INTERRUPTED_ANSWER_TEXT }] });
    if (stored) messages = await listMessages({ claims, conversationId: conversation.id });
  }
  const [withAuthor] = await withAuthors([conversation]);
  return { conversation: withAuthor, messages: messages.map(toMessageItem) };
}
