// Per-plan limits of the in-cell functions, on the embedded KV with an injected clock: a batch is
// admitted in part when only part fits, what the minute refuses is given back to the day, the
// messages name the limit and when it resets, and a KV outage refuses rather than computing.
import { describe, expect, it } from "vitest";
import { createMemoryKv } from "@/lib/kv/memory";
import { KvError } from "@/lib/kv/kv-error";
import type { Kv } from "@/lib/kv/kv";
import { ENTITLEMENTS } from "@/lib/limits/entitlements";
import { admitFunctionCalls, functionDayKey, getFunctionCallUsage } from "@/lib/limits/function-call-limits";

const NOON = Date.UTC(2026, 11, 6, 12, 0, 10);
const id = "user:limits";

describe("admitFunctionCalls", () => {
  it("admits up to the minute's limit, gives the rest back to the day, and says when to recalculate", async () => {
    const kv = createMemoryKv();
    const perMinute = ENTITLEMENTS.free.functionCallsPerMinute;
    const first = await admitFunctionCalls({ plan: "free", identifier: id, count: perMinute - 10, kv, now: NOON });
    expect(first).toEqual({ admitted: perMinute - 10, refusal: null });
    const second = await admitFunctionCalls({ plan: "free", identifier: id, count: 30, kv, now: NOON + 1_000 });
    expect(second.admitted).toBe(10);
    expect(second.refusal).toMatchObject({ code: "rate_limited", retryAfterSeconds: 49 });
    expect(second.refusal?.message).toBe(`Busy: the free plan computes up to ${perMinute} AI function calls a minute. Recalculate in 49 s.`);
    expect(await kv.get(functionDayKey(id, NOON))).toBe(perMinute);
    // The next minute has room again.
    expect((await admitFunctionCalls({ plan: "free", identifier: id, count: 5, kv, now: NOON + 60_000 })).admitted).toBe(5);
  });

  it("refuses past the day's limit with the reset time, and reports usage", async () => {
    const kv = createMemoryKv();
    const perDay = ENTITLEMENTS.free.functionCallsPerDay;
    await kv.set(functionDayKey(id, NOON), perDay - 2);
    const result = await admitFunctionCalls({ plan: "free", identifier: id, count: 5, kv, now: NOON });
    expect(result.admitted).toBe(2);
    expect(result.refusal?.code).toBe("quota_exceeded");
    expect(result.refusal?.message).toContain(`includes ${perDay} AI function calls a day. It resets at 00:00 UTC (in 12 h)`);
    expect(await getFunctionCallUsage({ plan: "free", identifier: id, kv, now: NOON })).toMatchObject({ used: perDay, remaining: 0, limit: perDay });
  });

  it("gives a workspace's pool the plan's limits times its seats, and names the pool in its messages", async () => {
    const kv = createMemoryKv();
    const pool = "workspace:00000000-0000-4000-8000-000000000001";
    const perMinute = ENTITLEMENTS.free.functionCallsPerMinute;
    const perDay = ENTITLEMENTS.free.functionCallsPerDay;
    const minute = await admitFunctionCalls({ plan: "free", identifier: pool, seats: 3, pooled: true, count: 3 * perMinute + 5, kv, now: NOON });
    expect(minute.admitted).toBe(3 * perMinute);
    expect(minute.refusal?.message).toBe(`Busy: the workspace's pool (free plan, 3 seats) computes up to ${3 * perMinute} AI function calls a minute. Recalculate in 50 s.`);
    await kv.set(functionDayKey(pool, NOON), 3 * perDay - 1);
    const day = await admitFunctionCalls({ plan: "free", identifier: pool, seats: 3, pooled: true, count: 4, kv, now: NOON + 60_000 });
    expect(day.admitted).toBe(1);
    expect(day.refusal?.message).toContain(`Daily limit reached: the workspace's pool (free plan, 3 seats) includes ${(3 * perDay).toLocaleString("en-US")} AI function calls a day.`);
    expect(await getFunctionCallUsage({ plan: "free", identifier: pool, seats: 3, kv, now: NOON })).toMatchObject({ used: 3 * perDay, limit: 3 * perDay, perMinute: 3 * perMinute });
  });

  it("is not available to guests, and refuses when the KV cannot count", async () => {
    expect((await admitFunctionCalls({ plan: "guest", identifier: "ip:192.0.2.1", count: 1, kv: createMemoryKv(), now: NOON })).refusal?.message).toContain("not included in guest access");
    const down = { reserve: () => Promise.reject(new KvError("redis", "connection refused")) } as unknown as Kv;
    const refused = await admitFunctionCalls({ plan: "pro", identifier: id, count: 3, kv: down, now: NOON });
    expect(refused).toMatchObject({ admitted: 0, refusal: { code: "provider_unavailable" } });
  });
});
