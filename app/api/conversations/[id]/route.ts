// GET /api/conversations/:id — one of my conversations with its messages;
// PATCH /api/conversations/:id — record what I did with proposals of its answers (applied,
//   rejected, undone), as soon as I do it, so the conversation reopens with them decided;
// DELETE /api/conversations/:id — delete it. Another user's conversation is a 404.
import { withRoute } from "@/lib/api/with-route";
import { deleteConversation, getConversation } from "@/lib/db/conversations";
import { listMessages } from "@/lib/db/messages";
import { AppError } from "@/lib/errors/app-error";
import { CONVERSATION_NOT_FOUND } from "@/lib/ai/chat/resolve-conversation";
import { toMessageItem } from "@/lib/ai/chat/history-items";
import { latestPerProposal } from "@/lib/ai/tools/edit-outcome";
import { recordToolOutcomes } from "@/lib/db/chat-turns";
import { answerStored } from "@/lib/ai/chat/pending-answers";
import { conversationParams, recordOutcomesBody } from "../schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const GET = withRoute({ auth: "user", rateLimit: "api", params: conversationParams }, async ({ principal, params }) => {
  await answerStored(params.id);
  const conversation = await getConversation({ claims: principal.claims, id: params.id });
  if (!conversation) throw new AppError("not_found", CONVERSATION_NOT_FOUND);
  const messages = await listMessages({ claims: principal.claims, conversationId: conversation.id });
  return { conversation, messages: messages.map(toMessageItem) };
});

export const PATCH = withRoute(
  { auth: "user", rateLimit: "api", params: conversationParams, body: recordOutcomesBody },
  async ({ principal, params, body }) => {
    await answerStored(params.id);
    const conversation = await getConversation({ claims: principal.claims, id: params.id });
    if (!conversation) throw new AppError("not_found", CONVERSATION_NOT_FOUND);
    const outcomes = latestPerProposal(body.outcomes);
    const updated = await recordToolOutcomes({ claims: principal.claims, conversationId: conversation.id, outcomes });
    return { updatedMessages: updated };
  },
);

export const DELETE = withRoute({ auth: "user", rateLimit: "api", params: conversationParams }, async ({ principal, params }) => {
  if (!(await deleteConversation({ claims: principal.claims, id: params.id }))) throw new AppError("not_found", CONVERSATION_NOT_FOUND);
  return { deleted: true, id: params.id };
});

export const { POST, PUT, OPTIONS } = otherMethods({ GET, PATCH, DELETE });
