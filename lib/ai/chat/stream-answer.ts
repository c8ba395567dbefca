// Produces one assistant answer as a UI message stream: through the provider chain with
// fallback, or from the offline analyst, with proposals validated on the way.
//
// The answer is produced by a server-side task that does not depend on anyone reading the
// response. Every chunk goes to two places: the client's stream (while it is connected) and an
// assembler that builds the final message for persistence. When the client disconnects
// — the Stop button, a closed task pane, a dropped network — the model call is stopped (no more
// tokens are spent on an answer nobody reads) and what was produced so far is kept and flagged
// `incomplete`. `outcome` resolves in every case, so the caller can always store the answer.
import { streamText, toUIMessageChunk, type FinishReason, type LanguageModelUsage, type UIMessageChunk } from "ai";
import { estimateTokens, type CompactContext, type ExcelAnalysis, type ExcelContext } from "@/lib/excel";
import { logger } from "@/lib/observability/logger";
import { buildOfflineAnswer, chunkAnswer, OFFLINE_MODEL, OFFLINE_PROVIDER, type OfflineReason } from "@/lib/ai/offline-analyst";
import { costMicros } from "@/lib/ai/pricing";
import type { ChatPrompt } from "@/lib/ai/prompts/build-prompt";
import { openStreamWithFallback, type AttemptFailure, type OpenedStream } from "@/lib/ai/providers/open-stream-with-fallback";
import type { ProviderChain } from "@/lib/ai/providers/provider-types";
import type { ExcelTools } from "@/lib/ai/tools/excel-tools";
import { describeRefusal, validateProposal } from "@/lib/ai/tools/validate-proposal";
import { MessageAssembler } from "./assemble-message";
import { replayChunks, type CachedAnswer } from "@/lib/ai/cache";
import type { AnswerStatus, AnswerUsage, ChatMessageMetadata, ChatUIMessage } from "./chat-types";

/** Most tokens one answer may use; long enough for a worked explanation with a table. */
export const MAX_OUTPUT_TOKENS = 2_000;
/** Low: answers about numbers should be repeatable, not creative. */
const TEMPERATURE = 0.3;

export const INCOMPLETE_ANSWER_TEXT = "The AI provider stopped in the middle of this answer, so it is incomplete. Ask again for a full answer.";
const GENERIC_ERROR_TEXT = "Something went wrong while answering. Try again.";

export interface StreamAnswerInput {
  prompt: ChatPrompt;
  /** Proposal tools, or undefined when none may be offered (read_only, JSON clients). */
  tools: ExcelTools | undefined;
  chain: ProviderChain;
  /** What the offline analyst needs when no model answers. */
  offline: { context: ExcelContext | null; analysis: ExcelAnalysis | null; compact: CompactContext | null };
  messageId: string;
  metadata: ChatMessageMetadata;
  /** The request's signal: fires when the client disconnects. */
  signal?: AbortSignal;
  maxOutputTokens?: number;
  /** Appended when the model stops at `maxOutputTokens` (set when the quota lowered it). */
  cutShortNote?: string;
  /** A stored answer (the response cache) to replay instead of calling a provider. */
  cached?: CachedAnswer | null;
  /** False for clients that only want the final answer (JSON): nothing is buffered for a reader. */
  streamToClient?: boolean;
}

export interface AnswerOutcome {
  messageId: string;
  message: ChatUIMessage;
  text: string;
  status: AnswerStatus;
  source: "model" | "offline" | "cache" | "none";
  provider: string | null;
  model: string | null;
  usage: AnswerUsage;
  costMicros: number;
  latencyMs: number;
  firstTokenMs: number | null;
  finishReason: FinishReason;
  failures: AttemptFailure[];
  clientDisconnected: boolean;
  proposals: { offered: number; refused: number };
  /** The metadata sent with the `finish` chunk. */
  metadata: ChatMessageMetadata;
}

interface Produced {
  status: AnswerStatus;
  source: AnswerOutcome["source"];
  provider: string | null;
  model: string | null;
  usage: AnswerUsage;
  firstTokenMs: number | null;
  finishReason: FinishReason;
  failures: AttemptFailure[];
  proposals: { offered: number; refused: number };
}

