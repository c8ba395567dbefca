// What producing one answer yields — whichever source produced it: the response cache, the
// offline analyst or a model — and the outcome streamAnswer resolves with once the answer has
// ended, for storing it and for the hooks. Also what the user is told when an answer goes wrong.
import type { FinishReason, UIMessageChunk } from "ai";
import type { AttemptFailure } from "@/lib/ai/providers/open-stream-with-fallback";
import type { AnswerStatus, AnswerUsage, ChatMessageMetadata, ChatUIMessage } from "./chat-types";

/** Stored for a question whose answer was never stored: the server answering it stopped. */
export const INTERRUPTED_ANSWER_TEXT = "This answer was interrupted: the server answering it stopped before it finished. Ask again for a full answer.";
export const INCOMPLETE_ANSWER_TEXT = "The AI provider stopped in the middle of this answer, so it is incomplete. Ask again for a full answer.";
export const GENERIC_ERROR_TEXT = "Something went wrong while answering. Try again.";

/** Sends one chunk of the answer on: to the client while it is connected, and to the stored copy. */
export type EmitChunk = (chunk: UIMessageChunk) => void;

/** Proposals (tool calls) shown to the user as approvable, and refused by validation. */
export interface ProposalCount {
  offered: number;
  refused: number;
}

/** What a source produced, beyond the chunks it emitted. */
export interface ProducedAnswer {
  status: AnswerStatus;
  source: "model" | "offline" | "cache" | "none";
  provider: string | null;
  model: string | null;
  usage: AnswerUsage;
  firstTokenMs: number | null;
  finishReason: FinishReason;
  failures: AttemptFailure[];
  proposals: ProposalCount;
}

export interface AnswerOutcome {
  messageId: string;
  message: ChatUIMessage;
  text: string;
  status: AnswerStatus;
  source: ProducedAnswer["source"];
  provider: string | null;
  model: string | null;
  usage: AnswerUsage;
  costMicros: number;
  latencyMs: number;
  firstTokenMs: number | null;
  finishReason: FinishReason;
  failures: AttemptFailure[];
  clientDisconnected: boolean;
  proposals: ProposalCount;
  /** The metadata sent with the `finish` chunk. */
  metadata: ChatMessageMetadata;
}

export const ZERO_USAGE: AnswerUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0, estimated: false };

/** No source answered: the client left before any provider streamed, or the pipeline failed. */
export function nothingProduced(ending: Pick<ProducedAnswer, "status" | "finishReason" | "failures">): ProducedAnswer {
  return {
    status: ending.status,
    source: "none",
    provider: null,
    model: null,
    usage: ZERO_USAGE,
    firstTokenMs: null,
    finishReason: ending.finishReason,
    failures: ending.failures,
    proposals: { offered: 0, refused: 0 },
  };
}
