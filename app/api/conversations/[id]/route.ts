// GET /api/conversations/:id — one of my conversations with its messages;
// DELETE /api/conversations/:id — delete it. Another user's conversation is a 404.
import { withRoute } from "@/lib/api/with-route";
import { deleteConversation, getConversation } from "@/lib/db/conversations";
import { listMessages } from "@/lib/db/messages";
import { AppError } from "@/lib/errors/app-error";
import { CONVERSATION_NOT_FOUND } from "@/lib/ai/chat/resolve-conversation";
import { toMessageItem } from "@/lib/ai/chat/history-items";
import { conversationParams } from "../schema";

export const GET = withRoute({ auth: "user", rateLimit: "api", params: conversationParams }, async ({ principal, params }) => {
  const conversation = await getConversation({ claims: principal.claims, id: params.id });
  if (!conversation) throw new AppError("not_found", CONVERSATION_NOT_FOUND);
  const messages = await listMessages({ claims: principal.claims, conversationId: conversation.id });
  return { conversation, messages: messages.map(toMessageItem) };
});

export const DELETE = withRoute({ auth: "user", rateLimit: "api", params: conversationParams }, async ({ principal, params }) => {
  if (!(await deleteConversation({ claims: principal.claims, id: params.id }))) throw new AppError("not_found", CONVERSATION_NOT_FOUND);
  return { deleted: true, id: params.id };
});
