// One chat turn, in the order every chat route follows. The route has already parsed the body,
// authenticated the caller and applied the rate limit (withRoute); then:
//
//   1. prepareTurn          the question and the selection (400 naming the plan's cell limit),
//                             the analysis, and the prompt, whose size the quota needs
//   2. hooks.beforeModel    ← the quota sets aside what the turn can cost (lib/limits/check-quota.ts),
//                             before ownership, storage or any model call
//   3. storeQuestion        ownership (the conversation is the user's, 404 otherwise, or a new
//                             one) and the user's message, stored before anything is streamed
//   4. streamAnswer         hooks.cachedAnswer ← the response cache replays here; else the
//                             provider chain with fallback, or the offline analyst
//   5. settleAnswer         when the stream ends — also when the client disconnects — the answer
//                             is stored, then hooks.afterAnswer ← the quota settles what the
//                             turn really used
//
// A turn that fails between 2 and 4 (not your conversation, storage down) calls hooks.abandoned,
// so what beforeModel set aside is given back.
//
// Guests are answered, and nothing of theirs is stored: step 3 and the storing in step 5 are skipped.
//
// Agent mode (agent-turn.ts): a request that ends with the latest answer and its tool results is
// a further step of that answer. Step 1 checks those results against the stored answer and the
// answer's budget; the step streams under the same message id and is stored into that answer.
// A step past the budget skips steps 2 and 4's model call and says why the answer stopped.
import { randomUUID } from "node:crypto";
import type { UIMessageChunk } from "ai";
import { logger } from "@/lib/observability/logger";
import { PROMPT_VERSION } from "@/lib/ai/prompts/prompt-version";
import { stepCutShortNote } from "./agent-turn";
import type { AnswerOutcome } from "./answer-outcome";
import type { ChatDeps, ChatHooks, ChatInput, ChatRun, PreparedChat } from "./chat-turn-types";
import type { ChatMessageMetadata } from "./chat-types";
import { keepAliveUntil } from "./keep-alive";
import { prepareTurn } from "./prepare-turn";
import { settleAnswer } from "./settle-answer";
import { storeQuestion } from "./store-question";
import { promptWithStoredHistory } from "./stored-history";
import { MAX_OUTPUT_TOKENS, streamAnswer } from "./stream-answer";

export async function runChat(input: ChatInput, deps: ChatDeps = {}): Promise<ChatRun> {
  // 1. The question, the selection and the prompt.
  const turn = await prepareTurn(input, deps.chain);
  const { chat } = turn;

  // 2. Quota. An agent step past the answer's budget calls no model and reserves nothing.
  const ended = chat.agent?.ended ?? null;
  const budget = ended ? {} : ((await deps.hooks?.beforeModel?.(chat)) ?? {});
  // The model call's outcome, once it has been called.
  let spent: Promise<AnswerOutcome> | null = null;
  let question: ReturnType<typeof storeQuestion> = null;
  try {
    // 3. Ownership and the user's message. The response cache is asked and the model called while
    // the database stores it (a JSON client continuing a conversation waits for it: its prompt is
    // rebuilt with the stored history).
    question = storeQuestion(turn);
    question?.storing.catch(() => {}); // awaited below; a failed prompt build or cache read must not leave it unhandled
    let prompt = turn.prompt;
    if (question && turn.historyToCome) {
      await question.storing;
      prompt = await promptWithStoredHistory(turn);
    }

    // 4. The answer.
    const cached = ended ? null : ((await deps.hooks?.cachedAnswer?.(chat, prompt)) ?? null);
    const conversationId = question?.conversationId ?? null;
    // A further step streams into the answer it continues (the client appends it there).
    const messageId = chat.agent?.continues?.messageId ?? randomUUID();
    const metadata: ChatMessageMetadata = {
      conversationId,
      context: chat.compact?.summary ?? null,
      promptVersion: PROMPT_VERSION,
      intent: prompt.intent,
      cached: false,
      ...(chat.agent ? { agent: chat.agent.budget } : {}),
    };
    const { stream, outcome } = streamAnswer({
      prompt,
      tools: turn.tools,
      chain: chat.chain,
      offline: { context: chat.context, analysis: chat.analysis, compact: chat.compact },
      messageId,
      metadata,
      signal: input.signal,
      cached,
      streamToClient: input.client === "ui",
      // The quota's cap when it lowered the answer, else the turn's own (an agent step's is what is
      // left of its answer's tokens).
      maxOutputTokens: budget.maxOutputTokens ?? chat.estimate.maxOutputTokens,
      cutShortNote: budget.cutShortNote ?? (chat.agent && chat.estimate.maxOutputTokens < MAX_OUTPUT_TOKENS ? stepCutShortNote(chat.agent.budget) : undefined),
      budgetEnded: ended,
    });
    spent = outcome;
    if (question) await questionStoredBeforeSending(question.storing, stream, outcome);

    // 5. Store the answer whenever and however it ends.
    const settled = settleAnswer({ chat, prompt, conversationId, outcome, hooks: deps.hooks });
    question?.lease.releaseAfter(settled);
    return { prepared: chat, prompt, conversationId, messageId, stream, outcome, settled };
  } catch (error) {
    question?.lease.releaseAfter(spent ?? Promise.resolve());
    await abandonTurn(deps.hooks, chat, spent);
    throw error;
  }
}

/**
 * The model is asked while the question is still being stored (a provider's first token takes
 * far longer than the write), but nothing reaches the client before the question is stored: the
 * response is only returned after this. If storing fails, the answer is dropped unsent and
 * unstored, and the client gets the error (503 when the database is down) instead of an answer.
 */
async function questionStoredBeforeSending(storing: Promise<unknown>, stream: ReadableStream<UIMessageChunk>, outcome: Promise<AnswerOutcome>): Promise<void> {
  try {
    await storing;
  } catch (error) {
    void stream.cancel(error).catch(() => {});
    void outcome.catch(() => {});
    throw error;
  }
}

/**
 * The turn failed after beforeModel admitted it: give back what it set aside — before answering
 * when nothing was spent, otherwise once the model call has ended.
 */
async function abandonTurn(hooks: ChatHooks | undefined, chat: PreparedChat, spent: Promise<AnswerOutcome> | null): Promise<void> {
  const giveBack = hooks?.abandoned?.(chat, spent)?.catch((reason: unknown) => {
    logger.error({ err: reason instanceof Error ? reason.message : String(reason) }, "abandoned hook failed");
  });
  if (giveBack && !spent) await giveBack;
  else if (giveBack) keepAliveUntil(giveBack);
}
