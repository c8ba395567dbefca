// POST /api/v1/chat — the original add-in's JSON contract: {message, context?, timestamp?,
// conversationId?} → {response, metadata: {conversationId, model, provider, cached, usage, analysis}}
import { withRoute } from "@/lib/api/with-route";
import { CHAT_MAX_BODY_BYTES, seedChatBody } from "@/lib/ai/chat/request-schemas";
import { chatHooks } from "@/lib/ai/chat/chat-hooks";
import { runChat } from "@/lib/ai/chat/run-chat";
import { seedResponse } from "@/lib/ai/chat/seed-response";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const maxDuration = 60;

export const POST = withRoute(
  { auth: "optional", keyScope: "chat", rateLimit: "chat", body: seedChatBody, maxBodyBytes: CHAT_MAX_BODY_BYTES },
  async ({ principal, body, request }) => {
    const run = await runChat(
      { principal, client: "json", message: body.message, context: body.context, conversationId: body.conversationId, workspaceId: body.workspaceId, signal: request.signal },
      { hooks: chatHooks },
    );
    return Response.json(await seedResponse(run));
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