const ZERO_USAGE: AnswerUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0, estimated: false };

export class ClientDisconnectedError extends Error {
  constructor() {
    super("the client disconnected");
    this.name = "ClientDisconnectedError";
  }
}

export function streamAnswer(input: StreamAnswerInput): { stream: ReadableStream<UIMessageChunk>; outcome: Promise<AnswerOutcome> } {
  const startedAt = performance.now();
  const client = new AbortController();
  const onRequestAbort = () => client.abort(new ClientDisconnectedError());
  if (input.signal?.aborted) onRequestAbort();
  else input.signal?.addEventListener("abort", onRequestAbort, { once: true });

  let clientOpen = input.streamToClient ?? true;
  let clientController!: ReadableStreamDefaultController<UIMessageChunk>;
  const assembler = new MessageAssembler(input.messageId);
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      clientController = controller;
      if (!clientOpen) controller.close();
    },
    cancel() {
      clientOpen = false;
      client.abort(new ClientDisconnectedError());
    },
  });

  const emit = (chunk: UIMessageChunk) => {
    assembler.add(chunk);
    if (!clientOpen) return;
    try {
      clientController.enqueue(chunk);
    } catch {
      clientOpen = false;
    }
  };

  const outcome = (async (): Promise<AnswerOutcome> => {
    emit({ type: "start", messageId: input.messageId, messageMetadata: input.metadata });
    let produced: Produced;
    try {
      produced = await produce(input, client.signal, emit);
    } catch (error) {
      // A bug in our pipeline, not a provider failure: log it, tell the client, keep the partial answer.
      logger.error({ err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }, "chat answer failed");
      emit({ type: "error", errorText: GENERIC_ERROR_TEXT });
      produced = {
        status: "error",
        source: "none",
        provider: null,
        model: null,
        usage: ZERO_USAGE,
        firstTokenMs: null,
        finishReason: "error",
        failures: [],
        proposals: { offered: 0, refused: 0 },
      };
    }
    const cost = produced.source !== "cache" && produced.provider && produced.model ? costMicros({ model: produced.model, provider: produced.provider, inputTokens: produced.usage.inputTokens, outputTokens: produced.usage.outputTokens }) : 0;
    const metadata: ChatMessageMetadata = {
      ...input.metadata,
      status: produced.status,
      provider: produced.provider,
      model: produced.model,
      cached: produced.source === "cache",
      offline: produced.source === "offline",
      usage: { ...produced.usage, costMicros: cost },
      ...(produced.failures.length > 0 ? { fallback: produced.failures.map((f) => ({ provider: f.provider, reason: f.reason })) } : {}),
    };
    emit({ type: "finish", finishReason: produced.finishReason, messageMetadata: metadata });
    input.signal?.removeEventListener("abort", onRequestAbort);
    if (clientOpen) {
      try {
        clientController.close();
      } catch {
        // the client went away at the last moment
      }
    }
    const message: ChatUIMessage = assembler.message();
    const text = message.parts
      .map((part) => (part.type === "text" ? part.text : ""))
      .join("")
      .trim();
    return {
      messageId: input.messageId,
      message,
      text,
      status: produced.status,
      source: produced.source,
      provider: produced.provider,
      model: produced.model,
      usage: produced.usage,
      costMicros: cost,
      latencyMs: Math.round(performance.now() - startedAt),
      firstTokenMs: produced.firstTokenMs,
      finishReason: produced.finishReason,
      failures: produced.failures,
      clientDisconnected: client.signal.aborted,
      proposals: produced.proposals,
      metadata,
    };
  })();

  return { stream, outcome };
}

