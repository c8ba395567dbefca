// The response cache in a chat turn. Before the model is called: a stored answer to the same
// prompt, for the same user, on the same model (the first of this user's chain: their preferred
// model when the server has it) is replayed instead (guests are never cached: cache-scope.ts).
// After it answered: a clean answer from that first-choice model is stored — never a fallback,
// offline, partial or capped answer, which would be replayed for 7 days in place of a better one.
import { cacheScopeFor, computeCacheKey, getCachedAnswer, normalizeWhitespace, putCachedAnswer, type CachedAnswer } from "@/lib/ai/cache";
import type { ChatPrompt } from "@/lib/ai/prompts/build-prompt";
import { recordCacheHit, recordCacheMiss } from "@/lib/observability/metrics";
import type { AnswerOutcome } from "./answer-outcome";
import type { PreparedChat } from "./chat-turn-types";

const cacheKeys = new WeakMap<PreparedChat, { key: string; provider: string; model: string }>();

/** "What  costs most? " and "What costs most?" are the same question. */
function normalizeStrings(value: unknown): unknown {
  if (typeof value === "string") return normalizeWhitespace(value);
  if (Array.isArray(value)) return value.map(normalizeStrings);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalizeStrings(item)]));
  }
  return value;
}

/**
 * Tool call ids are random (a replayed answer gets fresh ones), so the key numbers them in order
 * of appearance instead: the same steps with the same results give the same key whatever their ids.
 */
function ordinalToolCallIds(messages: ChatPrompt["messages"]): unknown {
  const ordinals = new Map<string, string>();
  const renumber = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(renumber);
    if (!value || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => {
        if (key !== "toolCallId" || typeof item !== "string") return [key, renumber(item)];
        if (!ordinals.has(item)) ordinals.set(item, `call-${ordinals.size + 1}`);
        return [key, ordinals.get(item)];
      }),
    );
  };
  return renumber(messages);
}

/** The stored answer to this turn's prompt, or null (a miss, a guest, no model to answer). */
export async function lookUpCachedAnswer(chat: PreparedChat, prompt: ChatPrompt): Promise<CachedAnswer | null> {
  const scope = cacheScopeFor(chat.principal);
  const primary = chat.chain.providers[0];
  if (!scope || !primary) return null;
  const key = computeCacheKey({
    scope,
    model: primary.modelId,
    provider: primary.name,
    promptVersion: prompt.promptVersion,
    messages: [],
    context: chat.context,
    // The built prompt holds everything the answer depends on: instructions (data type, intent,
    // the tools this write mode allows), earlier turns and the delimited data section.
    // The tools offered are named too (agent mode: the read tools the client declared).
    variant: normalizeStrings({ client: chat.client, tools: chat.offeredTools, instructions: prompt.instructions, messages: ordinalToolCallIds(prompt.messages) }) as Record<string, unknown>,
  });
  cacheKeys.set(chat, { key, provider: primary.name, model: primary.modelId });
  const hit = await getCachedAnswer({ key });
  if (!hit) {
    recordCacheMiss();
    return null;
  }
  recordCacheHit();
  return hit;
}

/** Stores the answer when it is worth replaying (in the background; a failed write is only logged). */
export function cacheTurnAnswer(chat: PreparedChat, outcome: AnswerOutcome, options: { capped: boolean }): void {
  const entry = cacheKeys.get(chat);
  if (
    entry &&
    outcome.source === "model" &&
    outcome.status === "complete" &&
    outcome.failures.length === 0 &&
    !options.capped &&
    outcome.provider === entry.provider &&
    outcome.model === entry.model
  ) {
    void putCachedAnswer({
      key: entry.key,
      answer: { parts: outcome.message.parts, model: entry.model, provider: entry.provider, usage: outcome.usage, finishReason: outcome.finishReason },
    });
  }
}
