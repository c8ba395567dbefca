// GET /api/conversations/:id — one of my conversations with its messages;
// PATCH /api/conversations/:id — record what I did with proposals of its answers (applied,
//   rejected, undone), as soon as I do it, so the conversation reopens with them decided;
// DELETE /api/conversations/:id — delete it. Another user's conversation is a 404.
import type { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { deleteConversation, getConversation } from "@/lib/db/conversations";
import { AppError } from "@/lib/errors/app-error";
import { CONVERSATION_NOT_FOUND } from "@/lib/ai/chat/resolve-conversation";
import { getConversationDetail } from "@/lib/ai/chat/get-conversation-detail";
import { latestPerProposal } from "@/lib/ai/tools/edit-outcome";
import { recordToolOutcomes } from "@/lib/db/chat-turns";
import { answerStored } from "@/lib/ai/chat/pending-answers";
import {
  conversationParams,
  recordOutcomesBody,
  type conversationDetailResponse,
  type deletedConversationResponse,
  type recordOutcomesResponse,
} from "../schema";

import { otherMethods } from "@/lib/api/unsupported-requests";

export const GET = withRoute({ auth: "user", keyScope: "history", rateLimit: "api", params: conversationParams }, async ({ principal, params }) => {
  const detail = await getConversationDetail({ claims: principal.claims, id: params.id });
  if (!detail) throw new AppError("not_found", CONVERSATION_NOT_FOUND);
  return detail satisfies z.infer<typeof conversationDetailResponse>;
});

export const PATCH = withRoute(
  // Part of chatting: the pane reports what the user did with a proposal as it happens.
  { auth: "user", keyScope: "chat", rateLimit: "api", params: conversationParams, body: recordOutcomesBody },
  async ({ principal, params, body }) => {
    await answerStored(params.id);
    const conversation = await getConversation({ claims: principal.claims, id: params.id });
    if (!conversation) throw new AppError("not_found", CONVERSATION_NOT_FOUND);
    const outcomes = latestPerProposal(body.outcomes);
    const updated = await recordToolOutcomes({ claims: principal.claims, conversationId: conversation.id, outcomes });
    return { updatedMessages: updated } satisfies z.infer<typeof recordOutcomesResponse>;
  },
);

export const DELETE = withRoute({ auth: "user", rateLimit: "api", params: conversationParams }, async ({ principal, params }) => {
  if (!(await deleteConversation({ claims: principal.claims, id: params.id }))) throw new AppError("not_found", CONVERSATION_NOT_FOUND);
  return { deleted: true, id: params.id } satisfies z.infer<typeof deletedConversationResponse>;
});

export const { POST, PUT, OPTIONS } = otherMethods({ GET, PATCH, DELETE });
