// Produces one assistant answer as a UI message stream, from the best source available (the
// response cache, the provider chain with fallback, or the offline analyst), with proposals
// validated on the way.
//
// The answer does not depend on anyone reading the response: each chunk goes both to the client
// and to the copy that is stored (split-answer-stream.ts). When the client disconnects, the model
// call is stopped and what was produced so far is kept, flagged `incomplete`. `outcome` resolves
// in every case — a bug in this pipeline included — so the caller can always store the answer.
import type { UIMessageChunk } from "ai";
import { logger } from "@/lib/observability/logger";
import { GENERIC_ERROR_TEXT, nothingProduced, type AnswerOutcome, type ProducedAnswer } from "./answer-outcome";
import { answerFromBestSource, type AnswerSourceInput } from "./choose-answer-source";
import type { ChatMessageMetadata } from "./chat-types";
import { answerCost } from "./model-call-accounting";
import { splitAnswerStream } from "./split-answer-stream";

/** Most tokens one answer may use; long enough for a worked explanation with a table. */
export const MAX_OUTPUT_TOKENS = 2_000;

export interface StreamAnswerInput extends Omit<AnswerSourceInput, "maxOutputTokens"> {
  messageId: string;
  metadata: ChatMessageMetadata;
  /** The request's signal: fires when the client disconnects. */
  signal?: AbortSignal;
  /** MAX_OUTPUT_TOKENS unless the quota left less. */
  maxOutputTokens?: number;
  /** False for clients that only want the final answer (JSON): nothing is buffered for a reader. */
  streamToClient?: boolean;
}

export function streamAnswer(input: StreamAnswerInput): { stream: ReadableStream<UIMessageChunk>; outcome: Promise<AnswerOutcome> } {
  const startedAt = performance.now();
  const answer = splitAnswerStream({ messageId: input.messageId, signal: input.signal, toClient: input.streamToClient ?? true });
  const { emit } = answer;

  const outcome = (async (): Promise<AnswerOutcome> => {
    emit({ type: "start", messageId: input.messageId, messageMetadata: input.metadata });
    let produced: ProducedAnswer;
    try {
      produced = await answerFromBestSource({ ...input, maxOutputTokens: input.maxOutputTokens ?? MAX_OUTPUT_TOKENS }, answer.signal, emit);
    } catch (error) {
      // A bug in our pipeline, not a provider failure: log it, tell the client, keep the partial answer.
      logger.error({ err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }, "chat answer failed");
      emit({ type: "error", errorText: GENERIC_ERROR_TEXT });
      produced = nothingProduced({ status: "error", finishReason: "error", failures: [] });
    }
    const cost = answerCost(produced);
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
    const message = answer.end();
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
      clientDisconnected: answer.signal.aborted,
      proposals: produced.proposals,
      metadata,
    };
  })();

  return { stream: answer.stream, outcome };
}
