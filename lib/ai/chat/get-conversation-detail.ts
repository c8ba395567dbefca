// One of the caller's conversations with its messages, as GET /api/conversations/:id answers and
// the dashboard's conversation page renders it. An answer this process is still storing is
// waited for first, so a conversation opened the moment its stream ends is complete. Another
// user's conversation, or none, is null: RLS hides it.
import "server-only";
import { getConversation } from "@/lib/db/conversations";
import { listMessages } from "@/lib/db/messages";
import type { DbClaims } from "@/lib/db/with-rls";
import { withAuthors } from "@/lib/workspaces/conversation-authors";
import { toMessageItem } from "./history-items";
import { answerStored } from "./pending-answers";

export async function getConversationDetail({ claims, id }: { claims: DbClaims; id: string }) {
  await answerStored(id);
  const conversation = await getConversation({ claims, id });
  if (!conversation) return null;
  const messages = await listMessages({ claims, conversationId: conversation.id });
  const [withAuthor] = await withAuthors([conversation]);
  return { conversation: withAuthor, messages: messages.map(toMessageItem) };
}
