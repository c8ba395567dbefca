// Replays a cached answer in the AI SDK UI message stream protocol, chunk for chunk as the
// original stream would have sent it: start, steps, text-start / text-delta / text-end (the text
// cut into word-aligned deltas so a client renders it progressively), tool-input-start /
// tool-input-available for each proposal (and tool-output-available when the tool had run on
// the server), data parts, finish. Message metadata carries `cached: true` on start and finish.
//
// Tool call ids are fresh by default: the add-in keys approvals and undo by toolCallId, and the
// same id appearing twice in one conversation would confuse both it and the provider when the
// history is sent back.
import { createUIMessageStreamResponse, generateId as defaultGenerateId, type UIMessageChunk } from "ai";
import type { CachedAnswer, CachedToolPart } from "./cached-answer";

export type CachedReplayMetadata = Record<string, unknown> & {
  cached: true;
  model: string;
  provider: string;
  /** When the replayed answer was originally produced. */
  cachedAt: string;
};

export interface ReplayOptions {
  /** Id for the assistant message (persisted chats pass the id they will save it under). */
  messageId?: string;
  /** Extra message metadata (conversationId, …); `cached: true` always wins. */
  metadata?: Record<string, unknown>;
  /** Characters per text delta, roughly (deltas end on word boundaries). Default 24. */
  chunkSize?: number;
  /** Give tool calls new ids (default true). */
  freshToolCallIds?: boolean;
  generateId?: () => string;
}

export type ReplayChunk = UIMessageChunk<CachedReplayMetadata>;

/** The replay as a list of chunks (what the stream emits, in order). */
export function replayChunks(answer: CachedAnswer, options: ReplayOptions = {}): ReplayChunk[] {
  const nextId = options.generateId ?? defaultGenerateId;
  const size = Math.max(1, Math.floor(options.chunkSize ?? 24));
  const fresh = options.freshToolCallIds ?? true;
  const metadata: CachedReplayMetadata = {
    model: answer.model,
    provider: answer.provider,
    cachedAt: answer.createdAt,
    ...options.metadata,
    cached: true,
  };

  const chunks: ReplayChunk[] = [
    { type: "start", ...(options.messageId ? { messageId: options.messageId } : {}), messageMetadata: metadata },
  ];
  let stepOpen = false;
  for (const part of answer.parts) {
    if (part.type === "step-start") {
      if (stepOpen) chunks.push({ type: "finish-step" });
      chunks.push({ type: "start-step" });
      stepOpen = true;
    } else if (part.type === "text") {
      const id = nextId();
      chunks.push({ type: "text-start", id });
      for (const delta of chunkText(part.text, size)) chunks.push({ type: "text-delta", id, delta });
      chunks.push({ type: "text-end", id });
    } else if (part.type === "dynamic-tool" || part.type.startsWith("tool-")) {
      chunks.push(...toolChunks(part as CachedToolPart, fresh ? `call_${nextId()}` : (part as CachedToolPart).toolCallId));
    } else if (part.type.startsWith("data-")) {
      const data = part as { type: `data-${string}`; id?: string; data: unknown };
      chunks.push({ type: data.type, ...(data.id ? { id: data.id } : {}), data: data.data });
    }
  }
  if (stepOpen) chunks.push({ type: "finish-step" });
  chunks.push({ type: "finish", finishReason: finishReasonOf(answer), messageMetadata: metadata });
  return chunks;
}

/** The replay as a UI message stream (merge it into createUIMessageStream, or respond with it). */
export function replayAsUIMessageStream(answer: CachedAnswer, options: ReplayOptions = {}): ReadableStream<ReplayChunk> {
  const chunks = replayChunks(answer, options);
  return new ReadableStream<ReplayChunk>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

/** The replay as an SSE Response in the UI message stream protocol. */
export function replayAsUIMessageStreamResponse(
  answer: CachedAnswer,
  options: ReplayOptions & { headers?: HeadersInit; status?: number } = {},
): Response {
  const { headers, status, ...replay } = options;
  return createUIMessageStreamResponse({ stream: replayAsUIMessageStream(answer, replay), headers, status });
}

function toolChunks(part: CachedToolPart, toolCallId: string): ReplayChunk[] {
  const dynamic = part.type === "dynamic-tool";
  const toolName = dynamic ? (part.toolName ?? "unknown") : part.type.slice("tool-".length);
  const common = {
    toolCallId,
    toolName,
    ...(dynamic ? { dynamic: true } : {}),
    ...(part.title !== undefined ? { title: part.title } : {}),
    ...(part.providerExecuted !== undefined ? { providerExecuted: part.providerExecuted } : {}),
  };
  const chunks: ReplayChunk[] = [
    { type: "tool-input-start", ...common },
    { type: "tool-input-available", ...common, input: part.input },
  ];
  if (part.state === "output-available") {
    chunks.push({
      type: "tool-output-available",
      toolCallId,
      output: part.output,
      ...(dynamic ? { dynamic: true } : {}),
      ...(part.providerExecuted !== undefined ? { providerExecuted: part.providerExecuted } : {}),
    });
  }
  return chunks;
}

function finishReasonOf(answer: CachedAnswer): Extract<ReplayChunk, { type: "finish" }>["finishReason"] {
  const known = ["stop", "length", "content-filter", "tool-calls", "error", "interrupted", "other"] as const;
  const stored = known.find((reason) => reason === answer.finishReason);
  if (stored) return stored;
  const last = answer.parts.findLast((part) => part.type !== "step-start");
  return last && (last.type === "dynamic-tool" || last.type.startsWith("tool-")) ? "tool-calls" : "stop";
}

/**
 * Cuts text into deltas of about `size` characters, ending after a word (whitespace stays with
 * the word that follows it), splitting only words longer than `size`, never inside a code point.
 * The deltas concatenate back to exactly `text`.
 */
export function chunkText(text: string, size: number): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const token of text.match(/\s*\S+|\s+$/gu) ?? []) {
    if (current !== "" && current.length + token.length > size) {
      chunks.push(current);
      current = "";
    }
    if (token.length <= size) {
      current += token;
      continue;
    }
    const codePoints = Array.from(token);
    for (let i = 0; i < codePoints.length; i += size) {
      const piece = codePoints.slice(i, i + size).join("");
      if (i + size >= codePoints.length) current = piece;
      else chunks.push(piece);
    }
  }
  if (current !== "") chunks.push(current);
  return chunks;
}
