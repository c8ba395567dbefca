// One chat turn, in the order STYLE habit 7 sets (the route has already parsed the body,
// authenticated and rate-limited through withRoute):
//
//   1. read the selection        parseExcelContext (400 naming the plan's cell limit), analysis,
//                                  and the prompt, whose size the quota needs
//   2. hooks.beforeModel         ← the quota (lib/limits/check-quota.ts) sets aside what the turn
//                                  can cost: before ownership, storage or any model call
//   3. check ownership           the conversation is mine (404 otherwise), or a new one
//   4. save the user message     before anything is streamed
//   5. stream the answer         hooks.cachedAnswer ← the response cache replays here; else the
//                                  provider chain with fallback, or the offline analyst
//   6. save the answer           when the stream ends — also when the client disconnects
//   7. hooks.afterAnswer         ← the quota settles what the turn really used
//
// A turn that fails between 2 and 5 (not your conversation, storage down) calls hooks.abandoned,
// so what beforeModel set aside is given back.
//
// Guests get steps 1, 2 and 5 only: they get answers, and nothing of theirs is stored.
import { randomUUID } from "node:crypto";
import { safeValidateUIMessages, type UIMessage } from "ai";
import { analyzeExcelContext, buildCompactContext, parseExcelContext, type CompactContext, type ExcelAnalysis, type ExcelContext } from "@/lib/excel";
import type { Principal, UserPrincipal } from "@/lib/auth/principal";
import { listMessages } from "@/lib/db/messages";
import { billingEnabled } from "@/lib/billing/billing-mode";
import { readTurn, type TurnState } from "@/lib/db/chat-turns";
import { DEFAULT_PREFERENCES } from "@/lib/db/profiles";
import type { ServiceType } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { redactExcelContext, redactMessages } from "@/lib/privacy/redact-pii";
import type { Plan } from "@/lib/limits/entitlements";
import { logger } from "@/lib/observability/logger";
import { buildPrompt, textOf, type ChatPrompt } from "@/lib/ai/prompts/build-prompt";
import { detectIntent, type Intent } from "@/lib/ai/prompts/detect-intent";
import { stripInvisibleCharacters } from "@/lib/ai/prompts/strip-invisible-characters";
import { PROMPT_VERSION } from "@/lib/ai/prompts/prompt-version";
import type { CachedAnswer } from "@/lib/ai/cache";
import { getProviderChain } from "@/lib/ai/providers/get-provider-chain";
import { preferProvider } from "@/lib/ai/providers/prefer-provider";
import type { ProviderChain } from "@/lib/ai/providers/provider-types";
import { reportedOutcomes } from "@/lib/ai/tools/edit-outcome";
import { excelTools } from "@/lib/ai/tools/excel-tools";
import { toolsForRequest } from "@/lib/ai/tools/tools-for-request";
import { chatPlanFor, maxCellsFor } from "./chat-plan";
import type { ChatMessageMetadata } from "./chat-types";
import { titleFromMessage } from "./conversation-title";
import { keepAliveUntil } from "./keep-alive";
import { answerStored, trackAnswerStore } from "./pending-answers";
import { MAX_MESSAGE_CHARS } from "./request-schemas";
import { planConversation } from "./resolve-conversation";
import { saveAnswer, startConversationTurn } from "./save-messages";
import { serviceTypeFor } from "./service-type";
import { estimateTurnInputTokens } from "./estimate-turn-tokens";
import type { AnswerOutcome } from "./answer-outcome";
import { MAX_OUTPUT_TOKENS, streamAnswer } from "./stream-answer";

export type ChatInput = {
  principal: Principal;
  /** The Excel context as the client sent it (seed 001 shape, read liberally). */
  context: unknown;
  conversationId?: string | null;
  /** useChat's chat id, when the client has no conversation id yet. */
  chatId?: string | null;
  /** The request's signal: the client disconnecting stops the model and keeps the partial answer. */
  signal?: AbortSignal;
} & (
  | { client: "ui"; /** The conversation so far as the client holds it, oldest first. */ messages: UIMessage[] }
  | { client: "json"; message: string }
);

