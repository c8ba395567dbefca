// Plan quotas over each KV adapter: exactly at the limit admitted, one over refused with the
// message and upgrade URL, atomic reservation under parallel requests, day and month rollover.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import type { Kv } from "@/lib/kv/kv";
import { checkQuota, consumeDailyRequest, getUsageCounters, quotaKeys, recordUsage } from "@/lib/limits/check-quota";
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
});
