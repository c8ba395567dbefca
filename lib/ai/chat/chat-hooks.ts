// The hooks both chat routes pass to runChat: the plan's quota and the AI response cache, each
// at its step of the turn.
//
//   beforeModel  — the quota reserves one chat and the most tokens the turn can cost, before
//                  ownership, storage or any model call (quota_exceeded with an upgrade URL);
//                  with less left, the answer's length is capped (reserve-turn-quota.ts)
//   cachedAnswer — a stored answer to the same prompt, replayed at cost 0 (cache-turn-answer.ts)
//   afterAnswer  — the quota settles the tokens really used; the token metrics; a clean
//                  first-choice model answer into the cache
//   abandoned    — the turn failed before its answer was delivered: the quota is settled with
//                  what the model call spent, if it was called, and the rest given back
import { recordTokens } from "@/lib/observability/metrics";
import { cacheTurnAnswer, lookUpCachedAnswer } from "./cache-turn-answer";
import type { ChatHooks } from "./chat-turn-types";
import { cappedByQuota, reserveTurnQuota, settleTurnQuota } from "./reserve-turn-quota";

export const chatHooks: ChatHooks = {
  beforeModel: reserveTurnQuota,

  cachedAnswer: lookUpCachedAnswer,

  async afterAnswer(chat, outcome) {
    await settleTurnQuota(chat, outcome);
    if (outcome.source === "model" && outcome.provider && outcome.model) {
      recordTokens({
        provider: outcome.provider,
        model: outcome.model,
        inputTokens: outcome.usage.inputTokens,
        outputTokens: outcome.usage.outputTokens,
        costMicros: outcome.costMicros,
      });
    }
    cacheTurnAnswer(chat, outcome, { capped: cappedByQuota(chat) });
  },

  async abandoned(chat, spent) {
    await settleTurnQuota(chat, spent ? await spent.catch(() => null) : null);
  },
};