/** What is known about a turn before the model is called; handed to the hooks. */
export interface PreparedChat {
  principal: Principal;
  plan: Plan;
  /** `user:<id>` or `ip:<address>`: the identifier quotas and caches key on. */
  identifier: string;
  userText: string;
  intent: Intent;
  serviceType: ServiceType;
  context: ExcelContext | null;
  analysis: ExcelAnalysis | null;
  compact: CompactContext | null;
  client: "ui" | "json";
  /** The providers that may answer, in order: the server's, with the user's preferred model first. */
  chain: ProviderChain;
  /** What the model call can cost at most, in tokens: the quota sets this aside before the call. */
  estimate: { inputTokens: number; maxOutputTokens: number };
}

/** What beforeModel allows the model call. */
export interface ModelBudget {
  /** Fewer output tokens than usual: the plan has less left this month. */
  maxOutputTokens?: number;
  /** Said at the end of an answer that this cap stopped. */
  cutShortNote?: string;
}

export interface ChatHooks {
  /** Before ownership checks, storage and the model call. Throw an AppError to refuse (quota_exceeded). */
  beforeModel?: (chat: PreparedChat) => Promise<ModelBudget | void>;
  /**
   * After the prompt is built, before the model is called: return a stored answer to replay it
   * (streamed, marked cached, cost 0) instead of calling a provider. The cache key belongs to the
   * prompt: `prompt.promptVersion`, `prompt.instructions`, `prompt.messages`.
   */
  cachedAnswer?: (chat: PreparedChat, prompt: ChatPrompt) => Promise<CachedAnswer | null>;
  /** After the answer is stored. Errors are logged, never sent: the answer was already delivered. */
  afterAnswer?: (chat: PreparedChat, outcome: AnswerOutcome, prompt: ChatPrompt) => Promise<void>;
  /**
   * The turn failed after beforeModel admitted it, before an answer could be delivered: give
   * back what beforeModel reserved. `spent` resolves with the model call's outcome when the model
   * had already been called (its tokens were spent), and is null otherwise. Errors are logged.
   */
  abandoned?: (chat: PreparedChat, spent: Promise<AnswerOutcome> | null) => Promise<void>;
}

export interface ChatDeps {
  /** Defaults to getProviderChain() (the environment's, or the one a test installed). */
  chain?: ProviderChain;
  hooks?: ChatHooks;
}

export interface ChatRun {
  prepared: PreparedChat;
  prompt: ChatPrompt;
  conversationId: string | null;
  messageId: string;
  /** The answer in the AI SDK UI message stream protocol (chunks, not yet SSE). */
  stream: ReadableStream<import("ai").UIMessageChunk>;
  /** Resolves when the answer has ended (never rejects). */
  outcome: Promise<AnswerOutcome>;
  /** Resolves when the answer and its usage are stored and afterAnswer ran (never rejects). */
  settled: Promise<void>;
}

function userMessageFrom(text: string): UIMessage {
  return { id: randomUUID(), role: "user", parts: [{ type: "text", text }] };
}

/** Stored messages back into UI messages, for clients (JSON) that do not send the history. */
async function storedHistory(principal: UserPrincipal, conversationId: string): Promise<UIMessage[]> {
  const stored = await listMessages({ claims: principal.claims, conversationId, limit: 100 });
  return stored
    .filter((m) => m.role === "user" || m.role === "assistant")
    .map((m) => ({ id: m.id, role: m.role as "user" | "assistant", parts: m.parts as UIMessage["parts"] }));
}

/** Checks client-sent UI messages against the tool schemas; a malformed history is a 400. */
async function validateClientMessages(messages: UIMessage[]): Promise<UIMessage[]> {
  const result = await safeValidateUIMessages({ messages, tools: excelTools });
  if (!result.success) {
    throw new AppError("bad_request", `Invalid messages: ${result.error.message.split("\n")[0].slice(0, 300)}`);
  }
  return result.data;
}

/** Parses the selection within the plan's cell limit (400 naming it), analyses and compacts it. */
function analyzeSelection(raw: unknown, plan: Plan): { context: ExcelContext | null; analysis: ExcelAnalysis | null; compact: CompactContext | null } {
  const context = parseExcelContext(raw, { maxCells: maxCellsFor(plan) });
  const analysis = context ? analyzeExcelContext(context) : null;
  return { context, analysis, compact: context ? buildCompactContext(context, analysis) : null };
}