async function produce(input: StreamAnswerInput, signal: AbortSignal, emit: (chunk: UIMessageChunk) => void): Promise<Produced> {
  const { chain, prompt, tools } = input;
  if (input.cached) return replayCached(input.cached, emit);
  if (chain.providers.length === 0) return answerOffline(input, { kind: "not_configured" }, [], emit);

  const fallback = await openStreamWithFallback({
    chain,
    signal,
    start: (provider, attemptSignal) =>
      streamText({
        model: provider.model,
        instructions: prompt.instructions,
        messages: prompt.messages,
        tools,
        maxRetries: 0, // the chain decides what happens after a failure, not the SDK
        maxOutputTokens: input.maxOutputTokens ?? MAX_OUTPUT_TOKENS,
        temperature: TEMPERATURE,
        abortSignal: attemptSignal,
        onError: () => undefined, // failures arrive as stream parts; logged by the caller
      }),
  });
  for (const failure of fallback.failures) {
    logger.warn({ provider: failure.provider, reason: failure.reason, status: failure.status, elapsedMs: failure.elapsedMs, detail: failure.message.slice(0, 200) }, "AI provider failed over");
  }
  if (fallback.aborted) {
    return { ...emptyProduced(fallback.failures), status: "incomplete", finishReason: "other" };
  }
  if (!fallback.opened) {
    return answerOffline(input, { kind: "providers_failed", providers: fallback.failures.map((f) => f.provider) }, fallback.failures, emit);
  }
  return forwardModelStream(input, fallback.opened, fallback.failures, signal, emit);
}

function emptyProduced(failures: AttemptFailure[]): Produced {
  return {
    status: "complete",
    source: "none",
    provider: null,
    model: null,
    usage: ZERO_USAGE,
    firstTokenMs: null,
    finishReason: "stop",
    failures,
    proposals: { offered: 0, refused: 0 },
  };
}

function answerOffline(input: StreamAnswerInput, reason: OfflineReason, failures: AttemptFailure[], emit: (chunk: UIMessageChunk) => void): Produced {
  const text = buildOfflineAnswer({
    intent: input.prompt.intent,
    reason,
    context: input.offline.context,
    analysis: input.offline.analysis,
    compact: input.offline.compact,
  });
  return replayText(text, emit, { source: "offline", provider: OFFLINE_PROVIDER, model: OFFLINE_MODEL, failures });
}

/** Replays a cached answer; its proposals are validated again (the rules may be stricter now). */
function replayCached(cached: CachedAnswer, emit: (chunk: UIMessageChunk) => void): Produced {
  const proposals = { offered: 0, refused: 0 };
  for (const chunk of replayChunks(cached)) {
    if (chunk.type === "tool-input-available") {
      const validation = validateProposal(chunk.toolName, chunk.input);
      if (!validation.ok) {
        proposals.refused++;
        emit({ type: "tool-input-error", toolCallId: chunk.toolCallId, toolName: chunk.toolName, input: chunk.input, errorText: describeRefusal(validation) });
        continue;
      }
      proposals.offered++;
      emit({ ...chunk, input: validation.input, toolMetadata: { validated: true, address: validation.range.address, cells: validation.range.cells } });
      continue;
    }
    emit(chunk);
  }
  return { ...replayResult({ source: "cache", provider: cached.provider, model: cached.model, failures: [] }), proposals };
}

function replayResult(origin: { source: "offline" | "cache"; provider: string; model: string; failures: AttemptFailure[] }): Produced {
  return {
    status: "complete",
    source: origin.source,
    provider: origin.provider,
    model: origin.model,
    usage: ZERO_USAGE,
    firstTokenMs: 0,
    finishReason: "stop",
    failures: origin.failures,
    proposals: { offered: 0, refused: 0 },
  };
}

/** Streams a finished text as a model would (offline answers, cached answers): no tokens, no cost. */
function replayText(
  text: string,
  emit: (chunk: UIMessageChunk) => void,
  origin: { source: "offline" | "cache"; provider: string; model: string; failures: AttemptFailure[] },
): Produced {
  const id = origin.source;
  emit({ type: "start-step" });
  emit({ type: "text-start", id });
  for (const delta of chunkAnswer(text)) emit({ type: "text-delta", id, delta });
  emit({ type: "text-end", id });
  emit({ type: "finish-step" });
  return replayResult(origin);
}

