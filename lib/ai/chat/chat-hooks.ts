// The hooks the chat routes pass to runChat: plan quotas and the AI response cache, at the steps
// STYLE habit 7 puts them. Both chat routes use this one object.
//
//   beforeModel  — the plan's daily requests and monthly tokens (quota_exceeded with an upgrade
//                  URL), checked before ownership, storage or any model call
//   cachedAnswer — a stored answer to the same prompt, for the same user, on the same model (the
//                  first of this user's chain: their preferred model when the server has it),
//                  replayed as a stream at cost 0 (guests are never cached: cache-scope.ts)
//   afterAnswer  — the tokens into the quota counters; a clean first-choice model answer into
//                  the cache (never a fallback, offline or partial answer: it would be replayed
//                  for 7 days in place of the better one)
import { cacheScopeFor, computeCacheKey, getCachedAnswer, normalizeWhitespace, putCachedAnswer, replayChunks } from "@/lib/ai/cache";
import { checkQuota, recordUsage } from "@/lib/limits/check-quota";
import { recordCacheHit, recordCacheMiss, recordTokens } from "@/lib/observability/metrics";
import type { ChatHooks, PreparedChat } from "./run-chat";

/** "What  costs most? " and "What costs most?" are the same question. */
function normalizeStrings(value: unknown): unknown {
  if (typeof value === "string") return normalizeWhitespace(value);
  if (Array.isArray(value)) return value.map(normalizeStrings);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalizeStrings(item)]));
  }
  return value;
}

const cacheKeys = new WeakMap<PreparedChat, { key: string; provider: string; model: string }>();

export const chatHooks: ChatHooks = {
  async beforeModel(chat) {
    await checkQuota({ plan: chat.plan, identifier: chat.identifier });
  },

  async cachedAnswer(chat, prompt) {
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
      variant: normalizeStrings({ client: chat.client, instructions: prompt.instructions, messages: prompt.messages }) as Record<string, unknown>,
    });
    cacheKeys.set(chat, { key, provider: primary.name, model: primary.modelId });
    const hit = await getCachedAnswer({ key });
    if (!hit) {
      recordCacheMiss();
      return null;
    }
    recordCacheHit();
    return { model: hit.model, provider: hit.provider, chunks: replayChunks(hit) };
  },

  async afterAnswer(chat, outcome) {
    if (outcome.source === "model" && outcome.provider && outcome.model) {
      recordTokens({
        provider: outcome.provider,
        model: outcome.model,
        inputTokens: outcome.usage.inputTokens,
        outputTokens: outcome.usage.outputTokens,
        costMicros: outcome.costMicros,
      });
      await recordUsage({ identifier: chat.identifier, tokens: outcome.usage.totalTokens });
    }
    const entry = cacheKeys.get(chat);
    if (
      entry &&
      outcome.source === "model" &&
      outcome.status === "complete" &&
      outcome.failures.length === 0 &&
      outcome.provider === entry.provider &&
      outcome.model === entry.model
    ) {
      void putCachedAnswer({
        key: entry.key,
        answer: { parts: outcome.message.parts, model: entry.model, provider: entry.provider, usage: outcome.usage, finishReason: outcome.finishReason },
      });
    }
  },
};
