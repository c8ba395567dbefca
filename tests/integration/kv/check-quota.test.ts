// Plan quotas over each KV adapter: exactly at the limit admitted, one over refused with the
// message and upgrade URL, atomic reservation under parallel requests, day and month rollover,
// and a model call's tokens held before the call and settled after it, so parallel chats can
// never take the month past the plan.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import type { Kv } from "@/lib/kv/kv";
import {
  checkQuota,
  consumeDailyRequest,
  getUsageCounters,
  MIN_OUTPUT_TOKENS,
  quotaKeys,
  recordUsage,
  reserveQuota,
  TOKEN_HOLD_MS,
  type QuotaReservation,
} from "@/lib/limits/check-quota";
import { ADAPTERS, startKvHarness, type KvHarness } from "@/tests/fixtures/kv/kv-adapters";

// 2030-03-14 10:00:00 UTC.
const NOW = Date.UTC(2030, 2, 14, 10, 0, 0);
const NEXT_MIDNIGHT = "2030-03-15T00:00:00.000Z";
const NEXT_MONTH = "2030-04-01T00:00:00.000Z";

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the request to be refused");
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(ADAPTERS)("quotas on %s", (adapter) => {
  let harness: KvHarness;
  let kv: Kv;

  beforeAll(async () => {
    harness = await startKvHarness(adapter);
  });
  afterAll(async () => {
    await harness.cleanup();
  });
  beforeEach(() => {
    kv = harness.create();
  });

  it("admits the 50th free chat of the day and refuses the 51st with the upgrade URL", async () => {
    for (let i = 1; i < 50; i++) await checkQuota({ plan: "free", identifier: "user:a", kv, now: NOW });
    const fiftieth = await checkQuota({ plan: "free", identifier: "user:a", kv, now: NOW });
    expect(fiftieth.requests).toEqual({ used: 50, limit: 50, remaining: 0, resetsAt: NEXT_MIDNIGHT });

    const error = await refusal(checkQuota({ plan: "free", identifier: "user:a", kv, now: NOW }));
    expect(error.code).toBe("quota_exceeded");
    expect(error.status).toBe(429);
    expect(error.message).toBe("You have used all 50 chats included in the free plan today. Upgrade for more.");
    expect(error.details).toEqual({
      upgradeUrl: "/dashboard/billing",
      plan: "free",
      period: "day",
      limit: 50,
      used: 50,
      resetsAt: NEXT_MIDNIGHT,
    });
    expect(error.headers).toEqual({ "Retry-After": String(14 * 3600) });
    // Refusals do not count.
    expect((await getUsageCounters({ plan: "free", identifier: "user:a", kv, now: NOW })).requests.used).toBe(50);
  });

  it("reserves exactly 10 of 50 parallel guest chats", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => checkQuota({ plan: "guest", identifier: "ip:192.0.2.1", kv, now: NOW })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(40);
    expect((rejected[0].reason as AppError).message).toBe(
      "You have used all 10 chats available to guests today. Sign up for more.",
    );
    expect((rejected[0].reason as AppError).details).toMatchObject({ upgradeUrl: "/sign-up", plan: "guest", limit: 10, used: 10 });
  });

  it("consumeDailyRequest admits exactly the limit under parallel calls", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => consumeDailyRequest({ plan: "guest", identifier: "ip:192.0.2.2", kv, now: NOW })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
  });

  it("starts a new day at midnight UTC", async () => {
    const lastSecond = Date.UTC(2030, 2, 14, 23, 59, 59, 999);
    for (let i = 0; i < 10; i++) await checkQuota({ plan: "guest", identifier: "ip:192.0.2.3", kv, now: lastSecond });
    const error = await refusal(checkQuota({ plan: "guest", identifier: "ip:192.0.2.3", kv, now: lastSecond }));
    expect(error.headers).toEqual({ "Retry-After": "1" });
    const nextDay = await checkQuota({ plan: "guest", identifier: "ip:192.0.2.3", kv, now: lastSecond + 1 });
    expect(nextDay.requests).toEqual({ used: 1, limit: 10, remaining: 9, resetsAt: "2030-03-16T00:00:00.000Z" });
  });

  it("refuses once the month's tokens are used up, without using a chat", async () => {
    expect(await recordUsage({ identifier: "user:t", tokens: 199_999, kv, now: NOW })).toBe(true);
    const before = await checkQuota({ plan: "free", identifier: "user:t", kv, now: NOW });
    expect(before.tokens).toEqual({ used: 199_999, limit: 200_000, remaining: 1, resetsAt: NEXT_MONTH });
    expect(before.requests.used).toBe(1);

    await recordUsage({ identifier: "user:t", tokens: 1, kv, now: NOW });
    const error = await refusal(checkQuota({ plan: "free", identifier: "user:t", kv, now: NOW }));
    expect(error.message).toBe("You have used all 200,000 tokens included in the free plan this month. Upgrade for more.");
    expect(error.details).toEqual({
      upgradeUrl: "/dashboard/billing",
      plan: "free",
      period: "month",
      limit: 200_000,
      used: 200_000,
      resetsAt: NEXT_MONTH,
    });
    const counters = await getUsageCounters({ plan: "free", identifier: "user:t", kv, now: NOW });
    expect(counters.requests.used).toBe(1);

    // An upgrade applies at once; a new month starts from zero.
    await expect(checkQuota({ plan: "pro", identifier: "user:t", kv, now: NOW })).resolves.toMatchObject({
      tokens: { used: 200_000, limit: 5_000_000 },
    });
    const april = await checkQuota({ plan: "free", identifier: "user:t", kv, now: Date.parse(NEXT_MONTH) });
    expect(april.tokens.used).toBe(0);
  });

  it("recordUsage adds tokens; cached answers (0 tokens) add nothing", async () => {
    await recordUsage({ identifier: "user:r", tokens: 1_200, kv, now: NOW });
    await recordUsage({ identifier: "user:r", tokens: 0, kv, now: NOW });
    await recordUsage({ identifier: "user:r", tokens: 300, kv, now: NOW });
    const counters = await getUsageCounters({ plan: "pro", identifier: "user:r", kv, now: NOW });
    expect(counters).toEqual({
      plan: "pro",
      requests: { used: 0, limit: 1_000, remaining: 1_000, resetsAt: NEXT_MIDNIGHT },
      tokens: { used: 1_500, limit: 5_000_000, remaining: 4_998_500, resetsAt: NEXT_MONTH },
      degraded: false,
    });
    await expect(recordUsage({ identifier: "user:r", tokens: -1, kv, now: NOW })).rejects.toBeInstanceOf(TypeError);
  });

  it("checkQuota with consume: false only reads", async () => {
    await checkQuota({ plan: "free", identifier: "user:peek", kv, now: NOW, consume: false });
    expect((await getUsageCounters({ plan: "free", identifier: "user:peek", kv, now: NOW })).requests.used).toBe(0);
  });

  it("counters expire a day after their period ends", async () => {
    const now = Date.now();
    await checkQuota({ plan: "free", identifier: "user:ttl", kv, now });
    await recordUsage({ identifier: "user:ttl", tokens: 10, kv, now });
    const keys = quotaKeys("user:ttl", now);
    const day = 86_400_000;
    const requestsTtl = await kv.ttlMs(keys.requests);
    expect(requestsTtl).toBeGreaterThan(day - 1_000);
    expect(requestsTtl).toBeLessThanOrEqual(2 * day);
    const tokensTtl = await kv.ttlMs(keys.tokens);
    expect(tokensTtl).toBeGreaterThan(day - 1_000);
    expect(tokensTtl).toBeLessThanOrEqual(32 * day);
  });

  describe("token holds around a model call", () => {
    const PRO_LIMIT = 5_000_000;
    // A turn as the chat builds it: its prompt, and the most output it may produce.
    const estimate = { inputTokens: 1_500, maxOutputTokens: 2_000 };
    const reserve = (identifier: string, options: { now?: number; plan?: "pro" | "free" } = {}) =>
      reserveQuota({ plan: options.plan ?? "pro", identifier, kv, now: options.now ?? NOW, estimate });
    const tokensUsed = async (identifier: string) => (await getUsageCounters({ plan: "pro", identifier, kv, now: NOW })).tokens.used;
    const holdsLeft = async (identifier: string) => kv.ttlMs(`${quotaKeys(identifier, NOW).tokens}:holds`);

    it.each([10, 50])("%i parallel chats at 4,999,990 of 5,000,000 tokens are all refused, and nothing is spent", async (parallel) => {
      const identifier = `user:attack-${parallel}`;
      await recordUsage({ identifier, tokens: 4_999_990, kv, now: NOW });
      const results = await Promise.allSettled(Array.from({ length: parallel }, () => reserve(identifier)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(0);
      const error = (results[0] as PromiseRejectedResult).reason as AppError;
      expect(error.code).toBe("quota_exceeded");
      expect(error.message).toBe(
        "Only 10 of the 5,000,000 tokens included in the pro plan are left this month, and this question needs at least 1,756. Upgrade for more.",
      );
      expect(error.details).toMatchObject({ upgradeUrl: "/dashboard/billing", plan: "pro", period: "month", limit: PRO_LIMIT, used: 4_999_990, needed: 1_756 });
      expect(error.headers).toEqual({ "Retry-After": String(17 * 86_400 + 14 * 3_600) });
      // Refused turns take no chat of the day either.
      expect((await getUsageCounters({ plan: "pro", identifier, kv, now: NOW })).requests.used).toBe(0);
      expect(await tokensUsed(identifier)).toBe(4_999_990);
    });

    it.each([10, 50])("%i parallel chats that each use all they may never end above the limit", async (parallel) => {
      const identifier = `user:greedy-${parallel}`;
      await recordUsage({ identifier, tokens: PRO_LIMIT - 10_000, kv, now: NOW });
      const results = await Promise.allSettled(Array.from({ length: parallel }, () => reserve(identifier)));
      const admitted = results.filter((r): r is PromiseFulfilledResult<QuotaReservation> => r.status === "fulfilled").map((r) => r.value);
      // 10,000 left: two full turns of 3,500, then one capped to the 3,000 that remain.
      expect(admitted.map((r) => r.heldTokens).sort()).toEqual([3_000, 3_500, 3_500]);
      expect(admitted.map((r) => r.maxOutputTokens).sort()).toEqual([1_500, 2_000, 2_000]);
      expect(results.filter((r) => r.status === "rejected").every((r) => ((r as PromiseRejectedResult).reason as AppError).code === "quota_exceeded")).toBe(true);
      // Each model call uses its whole prompt and every output token it was allowed.
      await Promise.all(admitted.map((r) => r.settle(estimate.inputTokens + r.maxOutputTokens)));
      expect(await tokensUsed(identifier)).toBe(PRO_LIMIT);
      expect(await holdsLeft(identifier)).toBe(-2);
    });

    it("a settled hold leaves exactly the tokens used, and frees the rest", async () => {
      const identifier = "user:settle";
      await recordUsage({ identifier, tokens: PRO_LIMIT - 4_000, kv, now: NOW });
      const first = await reserve(identifier);
      expect(first.heldTokens).toBe(3_500);
      expect(first.counters.tokens).toEqual({ used: PRO_LIMIT - 4_000, limit: PRO_LIMIT, remaining: 4_000, resetsAt: NEXT_MONTH });
      expect(first.counters.requests.used).toBe(1);
      // Only 500 left beside the hold: not enough for another turn, for now.
      const waiting = await refusal(reserve(identifier));
      expect(waiting.message).toBe(
        "Only 500 of the 5,000,000 tokens included in the pro plan are left this month, and this question needs at least 1,756. " +
          "Answers still in progress hold 3,500; what they do not use is returned when they finish. Upgrade for more.",
      );
      expect(waiting.details).toMatchObject({ used: PRO_LIMIT - 4_000, inProgress: 3_500 });
      expect(waiting.headers).toEqual({ "Retry-After": "10" });
      // Settled: counted at exactly 210, and the rest is free again.
      expect(await first.settle(210)).toBe(true);
      expect(await tokensUsed(identifier)).toBe(PRO_LIMIT - 4_000 + 210);
      expect(await holdsLeft(identifier)).toBe(-2);
      // Settling twice counts once.
      expect(await first.settle(210)).toBe(true);
      expect(await tokensUsed(identifier)).toBe(PRO_LIMIT - 4_000 + 210);
      await expect(reserve(identifier)).resolves.toMatchObject({ heldTokens: 3_500 });
    });

    it("a failed model call (or a cached answer) settles 0: the hold is released and nothing is counted", async () => {
      const identifier = "user:failed";
      const reservation = await reserve(identifier, { plan: "free" });
      expect(await reservation.settle(0)).toBe(true);
      expect(await kv.get(quotaKeys(identifier, NOW).tokens)).toBeNull();
      expect(await holdsLeft(identifier)).toBe(-2);
    });

    it("with less left than a full turn, caps the output to what is left; below prompt + a short answer, refuses", async () => {
      const identifier = "user:cap";
      const needed = estimate.inputTokens + MIN_OUTPUT_TOKENS;
      await recordUsage({ identifier, tokens: PRO_LIMIT - needed, kv, now: NOW });
      const capped = await reserve(identifier);
      expect(capped).toMatchObject({ heldTokens: needed, maxOutputTokens: MIN_OUTPUT_TOKENS });
      await capped.settle(needed - 6);
      const refused = await refusal(reserve(identifier));
      expect(refused.message).toBe(
        "Only 6 of the 5,000,000 tokens included in the pro plan are left this month, and this question needs at least 1,756. Upgrade for more.",
      );
      // Every token used: the usual message.
      await recordUsage({ identifier, tokens: 6, kv, now: NOW });
      expect((await refusal(reserve(identifier))).message).toBe(
        "You have used all 5,000,000 tokens included in the pro plan this month. Upgrade for more.",
      );
    });

    it("an abandoned hold (the server died mid-answer) stops counting after TOKEN_HOLD_MS", async () => {
      const identifier = "user:abandoned";
      await recordUsage({ identifier, tokens: PRO_LIMIT - 3_500, kv, now: NOW });
      await reserve(identifier); // never settled
      await refusal(reserve(identifier, { now: NOW + TOKEN_HOLD_MS - 1 }));
      await expect(reserve(identifier, { now: NOW + TOKEN_HOLD_MS })).resolves.toMatchObject({ heldTokens: 3_500 });
    });

    it("a refusal for today's chats gives the tokens back", async () => {
      const identifier = "user:day-full";
      await kv.set(quotaKeys(identifier, NOW).requests, 1_000);
      const error = await refusal(reserve(identifier));
      expect(error.details).toMatchObject({ period: "day", limit: 1_000 });
      expect(await holdsLeft(identifier)).toBe(-2);
    });

    it("the usage counters show settled tokens only, never a hold as well", async () => {
      const identifier = "user:usage";
      await recordUsage({ identifier, tokens: 1_000, kv, now: NOW });
      const reservation = await reserve(identifier);
      expect(await tokensUsed(identifier)).toBe(1_000);
      await reservation.settle(250);
      expect(await tokensUsed(identifier)).toBe(1_250);
    });

    it("rejects an estimate that is not a token count", async () => {
      await expect(reserveQuota({ plan: "pro", identifier: "user:bad", kv, estimate: { inputTokens: Number.NaN, maxOutputTokens: 10 } })).rejects.toBeInstanceOf(TypeError);
    });
  });
});
