// The hooks the chat routes pass to runChat: plan quotas and the AI response cache, at the steps
// STYLE habit 7 puts them. Both chat routes use this one object.
//
//   beforeModel  — the plan's daily requests and monthly tokens (quota_exceeded with an upgrade
//                  URL), before ownership, storage or any model call: one chat and the most
//                  tokens the turn can cost are set aside atomically, so parallel chats cannot
//                  overshoot the month; with less left than that, the answer's length is capped
//   cachedAnswer — a stored answer to the same prompt, for the same user, on the same model (the
//                  first of this user's chain: their preferred model when the server has it),
//                  replayed as a stream at cost 0 (guests are never cached: cache-scope.ts)
//   afterAnswer  — the quota settles the tokens really used (0 for cached, offline and failed
//                  answers); a clean first-choice model answer into the cache (never a fallback,
//                  offline, partial or capped answer: it would be replayed for 7 days in place of
//                  the better one)
//   abandoned    — the turn failed before its answer was delivered: the quota is settled with
//                  what the model call spent, if it was called, and the rest given back
import { cacheScopeFor, computeCacheKey, getCachedAnswer, normalizeWhitespace, putCachedAnswer } from "@/lib/ai/cache";
import { reserveQuota, type QuotaReservation } from "@/lib/limits/check-quota";
import { ENTITLEMENTS } from "@/lib/limits/entitlements";
import { logger } from "@/lib/observability/logger";
import { recordCacheHit, recordCacheMiss, recordTokens } from "@/lib/observability/metrics";
import type { ChatHooks, PreparedChat } from "./chat-turn-types";
import type { AnswerOutcome } from "./answer-outcome";

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
const reservations = new WeakMap<PreparedChat, QuotaReservation>();

/** Replaces the turn's token hold with what it really used. */
async function settleQuota(chat: PreparedChat, outcome: AnswerOutcome | null): Promise<void> {
  const reservation = reservations.get(chat);
  if (!reservation) return;
  const tokens = outcome?.source === "model" ? outcome.usage.totalTokens : 0;
  if (!(await reservation.settle(tokens))) {
    // The answer stands; the hold expires by itself, and usage_records keeps the billing record.
    logger.warn({ identifier: chat.identifier, tokens }, "quota not settled: KV unavailable");
  }
}

/** True when the quota gave this turn less output than usual. */
function capped(chat: PreparedChat): boolean {
  const reservation = reservations.get(chat);
  return reservation !== undefined && reservation.maxOutputTokens < chat.estimate.maxOutputTokens;
}

export const chatHooks: ChatHooks = {
  async beforeModel(chat) {
    const reservation = await reserveQuota({ plan: chat.plan, identifier: chat.identifier, estimate: chat.estimate });
    reservations.set(chat, reservation);
    if (!capped(chat)) return {};
    return {
      maxOutputTokens: reservation.maxOutputTokens,
      cutShortNote: `\n\nThis answer stopped early: it used the last tokens included in your plan this month. ${ENTITLEMENTS[chat.plan].upgradeHint}`,
    };
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
    return hit;
  },

  async afterAnswer(chat, outcome) {
    await settleQuota(chat, outcome);
    if (outcome.source === "model" && outcome.provider && outcome.model) {
      recordTokens({
        provider: outcome.provider,
        model: outcome.model,
        inputTokens: outcome.usage.inputTokens,
        outputTokens: outcome.usage.outputTokens,
        costMicros: outcome.costMicros,
      });
    }
    const entry = cacheKeys.get(chat);
    if (
      entry &&
      outcome.source === "model" &&
      outcome.status === "complete" &&
      outcome.failures.length === 0 &&
      !capped(chat) &&
      outcome.provider === entry.provider &&
      outcome.model === entry.model
    ) {
      void putCachedAnswer({
        key: entry.key,
        answer: { parts: outcome.message.parts, model: entry.model, provider: entry.provider, usage: outcome.usage, finishReason: outcome.finishReason },
      });
    }
  },

  async abandoned(chat, spent) {
    await settleQuota(chat, spent ? await spent.catch(() => null) : null);
  },
};
