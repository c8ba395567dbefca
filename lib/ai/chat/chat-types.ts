// Shapes shared by the chat pipeline, the routes and the clients (task pane, dashboard).
import type { InferUITools, UIDataTypes, UIMessage } from "ai";
import type { CompactContextSummary } from "@/lib/excel";
import type { ChatTools } from "@/lib/ai/tools/tools-for-request";

export type AnswerStatus = "complete" | "incomplete" | "error";

export interface AnswerUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** True when the provider did not report usage (a cut stream) and we estimated it. */
  estimated: boolean;
}

/** Metadata on assistant messages (the `start` chunk carries the first half, `finish` the rest). */
export interface ChatMessageMetadata {
  conversationId: string | null;
  /** Exactly what was sent about the selection: every answer says what of the workbook left it. */
  context?: CompactContextSummary | null;
  promptVersion?: string;
  intent?: string;
  status?: AnswerStatus;
  provider?: string | null;
  model?: string | null;
  cached?: boolean;
  /** True when the offline analyst answered instead of a model. */
  offline?: boolean;
  usage?: AnswerUsage & { costMicros: number };
  /** Agent mode: this step and the answer's budget (steps and tokens per answer). */
  agent?: { step: number; maxSteps: number; tokensUsed: number; maxTokens: number };
  /** Providers that were tried and failed before this answer (names and reasons only). */
  fallback?: { provider: string; reason: string }[];
}

export type ChatUIMessage = UIMessage<ChatMessageMetadata, UIDataTypes, InferUITools<ChatTools>>;
