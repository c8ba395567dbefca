// A chat turn's share of the plan's quota. Before the model is called, one of today's chats and
// the most tokens the turn can cost are set aside atomically (reserveQuota), so parallel chats
// cannot overshoot the month; with less left than that, the answer's length is capped to what is
// left. When the turn ends the hold is replaced by the tokens really used: a model answer's
// total, 0 for cached, offline and failed answers.
import { reserveQuota, type QuotaReservation } from "@/lib/limits/check-quota";
import { ENTITLEMENTS } from "@/lib/limits/entitlements";
import { logger } from "@/lib/observability/logger";
import type { AnswerOutcome } from "./answer-outcome";
import type { ModelBudget, PreparedChat } from "./chat-turn-types";

const reservations = new WeakMap<PreparedChat, QuotaReservation>();

/** Reserves the turn's quota (quota_exceeded when none is left) and says what the model call may use. */
export async function reserveTurnQuota(chat: PreparedChat): Promise<ModelBudget> {
  // A further step of an agent answer holds tokens like any model call but is not another chat.
  const reservation = await reserveQuota({ plan: chat.plan, identifier: chat.identifier, estimate: chat.estimate, countRequest: !chat.agent?.continues });
  reservations.set(chat, reservation);
  if (!cappedByQuota(chat)) return {};
  return {
    maxOutputTokens: reservation.maxOutputTokens,
    cutShortNote: `\n\nThis answer stopped early: it used the last tokens included in your plan this month. ${ENTITLEMENTS[chat.plan].upgradeHint}`,
  };
}

/** Replaces the turn's token hold with what it really used (`null`: the model was never called). */
export async function settleTurnQuota(chat: PreparedChat, outcome: AnswerOutcome | null): Promise<void> {
  const reservation = reservations.get(chat);
  if (!reservation) return;
  const tokens = outcome?.source === "model" ? outcome.usage.totalTokens : 0;
  if (!(await reservation.settle(tokens))) {
    // The answer stands; the hold expires by itself, and usage_records keeps the billing record.
    logger.warn({ identifier: chat.identifier, tokens }, "quota not settled: KV unavailable");
  }
}

/**
 * What is left after this turn was admitted, as the chat answer's `X-Quota` header:
 * `plan=guest, requests-remaining=3, requests-limit=10, tokens-remaining=…, tokens-limit=…`
 * (chats today, this one counted; model tokens this month, before this answer's). Clients show it without asking /api/usage, which
 * guests and API keys without the `usage` scope cannot read. Null when no quota was reserved.
 */
export function turnQuotaHeader(chat: PreparedChat): string | null {
  const reservation = reservations.get(chat);
  if (!reservation) return null;
  const { plan, requests, tokens } = reservation.counters;
  // Tokens are counted once an answer is settled: this turn's own tokens are not in it yet.
  return `plan=${plan}, requests-remaining=${requests.remaining}, requests-limit=${requests.limit}, tokens-remaining=${tokens.remaining}, tokens-limit=${tokens.limit}`;
}

/** True when the quota gave this turn less output than usual. */
export function cappedByQuota(chat: PreparedChat): boolean {
  const reservation = reservations.get(chat);
  return reservation !== undefined && reservation.maxOutputTokens < chat.estimate.maxOutputTokens;
}
