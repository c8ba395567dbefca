// Answers that need no model call, streamed the way a model streams: an answer from the
// response cache, and the offline analyst's answer when no model can answer. Neither uses
// tokens or costs anything.
import type { ExcelAnalysis, ExcelContext, CompactContext } from "@/lib/excel";
import { replayChunks, type CachedAnswer } from "@/lib/ai/cache";
import { buildOfflineAnswer, chunkAnswer, OFFLINE_MODEL, OFFLINE_PROVIDER, type OfflineReason } from "@/lib/ai/offline-analyst";
import type { Intent } from "@/lib/ai/prompts/detect-intent";
import type { AttemptFailure } from "@/lib/ai/providers/open-stream-with-fallback";
import { nothingProduced, ZERO_USAGE, type EmitChunk, type ProducedAnswer, type ProposalCount } from "./answer-outcome";
import { checkProposalChunk } from "./check-proposal-chunk";

/** Replays a cached answer, its proposals validated again. */
export function replayCachedAnswer(cached: CachedAnswer, emit: EmitChunk): ProducedAnswer {
  const proposals: ProposalCount = { offered: 0, refused: 0 };
  for (const chunk of replayChunks(cached)) {
    emit(chunk.type === "tool-input-available" ? checkProposalChunk(chunk, proposals) : chunk);
  }
  return replayed({ source: "cache", provider: cached.provider, model: cached.model, failures: [], proposals });
}

/** The offline analyst's answer about the selection, saying why no model answered. */
export function replayOfflineAnswer(
  input: {
    intent: Intent;
    reason: OfflineReason;
    /** The user's question, answered first when it is a common aggregate. */
    question?: string;
    selection: { context: ExcelContext | null; analysis: ExcelAnalysis | null; compact: CompactContext | null };
    /** The providers that failed before it, if any. */
    failures: AttemptFailure[];
  },
  emit: EmitChunk,
): ProducedAnswer {
  const text = buildOfflineAnswer({
    intent: input.intent,
    reason: input.reason,
    context: input.selection.context,
    analysis: input.selection.analysis,
    compact: input.selection.compact,
    question: input.question,
  });
  const id = "offline";
  emit({ type: "start-step" });
  emit({ type: "text-start", id });
  for (const delta of chunkAnswer(text)) emit({ type: "text-delta", id, delta });
  emit({ type: "text-end", id });
  emit({ type: "finish-step" });
  return replayed({ source: "offline", provider: OFFLINE_PROVIDER, model: OFFLINE_MODEL, failures: input.failures, proposals: { offered: 0, refused: 0 } });
}

/** Agent mode: the answer's budget is spent, so it ends with a note saying so (no model call, nothing metered). */
export function replayBudgetNote(note: string, emit: EmitChunk): ProducedAnswer {
  const id = "budget";
  emit({ type: "start-step" });
  emit({ type: "text-start", id });
  emit({ type: "text-delta", id, delta: note });
  emit({ type: "text-end", id });
  emit({ type: "finish-step" });
  return { ...nothingProduced({ status: "complete", finishReason: "stop", failures: [] }) };
}

function replayed(origin: { source: "offline" | "cache"; provider: string; model: string; failures: AttemptFailure[]; proposals: ProposalCount }): ProducedAnswer {
  return {
    status: "complete",
    source: origin.source,
    provider: origin.provider,
    model: origin.model,
    usage: ZERO_USAGE,
    firstTokenMs: 0,
    finishReason: "stop",
    failures: origin.failures,
    proposals: origin.proposals,
  };
}
