// The KV-down policy against a KV that cannot be reached (a closed port): chat fails closed with
// 503 quickly, read routes stay up, usage recording never fails a finished answer.
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { createKv } from "@/lib/kv/create-kv";
import type { Kv } from "@/lib/kv/kv";
import { KvError } from "@/lib/kv/kv-error";
import { checkQuota, getUsageCounters, recordUsage, reserveQuota } from "@/lib/limits/check-quota";
import { checkRateLimit } from "@/lib/limits/check-rate-limit";

const CLOSED_PORT_KVS: [string, () => Kv][] = [
  ["redis", () => createKv({ redisUrl: "redis://127.0.0.1:1" })],
  ["upstash", () => createKv({ restUrl: "http://127.0.0.1:1", restToken: "token" })],
];

describe.each(CLOSED_PORT_KVS)("KV down (%s on a closed port)", (_name, make) => {
  const kv = make();
  afterAll(async () => {
    await kv.close();
  });

  it("KV operations reject with KvError", async () => {
    await expect(kv.get("anything")).rejects.toBeInstanceOf(KvError);
    await expect(kv.slidingWindow("anything", { limit: 1, windowMs: 1000 })).rejects.toBeInstanceOf(KvError);
  });

  it("chat fails closed with 503 in under 2 seconds", async () => {
    for (const policy of ["chat", "chatGuest"] as const) {
      const started = performance.now();
      const error = await checkRateLimit({ policy, identifier: "user:a", kv }).catch((reason: unknown) => reason);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        code: "provider_unavailable",
        status: 503,
        message: "Rate limiting is temporarily unavailable, so chat is paused. Try again shortly.",
      });
      expect((error as AppError).cause).toBeInstanceOf(KvError);
    }
  });

  it("repeated chat requests keep failing fast while the KV stays down", async () => {
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => checkRateLimit({ policy: "chat", identifier: "user:b", kv })),
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(results.every((r) => r.status === "rejected" && (r.reason as AppError).status === 503)).toBe(true);
  });

  it("auth fails closed too", async () => {
    await expect(checkRateLimit({ policy: "auth", identifier: "ip:192.0.2.9", kv })).rejects.toMatchObject({
      code: "provider_unavailable",
      status: 503,
      message: "Rate limiting is temporarily unavailable, so sign-in is paused. Try again shortly.",
    });
  });

  it("read routes fail open: admitted, flagged degraded, no headers", async () => {
    const started = performance.now();
    const result = await checkRateLimit({ policy: "api", identifier: "user:a", kv });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.allowed).toBe(true);
    expect(result.degraded).toBe(true);
    expect(result.headers).toEqual({});
    expect(result.warning).toContain('"api" admitted without counting');
  });

  it("the quota check before a model call fails closed", async () => {
    await expect(checkQuota({ plan: "free", identifier: "user:a", kv })).rejects.toMatchObject({
      code: "provider_unavailable",
      status: 503,
    });
    const started = performance.now();
    await expect(
      reserveQuota({ plan: "pro", identifier: "user:a", kv, estimate: { inputTokens: 1_500, maxOutputTokens: 2_000 } }),
    ).rejects.toMatchObject({ code: "provider_unavailable", status: 503 });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("recording usage after the call does not throw, and the usage page degrades", async () => {
    expect(await recordUsage({ identifier: "user:a", tokens: 100, kv })).toBe(false);
    const counters = await getUsageCounters({ plan: "free", identifier: "user:a", kv });
    expect(counters.degraded).toBe(true);
    expect(counters.requests).toMatchObject({ used: 0, limit: 50 });
  });
});
