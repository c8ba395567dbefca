// Named rate-limit policies over each KV adapter: exact limits, both chat windows, headers, and
// Retry-After in whole seconds.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import type { Kv } from "@/lib/kv/kv";
import { checkRateLimit } from "@/lib/limits/check-rate-limit";
import { ADAPTERS, startKvHarness, type KvHarness } from "@/tests/fixtures/kv/kv-adapters";

const MINUTE = 60_000;

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

describe.each(ADAPTERS)("checkRateLimit on %s", (adapter) => {
  let harness: KvHarness;
  let kv: Kv;
  let t0: number;

  beforeAll(async () => {
    harness = await startKvHarness(adapter);
  });
  afterAll(async () => {
    await harness.cleanup();
  });
  beforeEach(() => {
    kv = harness.create();
    t0 = Date.now();
  });

  const chat = (offset: number, identifier = "user:alice") =>
    checkRateLimit({ policy: "chat", identifier, kv, now: t0 + offset });

  it("admits 10 chats a minute with RateLimit headers, refuses the 11th with 429 and Retry-After", async () => {
    for (let i = 0; i < 7; i++) await chat(0);
    const seventh = await chat(0);
    expect(seventh).toMatchObject({ allowed: true, policy: "chat", limit: 10, remaining: 2, resetSeconds: 60, degraded: false });
    expect(seventh.headers).toEqual({
      "RateLimit-Policy": "10;w=60, 50;w=900",
      RateLimit: "limit=10, remaining=2, reset=60",
    });
    await chat(0);
    const tenth = await chat(0);
    expect(tenth.headers.RateLimit).toBe("limit=10, remaining=0, reset=60");

    const error = await refusal(chat(0));
    expect(error.code).toBe("rate_limited");
    expect(error.status).toBe(429);
    expect(error.message).toBe("Too many requests: the limit is 10 per minute. Try again in 60 seconds.");
    expect(error.headers).toEqual({
      "Retry-After": "60",
      "RateLimit-Policy": "10;w=60, 50;w=900",
      RateLimit: "limit=10, remaining=0, reset=60",
    });
  });

  it("sends Retry-After in whole seconds, rounded up", async () => {
    await chat(0);
    for (let i = 0; i < 9; i++) await chat(17_500);
    // The oldest request (t0) leaves the window at t0 + 60s: 41.7 s from t0 + 18.3 s -> 42.
    const error = await refusal(chat(18_300));
    expect(error.headers?.["Retry-After"]).toBe("42");
    expect(error.message).toBe("Too many requests: the limit is 10 per minute. Try again in 42 seconds.");
    expect(error.details).toEqual({ limit: 10, windowSeconds: 60, retryAfterSeconds: 42 });
    // One ms before the slot frees: still refused, and never "0 seconds".
    const last = await refusal(chat(59_999));
    expect(last.headers?.["Retry-After"]).toBe("1");
    expect(last.message).toBe("Too many requests: the limit is 10 per minute. Try again in 1 second.");
    await expect(chat(60_000)).resolves.toMatchObject({ allowed: true, remaining: 0 });
  });

  it("enforces both chat windows: 50 per 15 minutes even when each minute is under 10", async () => {
    for (let minute = 0; minute < 5; minute++) {
      for (let i = 0; i < 10; i++) await chat(minute * MINUTE);
    }
    // Minute 6: the 1-minute window is empty, the 15-minute window is full.
    const error = await refusal(chat(5 * MINUTE));
    expect(error.message).toBe("Too many requests: the limit is 50 per 15 minutes. Try again in 600 seconds.");
    expect(error.headers).toMatchObject({ "Retry-After": "600", RateLimit: "limit=50, remaining=0, reset=600" });
    // The refused request used nothing: once the first minute's requests leave the 15-minute
    // window, the full 10 per minute are available again.
    for (let i = 0; i < 10; i++) await chat(15 * MINUTE);
    const eleventh = await refusal(chat(15 * MINUTE));
    expect(eleventh.message).toBe("Too many requests: the limit is 10 per minute. Try again in 60 seconds.");
  });

  it("admits exactly 10 of 50 parallel chat requests", async () => {
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => chat(0)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(40);
    for (const r of rejected) expect((r.reason as AppError).code).toBe("rate_limited");
  });

  it("keeps users, guests and policies apart", async () => {
    for (let i = 0; i < 10; i++) await chat(0, "user:alice");
    await expect(chat(0, "user:alice")).rejects.toMatchObject({ code: "rate_limited" });
    await expect(chat(0, "user:bob")).resolves.toMatchObject({ remaining: 9 });
    await expect(checkRateLimit({ policy: "chatGuest", identifier: "user:alice", kv, now: t0 })).resolves.toMatchObject({ remaining: 9 });
    await expect(checkRateLimit({ policy: "api", identifier: "user:alice", kv, now: t0 })).resolves.toMatchObject({ remaining: 99 });
  });

  it("limits auth to 10 per 15 minutes per IP", async () => {
    const auth = (offset: number) => checkRateLimit({ policy: "auth", identifier: "ip:203.0.113.7", kv, now: t0 + offset });
    for (let i = 0; i < 10; i++) await auth(i * 1000);
    const error = await refusal(auth(10_000));
    expect(error.message).toBe("Too many requests: the limit is 10 per 15 minutes. Try again in 890 seconds.");
    expect(error.headers).toMatchObject({ "Retry-After": "890", "RateLimit-Policy": "10;w=900" });
  });

  it("limits other API calls to 100 per 15 minutes", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 120 }, () => checkRateLimit({ policy: "api", identifier: "ip:198.51.100.1", kv, now: t0 })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(100);
  });

  it("raises every limit by the configured scale", async () => {
    const scaled = (offset: number) => checkRateLimit({ policy: "chat", identifier: "user:bench", kv, scale: 3, now: t0 + offset });
    for (let i = 0; i < 29; i++) await scaled(0);
    const last = await scaled(0);
    expect(last.headers).toEqual({ "RateLimit-Policy": "30;w=60, 150;w=900", RateLimit: "limit=30, remaining=0, reset=60" });
    await expect(scaled(0)).rejects.toMatchObject({ message: "Too many requests: the limit is 30 per minute. Try again in 60 seconds." });
  });
});