function usageFrom(reported: LanguageModelUsage | undefined, estimate: { input: number; output: number }): AnswerUsage {
  const input = reported?.inputTokens;
  const output = reported?.outputTokens;
  if (typeof input === "number" && typeof output === "number") {
    return { inputTokens: input, outputTokens: output, totalTokens: reported?.totalTokens ?? input + output, estimated: false };
  }
  const inputTokens = typeof input === "number" ? input : estimate.input;
  const outputTokens = typeof output === "number" ? output : estimate.output;
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens, estimated: true };
}

async function forwardModelStream(
  input: StreamAnswerInput,
  opened: OpenedStream<ExcelTools>,
  failures: AttemptFailure[],
  signal: AbortSignal,
  emit: (chunk: UIMessageChunk) => void,
): Promise<Produced> {
  const proposals = { offered: 0, refused: 0 };
  let outputChars = "";
  let reportedUsage: LanguageModelUsage | undefined;
  let finishReason: FinishReason = "other";
  let responseModel: string | undefined;
  let failedMidStream = false;
  let finished = false;
  const chunkOptions = { tools: input.tools, sendStart: false, sendFinish: false, sendReasoning: false, sendSources: false, onError: () => GENERIC_ERROR_TEXT };

  for (;;) {
    let read: IteratorResult<Parameters<typeof toUIMessageChunk<ExcelTools>>[0]>;
    try {
      read = await opened.next();
    } catch {
      failedMidStream = !signal.aborted;
      break;
    }
    if (read.done) break;
    const part = read.value;
    if (part.type === "error") {
      failedMidStream = true;
      logger.warn({ provider: opened.provider.name, detail: part.error instanceof Error ? part.error.message.slice(0, 200) : String(part.error).slice(0, 200) }, "AI provider failed mid-answer");
      break;
    }
    if (part.type === "abort") {
      failedMidStream = !signal.aborted; // an idle timeout aborts too; the client leaving does not count against the provider
      break;
    }
    if (part.type === "finish") {
      finished = true;
      finishReason = part.finishReason;
      reportedUsage = part.totalUsage;
      continue;
    }
    if (part.type === "finish-step") {
      responseModel = part.response.modelId || responseModel;
    }
    if (part.type === "text-delta") outputChars += part.text;
    if (part.type === "tool-call" && !part.invalid) {
      outputChars += JSON.stringify(part.input);
      const validation = validateProposal(part.toolName, part.input);
      if (validation.ok) {
        proposals.offered++;
        emit({
          type: "tool-input-available",
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          input: validation.input,
          toolMetadata: { validated: true, address: validation.range.address, cells: validation.range.cells },
        });
      } else {
        proposals.refused++;
        emit({ type: "tool-input-error", toolCallId: part.toolCallId, toolName: part.toolName, input: part.input, errorText: describeRefusal(validation) });
      }
      continue;
    }
    const chunk = toUIMessageChunk<ExcelTools>(part, chunkOptions);
    if (chunk) emit(chunk as UIMessageChunk);
  }

  const clientLeft = signal.aborted && !finished;
  if (failedMidStream || opened.stalled) {
    opened.breaker.recordFailure(opened.stalled ? "stalled mid-answer" : "failed mid-answer");
    opened.abort(new Error("failed mid-answer"));
    emit({ type: "error", errorText: INCOMPLETE_ANSWER_TEXT });
  } else if (clientLeft) {
    opened.breaker.release();
    opened.abort(new ClientDisconnectedError());
  } else {
    opened.breaker.recordSuccess();
  }
  const complete = finished && !failedMidStream && !opened.stalled && !clientLeft;
  if (complete && finishReason === "length" && input.cutShortNote) {
    emit({ type: "text-start", id: "cut-short" });
    emit({ type: "text-delta", id: "cut-short", delta: input.cutShortNote });
    emit({ type: "text-end", id: "cut-short" });
  }
  return {
    status: complete ? "complete" : "incomplete",
    source: "model",
    provider: opened.provider.name,
    model: responseModel ?? opened.provider.modelId,
    usage: usageFrom(reportedUsage, { input: input.prompt.estimatedInputTokens, output: estimateTokens(outputChars) }),
    firstTokenMs: opened.firstTokenMs,
    finishReason: complete ? finishReason : failedMidStream || opened.stalled ? "error" : "other",
    failures,
    proposals,
  };
}
