// What the end of a model call means for the provider and for the bill.
//
// The provider's circuit breaker hears how the call ended: a failure or a stall mid-answer counts
// against the provider, a client leaving does not (the attempt is released), anything else is a
// success. A call that did not end by itself is stopped, so no more tokens are spent on it.
// Usage is what the provider reported, or estimated when a cut stream reported none; an answer
// costs what its provider charges for that usage, and a cached replay costs nothing.
import type { LanguageModelUsage, ToolSet } from "ai";
import { costMicros } from "@/lib/ai/pricing";
import type { OpenedStream } from "@/lib/ai/providers/open-stream-with-fallback";
import type { ProducedAnswer } from "./answer-outcome";
import type { AnswerUsage } from "./chat-types";
import { ClientDisconnectedError } from "./split-answer-stream";

/**
 * How a model call ended: `complete` (the provider finished), `failed` (an error or a stall
 * after the answer had started), `client_left` (before the provider finished), or `cut` (the
 * stream ended without the provider saying it had finished).
 */
export type ModelCallEnding = "complete" | "failed" | "client_left" | "cut";

export function modelCallEnding(opened: OpenedStream<ToolSet>, read: { finished: boolean; failedMidStream: boolean }, clientSignal: AbortSignal): ModelCallEnding {
  if (read.failedMidStream || opened.stalled) return "failed";
  if (clientSignal.aborted && !read.finished) return "client_left";
  return read.finished ? "complete" : "cut";
}

/** Tells the provider's breaker how the call ended, and stops a call that has not ended by itself. */
export function closeModelCall(opened: OpenedStream<ToolSet>, ending: ModelCallEnding): void {
  if (ending === "failed") {
    opened.breaker.recordFailure(opened.stalled ? "stalled mid-answer" : "failed mid-answer");
    opened.abort(new Error("failed mid-answer"));
  } else if (ending === "client_left") {
    opened.breaker.release();
    opened.abort(new ClientDisconnectedError());
  } else {
    opened.breaker.recordSuccess();
  }
}

/** The provider's usage report, or an estimate for whatever it did not report. */
export function usageFrom(reported: LanguageModelUsage | undefined, estimate: { input: number; output: number }): AnswerUsage {
  const input = reported?.inputTokens;
  const output = reported?.outputTokens;
  if (typeof input === "number" && typeof output === "number") {
    return { inputTokens: input, outputTokens: output, totalTokens: reported?.totalTokens ?? input + output, estimated: false };
  }
  const inputTokens = typeof input === "number" ? input : estimate.input;
  const outputTokens = typeof output === "number" ? output : estimate.output;
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens, estimated: true };
}

/** What the answer cost, in micro-dollars. */
export function answerCost(produced: ProducedAnswer): number {
  return produced.source !== "cache" && produced.provider && produced.model
    ? costMicros({ model: produced.model, provider: produced.provider, inputTokens: produced.usage.inputTokens, outputTokens: produced.usage.outputTokens })
    : 0;
}
