// What the AI response cache stores for one answer: the assistant message's final parts (text,
// tool proposals, step boundaries, data parts), which model and provider produced it, the usage
// of that original call, and when. Provider metadata, streaming states and reasoning are not
// kept: a replay needs none of them, and they can be large.
//
// Only complete answers are cacheable. A tool call still streaming, waiting for approval, failed
// or denied describes one moment of one conversation, not an answer to replay, so an answer
// holding one is refused (as is an empty answer, or one over MAX_CACHED_ANSWER_BYTES, which
// would not fit comfortably in an Upstash value).
import { z } from "zod";

export const CACHE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const MAX_CACHED_ANSWER_BYTES = 512 * 1024;

export interface CachedUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export interface CachedTextPart {
  type: "text";
  text: string;
}

export interface CachedToolPart {
  /** `tool-<name>` for a static tool, `dynamic-tool` with `toolName` for a dynamic one. */
  type: `tool-${string}` | "dynamic-tool";
  toolName?: string;
  toolCallId: string;
  state: "input-available" | "output-available";
  input: unknown;
  output?: unknown;
  title?: string;
  providerExecuted?: boolean;
}

export interface CachedStepPart {
  type: "step-start";
}

export interface CachedDataPart {
  type: `data-${string}`;
  id?: string;
  data: unknown;
}

export type CachedPart = CachedTextPart | CachedToolPart | CachedStepPart | CachedDataPart;

export interface CachedAnswer {
  parts: CachedPart[];
  model: string;
  provider: string;
  /** Usage of the call that produced the answer (a replay itself costs nothing). */
  usage: CachedUsage;
  /** The original finish reason, e.g. `stop` or `tool-calls`. */
  finishReason?: string;
  /** ISO time the answer was produced. */
  createdAt: string;
}

/** What the chat route has when a stream finishes; AI SDK types (UIMessage parts, usage) fit. */
export interface AnswerInput {
  parts: readonly unknown[];
  model: string;
  provider: string;
  usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
  finishReason?: string;
  createdAt?: string | Date;
}

export type CacheableResult = { ok: true; answer: CachedAnswer } | { ok: false; reason: string };

const CACHEABLE_TOOL_STATES = new Set(["input-available", "output-available"]);

/** Builds the stored form of an answer, or says why it must not be cached. */
export function toCachedAnswer(input: AnswerInput): CacheableResult {
  const parts: CachedPart[] = [];
  let content = false;
  for (const raw of input.parts) {
    if (raw === null || typeof raw !== "object") continue;
    const part = raw as Record<string, unknown>;
    const type = typeof part.type === "string" ? part.type : "";
    if (type === "text") {
      const text = typeof part.text === "string" ? part.text : "";
      if (text === "") continue;
      if (text.trim() !== "") content = true;
      parts.push({ type: "text", text });
    } else if (type === "dynamic-tool" || type.startsWith("tool-")) {
      const state = String(part.state);
      if (!CACHEABLE_TOOL_STATES.has(state)) return { ok: false, reason: `a tool call is in state "${state}"` };
      if (typeof part.toolCallId !== "string") return { ok: false, reason: "a tool call has no id" };
      if (type === "dynamic-tool" && typeof part.toolName !== "string") return { ok: false, reason: "a dynamic tool call has no name" };
      content = true;
      parts.push({
        type: type as CachedToolPart["type"],
        ...(type === "dynamic-tool" ? { toolName: part.toolName as string } : {}),
        toolCallId: part.toolCallId,
        state: state as CachedToolPart["state"],
        input: part.input,
        ...(state === "output-available" ? { output: part.output } : {}),
        ...(typeof part.title === "string" ? { title: part.title } : {}),
        ...(typeof part.providerExecuted === "boolean" ? { providerExecuted: part.providerExecuted } : {}),
      });
    } else if (type === "step-start") {
      parts.push({ type: "step-start" });
    } else if (type.startsWith("data-")) {
      parts.push({ type: type as CachedDataPart["type"], ...(typeof part.id === "string" ? { id: part.id } : {}), data: part.data });
    }
    // Reasoning, sources and files are not replayed.
  }
  if (!content) return { ok: false, reason: "the answer has no text and no tool call" };

  const usage = {
    inputTokens: tokens(input.usage?.inputTokens),
    outputTokens: tokens(input.usage?.outputTokens),
    totalTokens: 0,
  };
  usage.totalTokens = tokens(input.usage?.totalTokens) || usage.inputTokens + usage.outputTokens;
  const answer: CachedAnswer = {
    parts,
    model: input.model,
    provider: input.provider,
    usage,
    ...(input.finishReason ? { finishReason: input.finishReason } : {}),
    createdAt: new Date(input.createdAt ?? Date.now()).toISOString(),
  };
  const bytes = Buffer.byteLength(JSON.stringify(answer));
  if (bytes > MAX_CACHED_ANSWER_BYTES) return { ok: false, reason: `the answer is ${bytes} bytes (limit ${MAX_CACHED_ANSWER_BYTES})` };
  return { ok: true, answer };
}

function tokens(value: number | undefined): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

// Reading back: anything stored by another version, or corrupted, fails this and is a miss.
const count = z.number().int().min(0);
const cachedPartSchema = z.union([
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("step-start") }),
  z.object({
    type: z.union([z.literal("dynamic-tool"), z.string().regex(/^tool-.+/)]),
    toolName: z.string().optional(),
    toolCallId: z.string().min(1),
    state: z.enum(["input-available", "output-available"]),
    input: z.unknown(),
    output: z.unknown().optional(),
    title: z.string().optional(),
    providerExecuted: z.boolean().optional(),
  }),
  z.object({ type: z.string().regex(/^data-.+/), id: z.string().optional(), data: z.unknown() }),
]);

const cachedAnswerSchema = z.object({
  parts: z.array(cachedPartSchema).min(1),
  model: z.string(),
  provider: z.string(),
  usage: z.object({ inputTokens: count, outputTokens: count, totalTokens: count }),
  finishReason: z.string().optional(),
  createdAt: z.string(),
});

export function parseCachedAnswer(value: unknown): CachedAnswer | null {
  const result = cachedAnswerSchema.safeParse(value);
  return result.success ? (result.data as CachedAnswer) : null;
}
