// The KV-down policy decides by failMode, and never hides a bug as an outage.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { createMemoryKv } from "@/lib/kv/memory";
import type { Kv } from "@/lib/kv/kv";
import { KvError } from "@/lib/kv/kv-error";
import { checkRateLimit } from "@/lib/limits/check-rate-limit";
import { checkQuota, quotaKeys, recordUsage, reserveQuota } from "@/lib/limits/check-quota";
import { handleKvFailure } from "@/lib/limits/kv-down-policy";

function failingKv(error: Error): Kv {
  const kv = createMemoryKv();
  const fail = async () => {
    throw error;
  };
  return { ...kv, slidingWindows: fail, mget: fail, reserve: fail, incrBy: fail, hold: fail, settle: fail };
}

describe("handleKvFailure", () => {
  const outage = new KvError("redis", "connect ECONNREFUSED");

  it("throws 503 provider_unavailable for fail-closed policies", () => {
    let thrown: unknown;
    try {
      handleKvFailure(outage, { name: "chat", failMode: "closed", pausedFeature: "chat" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({
      code: "provider_unavailable",
      status: 503,
      message: "Rate limiting is temporarily unavailable, so chat is paused. Try again shortly.",
      headers: { "Retry-After": "5" },
    });
  });

  it("returns a degraded outcome for fail-open policies", () => {
    expect(handleKvFailure(outage, { name: "api", failMode: "open", pausedFeature: "this request" })).toEqual({
      degraded: true,
      warning: 'KV unavailable; "api" admitted without counting (fail open): connect ECONNREFUSED',
    });
  });

  it("rethrows errors that are not KV outages", () => {
    const bug = new TypeError("bad argument");
    expect(() => handleKvFailure(bug, { name: "api", failMode: "open", pausedFeature: "x" })).toThrow(bug);
  });
});

describe("limits with a failing KV", () => {
  it("a fail-open policy still surfaces programming errors", async () => {
    const kv = failingKv(new TypeError("window limit must be an integer"));
    await expect(checkRateLimit({ policy: "api", identifier: "user:a", kv })).rejects.toBeInstanceOf(TypeError);
  });

  it("an outage is fail-open for api and fail-closed for chat and quota", async () => {
    const kv = failingKv(new KvError("upstash", "fetch failed"));
    await expect(checkRateLimit({ policy: "api", identifier: "user:a", kv })).resolves.toMatchObject({ degraded: true });
    await expect(checkRateLimit({ policy: "chat", identifier: "user:a", kv })).rejects.toMatchObject({ status: 503 });
    await expect(checkQuota({ plan: "free", identifier: "user:a", kv })).rejects.toMatchObject({ status: 503 });
    await expect(recordUsage({ identifier: "user:a", tokens: 10, kv })).resolves.toBe(false);
    await expect(reserveQuota({ plan: "free", identifier: "user:a", kv, estimate: { inputTokens: 100, maxOutputTokens: 500 } })).rejects.toMatchObject({
      status: 503,
      message: "Rate limiting is temporarily unavailable, so chat is paused. Try again shortly.",
    });
  });

  it("a KV that fails after the tokens were held still fails closed, and the hold expires by itself", async () => {
    const kv = createMemoryKv();
    const outage = async () => {
      throw new KvError("redis", "connection lost");
    };
    const flaky: Kv = { ...kv, reserve: outage, settle: outage };
    await expect(reserveQuota({ plan: "free", identifier: "user:a", kv: flaky, estimate: { inputTokens: 100, maxOutputTokens: 500 } })).rejects.toMatchObject({
      status: 503,
    });
    expect(await kv.ttlMs(`${quotaKeys("user:a", Date.now()).tokens}:holds`)).toBeGreaterThan(0);
  });

  it("settling after the answer never throws over an outage: it reports false", async () => {
    const kv = createMemoryKv();
    const reservation = await reserveQuota({ plan: "free", identifier: "user:a", kv, estimate: { inputTokens: 100, maxOutputTokens: 500 } });
    kv.settle = async () => {
      throw new KvError("upstash", "fetch failed");
    };
    await expect(reservation.settle(420)).resolves.toBe(false);
  });

  it("rejects an empty identifier rather than sharing one bucket", async () => {
    await expect(checkRateLimit({ policy: "chat", identifier: "", kv: createMemoryKv() })).rejects.toBeInstanceOf(TypeError);
  });
});