function tryAnalyzeSelection(raw: unknown, plan: Plan) {
  try {
    return { plan, selection: analyzeSelection(raw, plan) };
  } catch {
    return null;
  }
}

export async function runChat(input: ChatInput, deps: ChatDeps = {}): Promise<ChatRun> {
  const { principal } = input;

  // 1. The question and the selection.
  // One read for a signed-in user: preferences, and the conversation the turn continues (its
  // existence and last message; the 404 or duplicate question it may mean is applied at step 3).
  // It starts first and runs while the messages are validated (the database works apart from
  // this thread). The preferences decide what leaves the building: with PII redaction on,
  // emails, phone numbers, card numbers and IBANs are masked in the question and the selection
  // before the analysis, the prompt, the cache key and what is stored.
  const planned =
    principal.kind === "user"
      ? planConversation({ userId: principal.userId, conversationId: input.conversationId, chatId: input.client === "ui" ? input.chatId : null })
      : null;
  // The answer to this conversation's previous question may still be being stored (its stream
  // has just ended): the turn reads after it, so its question is stored after that answer.
  const previous = planned?.lookUp ? answerStored(planned.id) : null;
  if (previous) await previous;
  const reading =
    principal.kind === "user" && planned ? readTurn({ claims: principal.claims, conversationId: planned.lookUp ? planned.id : null, withPlan: billingEnabled() }) : null;
  reading?.catch(() => {}); // awaited below; invalid messages must not leave it unhandled
  let messages: UIMessage[];
  if (input.client === "ui") {
    messages = await validateClientMessages(input.messages);
  } else {
    messages = [userMessageFrom(input.message)];
  }
  // While the read is out, the selection is analysed as if redaction were off, when the plan
  // (its cell limit) is known without the database: analysis is most of this thread's work in a
  // turn, and it usually is the final one. It is redone below when redaction is on; any error is
  // left for the real run to raise in its proper order.
  const early = reading && !billingEnabled() ? tryAnalyzeSelection(input.context, await chatPlanFor(principal)) : null;
  const turn: TurnState | null = reading ? await reading : null;
  const preferences = turn?.preferences ?? DEFAULT_PREFERENCES;
  let rawContext = input.context;
  if (preferences.piiRedaction) {
    messages = redactMessages(messages).messages;
    rawContext = redactExcelContext(rawContext).context;
  }
  const lastUser = [...messages].reverse().find((m) => m.role === "user");
  const userText = stripInvisibleCharacters(textOf(lastUser));
  if (!userText) throw new AppError("bad_request", "The message is empty: ask a question about your selection.");
  if (userText.length > MAX_MESSAGE_CHARS) {
    throw new AppError("bad_request", `The message is ${userText.length.toLocaleString("en-US")} characters; the limit is ${MAX_MESSAGE_CHARS.toLocaleString("en-US")}.`);
  }
  const plan = await chatPlanFor(principal, turn?.entitledPlan);
  const { context, analysis, compact } =
    early && early.plan === plan && !preferences.piiRedaction ? early.selection : analyzeSelection(rawContext, plan);
  const intent = detectIntent(userText);
  // The prompt as far as it is known now: for every turn but a JSON client continuing a stored
  // conversation (its history is read once its question is stored, below) this is the final one.
  const writeMode = preferences.writeMode;
  const { access, tools } = toolsForRequest({ client: input.client, writeMode });
  const historyToCome = input.client === "json" && turn?.conversationExists === true;
  let prompt = await buildPrompt({ messages, analysis, compact, tools: access, toolSet: excelTools });
  const prepared: PreparedChat = {
    principal,
    plan,
    identifier: principal.kind === "user" ? `user:${principal.userId}` : `ip:${principal.ip}`,
    userText,
    intent,
    serviceType: serviceTypeFor(intent, userText),
    context,
    analysis,
    compact,
    client: input.client,
    chain: preferProvider(deps.chain ?? getProviderChain(), preferences.preferredModel),
    estimate: { inputTokens: await estimateTurnInputTokens({ prompt, tools, historyToCome }), maxOutputTokens: MAX_OUTPUT_TOKENS },
  };

  // 2. Quota.
  const budget = (await deps.hooks?.beforeModel?.(prepared)) ?? {};
  // The model call's outcome, once it has been called.
  let spent: Promise<AnswerOutcome> | null = null;
  try {
    return await answerTurn();
  } catch (error) {
    const giveBack = deps.hooks?.abandoned?.(prepared, spent)?.catch((reason: unknown) => {
      logger.error({ err: reason instanceof Error ? reason.message : String(reason) }, "abandoned hook failed");
    });
    // Nothing was spent: give it back before answering. Otherwise when the model call has ended.
    if (giveBack && !spent) await giveBack;
    else if (giveBack) keepAliveUntil(giveBack);
    throw error;
  }

  async function answerTurn(): Promise<ChatRun> {
    // 3–4. Ownership, history, and the user's message — signed-in users only. The question is
    // stored before the answer streams; the response cache is asked while the database stores it
    // (a JSON client continuing a conversation waits for it, then its prompt is rebuilt with the
    // stored history).
    let conversationId: string | null = null;
    let storing: Promise<unknown> | null = null;
    if (principal.kind === "user" && planned && turn) {
      const firstUser = messages.find((m) => m.role === "user");
      // A turn that continues an answer (the client sends back the outcome of an applied proposal)
      // ends with an assistant message: there is no new question to store.
      const asks = messages[messages.length - 1]?.role === "user";
      storing = startConversationTurn({
        principal,
        planned,
        exists: turn.conversationExists === true,
        lastMessage: turn.lastMessage,
        title: titleFromMessage(textOf(firstUser) || userText),
        workbook: context?.workbook ?? null,
        message: asks ? { parts: [{ type: "text", text: userText }], contextSummary: compact?.summary ?? null } : null,
        outcomes: input.client === "ui" ? reportedOutcomes(messages) : [],
      });
      conversationId = planned.id;
      if (input.client === "json" && turn.conversationExists) {
        await storing;
        // The stored history, before this turn's question (stored just now, or a retried duplicate).
        const history = await storedHistory(principal, conversationId);
        const last = history[history.length - 1];
        if (last?.role === "user" && textOf(last) === userText) history.pop();
        messages = [...history, ...messages];
      }
    }

    // 5. The answer.
    const preparing = (async () => {
      if (historyToCome) prompt = await buildPrompt({ messages, analysis, compact, tools: access, toolSet: excelTools });
      return (await deps.hooks?.cachedAnswer?.(prepared, prompt)) ?? null;
    })();
    storing?.catch(() => {}); // awaited below; a failed prompt build must not leave it unhandled
    const cached = await preparing;
    const messageId = randomUUID();
    const metadata: ChatMessageMetadata = {
      conversationId,
      context: compact?.summary ?? null,
      promptVersion: PROMPT_VERSION,
      intent: prompt.intent,
      cached: false,
    };
    const { stream, outcome } = streamAnswer({
      prompt,
      tools,
      chain: prepared.chain,
      offline: { context, analysis, compact },
      messageId,
      metadata,
      signal: input.signal,
      cached,
      streamToClient: input.client === "ui",
      maxOutputTokens: budget.maxOutputTokens,
      cutShortNote: budget.cutShortNote,
    });
    spent = outcome;

    // The model is asked while the question is still being stored (a provider's first token takes
    // far longer than the write), but nothing reaches the client before the question is stored: the
    // response is only returned below. If storing fails, the answer is dropped unsent and unstored,
    // and the client gets the error (503 when the database is down) instead of an answer.
    if (storing) {
      try {
        await storing;
      } catch (error) {
        void stream.cancel(error).catch(() => {});
        void outcome.catch(() => {});
        throw error;
      }
    }

    // 6–7. Store the answer whenever and however it ends.
    const settled = outcome.then(async (result) => {
      // The answer's last chunk is still on its way through the response's streams: let it reach
      // the socket before this thread spends time storing the answer and updating counters.
      await new Promise((resolve) => setImmediate(resolve));
      if (principal.kind === "user" && conversationId) {
        await saveAnswer({ principal, conversationId, outcome: result, serviceType: prepared.serviceType, workbook: context?.workbook ?? null });
      }
      try {
        await deps.hooks?.afterAnswer?.(prepared, result, prompt);
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

    return { prepared, prompt, conversationId, messageId, stream, outcome, settled };
  }
}
