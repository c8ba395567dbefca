// Where an answer comes from, in order of preference:
//   1. the response cache, when it holds this question (no model call, no cost);
//   2. the provider chain: the first provider that streams answers;
//   3. the offline analyst, when no provider is configured or every one failed, so the user
//      still gets figures computed from their cells and is told no model answered.
// A client that leaves before any provider streamed gets nothing (and is not answered offline).
import type { ToolSet } from "ai";
import type { CompactContext, ExcelAnalysis, ExcelContext } from "@/lib/excel";
import type { CachedAnswer } from "@/lib/ai/cache";
import type { OfflineReason } from "@/lib/ai/offline-analyst";
import type { ChatPrompt } from "@/lib/ai/prompts/build-prompt";
import type { AttemptFailure } from "@/lib/ai/providers/open-stream-with-fallback";
import type { ProviderChain } from "@/lib/ai/providers/provider-types";
import { nothingProduced, type EmitChunk, type ProducedAnswer } from "./answer-outcome";
import { forwardModelStream } from "./forward-model-stream";
import { openModelStream } from "./open-model-stream";
import { replayBudgetNote, replayCachedAnswer, replayOfflineAnswer } from "./replay-answer";

export interface AnswerSourceInput {
  prompt: ChatPrompt;
  /** Proposal tools, or undefined when none may be offered (read_only, JSON clients). */
  tools: ToolSet | undefined;
  chain: ProviderChain;
  /** What the offline analyst needs when no model answers. */
  offline: { context: ExcelContext | null; analysis: ExcelAnalysis | null; compact: CompactContext | null };
  /** A stored answer (the response cache) to replay instead of calling a provider. */
  cached?: CachedAnswer | null;
  maxOutputTokens: number;
  /** Appended when the model stops at `maxOutputTokens` (set when the quota lowered it). */
  cutShortNote?: string;
  /** Agent mode: the answer's budget is spent; this is said instead of calling a model. */
  budgetEnded?: string | null;
}

/** Produces the answer from the best source available, emitting its chunks as they come. */
export async function answerFromBestSource(input: AnswerSourceInput, clientSignal: AbortSignal, emit: EmitChunk): Promise<ProducedAnswer> {
  if (input.budgetEnded) return replayBudgetNote(input.budgetEnded, emit);
  if (input.cached) return replayCachedAnswer(input.cached, emit);
  const offline = (reason: OfflineReason, failures: AttemptFailure[]) =>
    replayOfflineAnswer({ intent: input.prompt.intent, reason, question: input.prompt.userText, selection: input.offline, failures }, emit);
  if (input.chain.providers.length === 0) return offline({ kind: "not_configured" }, []);

  const fallback = await openModelStream({ chain: input.chain, prompt: input.prompt, tools: input.tools, maxOutputTokens: input.maxOutputTokens, signal: clientSignal });
  if (fallback.aborted) return nothingProduced({ status: "incomplete", finishReason: "other", failures: fallback.failures });
  if (!fallback.opened) {
    return offline({ kind: "providers_failed", providers: fallback.failures.map((f) => f.provider) }, fallback.failures);
  }
  return forwardModelStream(
    { opened: fallback.opened, failures: fallback.failures, tools: input.tools, estimatedInputTokens: input.prompt.estimatedInputTokens, cutShortNote: input.cutShortNote },
    clientSignal,
    emit,
  );
}
