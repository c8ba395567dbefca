// Replays a cached answer in the seed 001 JSON shape that /api/v1/chat (and /api/chat for
// seed-shaped bodies) return: `{ response, metadata }`. `response` is the answer's text parts
// joined; tool proposals travel in `metadata.toolCalls` because the seed shape has no place for
// them. A replay costs nothing, so `usage` is zero and the original call's usage is reported
// as `originalUsage`.
import type { CachedAnswer, CachedToolPart, CachedUsage } from "./cached-answer";

export interface SeedJsonReplay {
  response: string;
  metadata: Record<string, unknown> & {
    cached: true;
    model: string;
    provider: string;
    cachedAt: string;
    usage: CachedUsage;
    originalUsage: CachedUsage;
    toolCalls?: { toolName: string; input: unknown }[];
  };
}

/** `extra` carries route fields such as conversationId and analysis; `cached: true` always wins. */
export function replayAsSeedJson(answer: CachedAnswer, extra: Record<string, unknown> = {}): SeedJsonReplay {
  const response = answer.parts
    .flatMap((part) => (part.type === "text" ? [part.text] : []))
    .join("\n\n")
    .trim();
  const toolCalls = answer.parts
    .filter((part): part is CachedToolPart => part.type === "dynamic-tool" || part.type.startsWith("tool-"))
    .map((part) => ({
      toolName: part.type === "dynamic-tool" ? (part.toolName ?? "unknown") : part.type.slice("tool-".length),
      input: part.input,
    }));
  return {
    response,
    metadata: {
      model: answer.model,
      provider: answer.provider,
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      ...extra,
      ...(toolCalls.length > 0 ? { toolCalls } : {}),
      originalUsage: answer.usage,
      cachedAt: answer.createdAt,
      cached: true,
    },
  };
}
