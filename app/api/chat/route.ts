// POST /api/chat — stream an answer about the selection in the AI SDK UI message stream protocol.
// A body in the legacy JSON chat shape ({message, context?, timestamp?}, no `messages`) gets the
// legacy JSON answer ({response, metadata}) instead, so task panes already deployed against
// /api/chat keep working.
import { createUIMessageStreamResponse, type UIMessage } from "ai";
import { withRoute } from "@/lib/api/with-route";
import { CHAT_MAX_BODY_BYTES, chatBody, isAgentStep } from "@/lib/ai/chat/request-schemas";
import { chatHooks } from "@/lib/ai/chat/chat-hooks";
import { turnQuotaHeader } from "@/lib/ai/chat/reserve-turn-quota";
import { runChat } from "@/lib/ai/chat/run-chat";
import { seedResponse } from "@/lib/ai/chat/seed-response";
import { otherMethods } from "@/lib/api/unsupported-requests";

// Streams outlive the default function duration on Vercel.
export const maxDuration = 60;

export const POST = withRoute(
  {
    auth: "optional",
    keyScope: "chat",
    // Signed in: every request counts against chatSteps, and a new question against chat as well;
    // a further step of an answer (agent mode) only against chatSteps. Guests: chatGuest, once.
    rateLimit: "chatSteps",
    bodyRateLimit: {
      policy: "chat",
      applies: (body, principal) => principal.kind === "user" && !isAgentStep(body),
      description: "a new question (anything but a further step of an agent-mode answer) also counts against",
    },
    body: chatBody,
    maxBodyBytes: CHAT_MAX_BODY_BYTES,
  },
  async ({ principal, body, request }) => {
    const common = { principal, context: body.context, conversationId: body.conversationId, signal: request.signal };
    if (!body.messages) {
      const run = await runChat({ ...common, client: "json", message: body.message ?? "" }, { hooks: chatHooks });
      return Response.json(await seedResponse(run), { headers: quotaHeaders(run.prepared) });
    }
    const run = await runChat({ ...common, client: "ui", messages: body.messages as UIMessage[], chatId: body.id, capabilities: body.capabilities }, { hooks: chatHooks });
    return createUIMessageStreamResponse({
      stream: run.stream,
      headers: { ...quotaHeaders(run.prepared), ...(run.conversationId ? { "X-Conversation-Id": run.conversationId } : {}) },
    });
  },
);

/** What is left of the caller's quota, so a client can show it without another request. */
function quotaHeaders(chat: Parameters<typeof turnQuotaHeader>[0]): Record<string, string> {
  const quota = turnQuotaHeader(chat);
  return quota ? { "X-Quota": quota } : {};
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
