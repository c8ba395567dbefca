// The last step of a chat turn, whenever and however the answer ends (finished, cut off, or
// left by the client): the answer and its usage are stored (signed-in users), afterAnswer runs
// (the quota settles what the turn really used) and the turn is logged. This outlives the
// response, so it keeps the function alive, and readers of the conversation wait for it.
import { logger } from "@/lib/observability/logger";
import type { ChatPrompt } from "@/lib/ai/prompts/build-prompt";
import type { AnswerOutcome } from "./answer-outcome";
import type { ChatHooks, PreparedChat } from "./chat-turn-types";
import { keepAliveUntil } from "./keep-alive";
import { trackAnswerStore } from "./pending-answers";
import { saveAnswer } from "./save-messages";

/** Resolves once the answer is settled; never rejects. */
export function settleAnswer(input: {
  chat: PreparedChat;
  prompt: ChatPrompt;
  conversationId: string | null;
  outcome: Promise<AnswerOutcome>;
  hooks: ChatHooks | undefined;
}): Promise<void> {
  const { chat, prompt, conversationId } = input;
  const settled = input.outcome.then(async (result) => {
    // The answer's last chunk is still on its way through the response's streams: let it reach
    // the socket before this thread spends time storing the answer and updating counters.
    await new Promise((resolve) => setImmediate(resolve));
    const { principal } = chat;
    if (principal.kind === "user" && conversationId) {
      await saveAnswer({
        principal,
        conversationId,
        outcome: result,
        serviceType: chat.serviceType,
        workbook: chat.context?.workbook ?? null,
        continues: chat.agent?.continues ?? null,
      });
    }
    try {
      await input.hooks?.afterAnswer?.(chat, result, prompt);
    } catch (error) {
      logger.error({ err: (error as Error).message }, "afterAnswer hook failed");
    }
    logger.info(
      {
        conversationId,
        provider: result.provider,
        model: result.model,
        status: result.status,
        latencyMs: result.latencyMs,
        firstTokenMs: result.firstTokenMs,
        inputTokens: result.usage.inputTokens,
        outputTokens: result.usage.outputTokens,
        fallbacks: result.failures.length,
        clientDisconnected: result.clientDisconnected,
      },
      "chat answer",
    );
  });
  keepAliveUntil(settled);
  if (conversationId) trackAnswerStore(conversationId, settled);
  return settled;
}
