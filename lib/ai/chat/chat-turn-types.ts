// The shapes of one chat turn: what runChat is given, what is known before the model is called
// (handed to the hooks), the hooks through which quotas and the response cache take part, and
// what runChat returns to the route.
import type { UIMessage, UIMessageChunk } from "ai";
import type { CompactContext, ExcelAnalysis, ExcelContext } from "@/lib/excel";
import type { Principal } from "@/lib/auth/principal";
import type { ServiceType } from "@/lib/db/schema";
import type { Plan } from "@/lib/limits/entitlements";
import type { CachedAnswer } from "@/lib/ai/cache";
import type { ChatPrompt } from "@/lib/ai/prompts/build-prompt";
import type { Intent } from "@/lib/ai/prompts/detect-intent";
import type { ProviderChain } from "@/lib/ai/providers/provider-types";
import type { AgentTurn } from "./agent-turn";
import type { AnswerOutcome } from "./answer-outcome";

export type ChatInput = {
  principal: Principal;
  /** The Excel context as the client sent it (any shape add-ins in the field send, read liberally). */
  context: unknown;
  conversationId?: string | null;
  /** useChat's chat id, when the client has no conversation id yet. */
  chatId?: string | null;
  /** The request's signal: the client disconnecting stops the model and keeps the partial answer. */
  signal?: AbortSignal;
} & (
  | {
      client: "ui";
      /** The conversation so far as the client holds it, oldest first. */
      messages: UIMessage[];
      /** What the client can run itself (agent mode): the read tools it declares. */
      capabilities?: { tools?: readonly string[] } | null;
    }
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
  /** Names of the tools offered to the model (part of the cache key). */
  offeredTools: string[];
  /** Agent mode (the client runs read tools): this step's budget and the answer it continues; null otherwise. */
  agent: AgentTurn | null;
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
  beforeModel?: (chat: PreparedChat) => Promise<ModelBudget | undefined>;
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
  stream: ReadableStream<UIMessageChunk>;
  /** Resolves when the answer has ended (never rejects). */
  outcome: Promise<AnswerOutcome>;
  /** Resolves when the answer and its usage are stored and afterAnswer ran (never rejects). */
  settled: Promise<void>;
}
