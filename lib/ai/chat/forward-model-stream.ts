// Forwards a model's stream into the answer: text and steps as UI message chunks, proposals
// validated before the user sees them, reasoning and sources left out. It stops at the first
// failure after the answer started (the chain no longer fails over then: see
// open-stream-with-fallback.ts) and ends the answer as incomplete with an error chunk that says
// so. An answer the quota cut short says that at its end.
import { toUIMessageChunk, type FinishReason, type LanguageModelUsage, type UIMessageChunk, type ToolSet } from "ai";
import { estimateTokens } from "@/lib/excel";
import { logger } from "@/lib/observability/logger";
import type { AttemptFailure, OpenedStream } from "@/lib/ai/providers/open-stream-with-fallback";
import { GENERIC_ERROR_TEXT, INCOMPLETE_ANSWER_TEXT, type EmitChunk, type ProducedAnswer, type ProposalCount } from "./answer-outcome";
import { checkProposalChunk } from "./check-proposal-chunk";
import { closeModelCall, modelCallEnding, usageFrom } from "./model-call-accounting";

/** What reading the model's stream found. */
interface ModelStreamRead {
  /** The provider sent its finish part. */
  finished: boolean;
  /** The provider failed after the answer had started: an error part, a failed read, an abort not caused by the client. */
  failedMidStream: boolean;
  finishReason: FinishReason;
  reportedUsage: LanguageModelUsage | undefined;
  /** The model the provider says answered (it can differ from the one asked for). */
  responseModel: string | undefined;
  /** The generated text and tool inputs: the output estimate when no usage is reported. */
  output: string;
  proposals: ProposalCount;
}

export async function forwardModelStream(
  input: {
    opened: OpenedStream<ToolSet>;
    /** The providers that failed before this one. */
    failures: AttemptFailure[];
    tools: ToolSet | undefined;
    /** The prompt's input estimate, for when the provider reports no usage. */
    estimatedInputTokens: number;
    /** Appended when the model stops at its output cap. */
    cutShortNote?: string;
  },
  clientSignal: AbortSignal,
  emit: EmitChunk,
): Promise<ProducedAnswer> {
  const { opened } = input;
  const read = await readModelStream(opened, input.tools, clientSignal, emit);
  const ending = modelCallEnding(opened, read, clientSignal);
  closeModelCall(opened, ending);
  if (ending === "failed") emit({ type: "error", errorText: INCOMPLETE_ANSWER_TEXT });
  const complete = ending === "complete";
  if (complete && read.finishReason === "length" && input.cutShortNote) {
    emit({ type: "text-start", id: "cut-short" });
    emit({ type: "text-delta", id: "cut-short", delta: input.cutShortNote });
    emit({ type: "text-end", id: "cut-short" });
  }
  return {
    status: complete ? "complete" : "incomplete",
    source: "model",
    provider: opened.provider.name,
    model: read.responseModel ?? opened.provider.modelId,
    usage: usageFrom(read.reportedUsage, { input: input.estimatedInputTokens, output: estimateTokens(read.output) }),
    firstTokenMs: opened.firstTokenMs,
    finishReason: complete ? read.finishReason : ending === "failed" ? "error" : "other",
    failures: input.failures,
    proposals: read.proposals,
  };
}

async function readModelStream(opened: OpenedStream<ToolSet>, tools: ToolSet | undefined, clientSignal: AbortSignal, emit: EmitChunk): Promise<ModelStreamRead> {
  const read: ModelStreamRead = {
    finished: false,
    failedMidStream: false,
    finishReason: "other",
    reportedUsage: undefined,
    responseModel: undefined,
    output: "",
    proposals: { offered: 0, refused: 0 },
  };
  const chunkOptions = { tools, sendStart: false, sendFinish: false, sendReasoning: false, sendSources: false, onError: () => GENERIC_ERROR_TEXT };

  for (;;) {
    let next: IteratorResult<Parameters<typeof toUIMessageChunk<ToolSet>>[0]>;
    try {
      next = await opened.next();
    } catch {
      read.failedMidStream = !clientSignal.aborted;
      break;
    }
    if (next.done) break;
    const part = next.value;
    if (part.type === "error") {
      read.failedMidStream = true;
      logger.warn({ provider: opened.provider.name, detail: part.error instanceof Error ? part.error.message.slice(0, 200) : String(part.error).slice(0, 200) }, "AI provider failed mid-answer");
      break;
    }
    if (part.type === "abort") {
      read.failedMidStream = !clientSignal.aborted; // an idle timeout aborts too; the client leaving does not count against the provider
      break;
    }
    if (part.type === "finish") {
      read.finished = true;
      read.finishReason = part.finishReason;
      read.reportedUsage = part.totalUsage;
      continue;
    }
    if (part.type === "finish-step") {
      read.responseModel = part.response.modelId || read.responseModel;
    }
    if (part.type === "text-delta") read.output += part.text;
    if (part.type === "tool-call" && !part.invalid) {
      read.output += JSON.stringify(part.input);
      emit(checkProposalChunk({ type: "tool-input-available", toolCallId: part.toolCallId, toolName: part.toolName, input: part.input }, read.proposals));
      continue;
    }
    const chunk = toUIMessageChunk<ToolSet>(part, chunkOptions);
    if (chunk) emit(chunk as UIMessageChunk);
  }
  return read;
}
