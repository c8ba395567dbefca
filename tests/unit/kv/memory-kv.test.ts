// The embedded KV with an injected clock, and the adapter choice from configuration.
import { afterEach, describe, expect, it } from "vitest";
import { createKv } from "@/lib/kv/create-kv";
import { getKv } from "@/lib/kv/get-kv";
import type { Kv } from "@/lib/kv/kv";
import { KvError } from "@/lib/kv/kv-error";
import { createMemoryKv } from "@/lib/kv/memory";
import { env, runtimeModes } from "@/lib/env";

const opened: Kv[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((kv) => kv.close()));
});

function memory(clock: () => number) {
  const kv = createMemoryKv({ clock });
  opened.push(kv);
  return kv;
}

describe("memory KV", () => {
  it("expires keys by its clock, exactly at the TTL", async () => {
    let now = 1_000;
    const kv = memory(() => now);
    await kv.set("a", "x", { ttlMs: 500 });
    await kv.incrBy("n", 1, { ttlMs: 500 });
    now = 1_499;
    expect(await kv.get("a")).toBe("x");
    expect(await kv.ttlMs("a")).toBe(1);
    now = 1_500;
    expect(await kv.get("a")).toBeNull();
    expect(await kv.mget(["a", "n"])).toEqual([null, null]);
    expect(await kv.set("a", "y", { onlyIfAbsent: true })).toBe(true);
  });

  it("refuses string operations on window keys (WRONGTYPE), like Redis", async () => {
    const kv = memory(Date.now);
    await kv.slidingWindow("w", { limit: 1, windowMs: 1_000 });
    await expect(kv.get("w:1000")).rejects.toBeInstanceOf(KvError);
  });

  it("sweeps expired keys out of memory", async () => {
    let now = 0;
    const kv = createMemoryKv({ clock: () => now, sweepIntervalMs: 10 });
    opened.push(kv);
    await kv.set("gone", 1, { ttlMs: 5 });
    now = 10;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await kv.ttlMs("gone")).toBe(-2);
  });

  it("bounds cache entries: past the limit the least recently used go, and nothing else ever does", async () => {
    const kv = createMemoryKv({ maxEvictableBytes: 300 });
    opened.push(kv);
    const value = "v".repeat(90); // ~100 bytes with its key and quotes
    await kv.reserve("quota", { limit: 10 }); // a counter: never evicted
    await kv.set("tombstone", "revoked", { ttlMs: 60_000 }); // not evictable
    await kv.slidingWindow("rate", { limit: 5, windowMs: 60_000 });
    await kv.hold("tokens", { amount: 100, limit: 1_000, holdMs: 60_000 }); // a quota hold
    for (const key of ["c1", "c2", "c3"]) await kv.set(key, value, { ttlMs: 60_000, evictable: true });
    expect(await kv.get("c1")).toBe(value); // c1 is now the most recently used
    await kv.set("c4", value, { ttlMs: 60_000, evictable: true });
    expect(await kv.mget(["c1", "c2", "c3", "c4"])).toEqual([value, null, value, value]);
    for (let i = 0; i < 50; i++) await kv.set(`more${i}`, value, { ttlMs: 60_000, evictable: true });
    expect(await kv.get("quota")).toBe(1);
    expect(await kv.get("tombstone")).toBe("revoked");
    expect((await kv.slidingWindow("rate", { limit: 5, windowMs: 60_000, cost: 0 })).remaining).toBe(4);
    expect((await kv.hold("tokens", { amount: 1, limit: 1_000, holdMs: 60_000 })).pending).toBe(101);
    // An evictable key overwritten by an ordinary write is ordinary from then on.
    await kv.set("more49", "pinned", { ttlMs: 60_000 });
    for (let i = 0; i < 10; i++) await kv.set(`later${i}`, value, { ttlMs: 60_000, evictable: true });
    expect(await kv.get("more49")).toBe("pinned");
    expect(await kv.get("more0")).toBeNull();
  });

  it("keeps out-of-order timestamps sorted in a window", async () => {
    const kv = memory(Date.now);
    await kv.slidingWindow("order", { limit: 3, windowMs: 1_000, now: 5_000 });
    await kv.slidingWindow("order", { limit: 3, windowMs: 1_000, now: 4_500 });
    const peek = await kv.slidingWindow("order", { limit: 3, windowMs: 1_000, now: 5_400, cost: 0 });
    expect(peek).toEqual({ allowed: true, limit: 3, remaining: 1, resetMs: 100, retryAfterMs: 0 });
    expect((await kv.slidingWindow("order", { limit: 3, windowMs: 1_000, now: 5_500, cost: 0 })).remaining).toBe(2);
  });
});

describe("createKv", () => {
  it("chooses REST first, then Redis over TCP, then memory", async () => {
    const rest = createKv({ restUrl: "http://127.0.0.1:1", restToken: "t", redisUrl: "redis://127.0.0.1:1" });
    const tcp = createKv({ redisUrl: "redis://127.0.0.1:1" });
    const embedded = createKv({});
    opened.push(rest, tcp, embedded);
    expect([rest.kind, tcp.kind, embedded.kind]).toEqual(["upstash", "redis", "memory"]);
  });

  it("names the missing half of a REST configuration", () => {
    expect(() => createKv({ restUrl: "https://kv.example.com" })).toThrow(/KV_REST_API_TOKEN/);
    expect(() => createKv({ restToken: "t" })).toThrow(/URL missing/);
  });
});

describe("getKv", () => {
  it("is one instance, of the kind the environment selects", () => {
    const kv = getKv();
    expect(getKv()).toBe(kv);
    expect(kv.kind).toBe(runtimeModes(env).kv);
  });
});
