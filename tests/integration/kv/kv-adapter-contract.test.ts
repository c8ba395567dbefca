// The KV port's behaviour, held identical on all three adapters: memory, Redis over TCP, and
// Upstash REST (through a local fake of the REST API backed by the same Redis).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kv } from "@/lib/kv/kv";
import { KvError } from "@/lib/kv/kv-error";
import { ADAPTERS, startKvHarness, type KvHarness } from "@/tests/fixtures/kv/kv-adapters";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ADAPTERS)("KV adapter: %s", (adapter) => {
  let harness: KvHarness;
  let kv: Kv;

  beforeAll(async () => {
    harness = await startKvHarness(adapter);
    kv = harness.create();
  });
  afterAll(async () => {
    await harness.cleanup();
  });

  it("reports its kind", () => {
    expect(kv.kind).toBe(adapter);
  });

  describe("values", () => {
    it("round-trips JSON values and returns null for missing keys", async () => {
      const value = { a: 1, nested: { list: [1, "two", null, true] }, text: "héllo ✓" };
      expect(await kv.set("json", value)).toBe(true);
      expect(await kv.get("json")).toEqual(value);
      await kv.set("string", "plain text");
      expect(await kv.get("string")).toBe("plain text");
      await kv.set("number", 42.5);
      expect(await kv.get("number")).toBe(42.5);
      // A string that looks like base64 or JSON must come back untouched.
      await kv.set("tricky", "T0s=");
      expect(await kv.get("tricky")).toBe("T0s=");
      await kv.set("ok", "OK");
      expect(await kv.get("ok")).toBe("OK");
      expect(await kv.get("missing")).toBeNull();
    });

    it("mget returns values in key order with null for missing keys", async () => {
      await kv.set("m1", { n: 1 });
      await kv.set("m3", "three");
      expect(await kv.mget(["m1", "m2", "m3"])).toEqual([{ n: 1 }, null, "three"]);
      expect(await kv.mget([])).toEqual([]);
    });

    it("set with onlyIfAbsent does not overwrite", async () => {
      expect(await kv.set("nx", "first", { onlyIfAbsent: true })).toBe(true);
      expect(await kv.set("nx", "second", { onlyIfAbsent: true })).toBe(false);
      expect(await kv.get("nx")).toBe("first");
    });

    it("del removes keys and counts the ones that existed", async () => {
      await kv.set("d1", 1);
      await kv.set("d2", 2);
      expect(await kv.del(["d1", "d2", "d-missing"])).toBe(2);
      expect(await kv.get("d1")).toBeNull();
      expect(await kv.del("d1")).toBe(0);
    });

    it("keeps key prefixes apart", async () => {
      const other = harness.create();
      await kv.set("shared-name", "mine");
      expect(await other.get("shared-name")).toBeNull();
    });

    it("rejects values that are not JSON", async () => {
      await expect(kv.set("bad", undefined)).rejects.toBeInstanceOf(TypeError);
    });
  });

  describe("TTL", () => {
    it("expires values after ttlMs", async () => {
      await kv.set("short", { v: 1 }, { ttlMs: 200 });
      expect(await kv.get("short")).toEqual({ v: 1 });
      const ttl = await kv.ttlMs("short");
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(200);
      await sleep(350);
      expect(await kv.get("short")).toBeNull();
      expect(await kv.ttlMs("short")).toBe(-2);
    });

    it("reports -1 for keys without expiry and -2 for missing keys", async () => {
      await kv.set("forever", 1);
      expect(await kv.ttlMs("forever")).toBe(-1);
      expect(await kv.ttlMs("never-set")).toBe(-2);
    });

    it("expire sets a TTL on an existing key only", async () => {
      expect(await kv.expire("expire-missing", 1000)).toBe(false);
      await kv.set("expire-me", "x");
      expect(await kv.expire("expire-me", 200)).toBe(true);
      await sleep(350);
      expect(await kv.get("expire-me")).toBeNull();
    });

    it("overwriting a value without ttl removes the old expiry", async () => {
      await kv.set("rewrite", 1, { ttlMs: 200 });
      await kv.set("rewrite", 2);
      expect(await kv.ttlMs("rewrite")).toBe(-1);
    });
  });

  describe("counters", () => {
    it("incrBy creates, adds and subtracts; get reads the counter as a number", async () => {
      expect(await kv.incrBy("count", 5)).toBe(5);
      expect(await kv.incrBy("count", 3)).toBe(8);
      expect(await kv.incrBy("count", -10)).toBe(-2);
      expect(await kv.get("count")).toBe(-2);
    });

    it("incrBy sets the TTL on creation and does not extend it afterwards", async () => {
      expect(await kv.incrBy("ttl-count", 1, { ttlMs: 400 })).toBe(1);
      await sleep(150);
      expect(await kv.incrBy("ttl-count", 1, { ttlMs: 400 })).toBe(2);
      const ttl = await kv.ttlMs("ttl-count");
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(260);
      await sleep(400);
      expect(await kv.get("ttl-count")).toBeNull();
      expect(await kv.incrBy("ttl-count", 1, { ttlMs: 400 })).toBe(1);
    });

    it("incrBy without ttl leaves the key without expiry", async () => {
      await kv.incrBy("no-ttl-count", 1);
      expect(await kv.ttlMs("no-ttl-count")).toBe(-1);
    });

    it("incrBy is atomic under 50 parallel calls", async () => {
      const values = await Promise.all(Array.from({ length: 50 }, () => kv.incrBy("parallel", 1, { ttlMs: 10_000 })));
      expect(new Set(values).size).toBe(50);
      expect(Math.max(...values)).toBe(50);
      expect(await kv.get("parallel")).toBe(50);
    });

    it("incrBy rejects non-integers and non-integer values with the right error", async () => {
      await expect(kv.incrBy("count-bad", 1.5)).rejects.toBeInstanceOf(TypeError);
      await kv.set("not-a-number", { a: 1 });
      await expect(kv.incrBy("not-a-number", 1)).rejects.toBeInstanceOf(KvError);
    });

    it("reserve admits exactly the limit under 50 parallel calls", async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, () => kv.reserve("reserve", { limit: 10, ttlMs: 10_000 })),
      );
      const reserved = results.filter((r) => r.reserved);
      expect(reserved).toHaveLength(10);
      expect(reserved.map((r) => r.value).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(results.filter((r) => !r.reserved).every((r) => r.value === 10)).toBe(true);
      expect(await kv.get("reserve")).toBe(10);
      const ttl = await kv.ttlMs("reserve");
      expect(ttl).toBeGreaterThan(9_000);
    });

    it("reserve with an amount refuses what would cross the limit but admits what fits", async () => {
      expect(await kv.reserve("reserve-amount", { amount: 7, limit: 10 })).toEqual({ reserved: true, value: 7 });
      expect(await kv.reserve("reserve-amount", { amount: 4, limit: 10 })).toEqual({ reserved: false, value: 7 });
      expect(await kv.reserve("reserve-amount", { amount: 3, limit: 10 })).toEqual({ reserved: true, value: 10 });
      expect(await kv.reserve("reserve-amount", { limit: 10 })).toEqual({ reserved: false, value: 10 });
    });
  });

  describe("holds", () => {
    const HOLD_MS = 60_000;

    it("holds within the limit, refuses past it, and reports what is used and pending", async () => {
      const now = Date.now();
      await kv.incrBy("held", 40);
      const first = await kv.hold("held", { amount: 30, limit: 100, holdMs: HOLD_MS, now });
      expect(first).toMatchObject({ held: true, amount: 30, used: 40, pending: 30 });
      expect(first.holdId).toMatch(/^[^:]+:30$/);
      // 40 settled + 30 held leaves 30: a hold of 31 is refused without changing anything.
      expect(await kv.hold("held", { amount: 31, limit: 100, holdMs: HOLD_MS, now })).toEqual({
        held: false,
        holdId: null,
        amount: 0,
        used: 40,
        pending: 30,
      });
      expect(await kv.hold("held", { amount: 30, limit: 100, holdMs: HOLD_MS, now })).toMatchObject({ held: true, pending: 60 });
      // Holds never touch the settled counter.
      expect(await kv.get("held")).toBe(40);
    });

    it("with a minAmount, takes what is left when that is enough, and refuses when it is not", async () => {
      const now = Date.now();
      await kv.incrBy("partial", 90);
      const partial = await kv.hold("partial", { amount: 25, minAmount: 5, limit: 100, holdMs: HOLD_MS, now });
      expect(partial).toMatchObject({ held: true, amount: 10, used: 90, pending: 10 });
      expect(partial.holdId).toMatch(/:10$/);
      expect(await kv.hold("partial", { amount: 25, minAmount: 1, limit: 100, holdMs: HOLD_MS, now })).toMatchObject({ held: false, amount: 0 });
    });

    it("never lets parallel holds take more than the limit (10 and 50 at once, 10 short of it)", async () => {
      const now = Date.now();
      for (const parallel of [10, 50]) {
        const key = `attack-${parallel}`;
        await kv.incrBy(key, 4_999_990);
        const results = await Promise.all(
          Array.from({ length: parallel }, () => kv.hold(key, { amount: 2_500, minAmount: 500, limit: 5_000_000, holdMs: HOLD_MS, now })),
        );
        expect(results.filter((r) => r.held)).toHaveLength(0);
        // With room for a few: the holds granted add up to the room left, never more.
        await kv.incrBy(key, -9_990); // 4,990,000 settled: 10,000 left
        const admitted = await Promise.all(
          Array.from({ length: parallel }, () => kv.hold(key, { amount: 2_500, minAmount: 500, limit: 5_000_000, holdMs: HOLD_MS, now })),
        );
        const held = admitted.filter((r) => r.held);
        expect(held.reduce((sum, r) => sum + r.amount, 0)).toBe(10_000);
        expect(held).toHaveLength(4);
        // Each settles for more or less than it held; the counter ends at most at the limit.
        const settled = await Promise.all(held.map((r, i) => kv.settle(key, r.holdId!, { amount: 2_500 - i * 100, now })));
        expect(settled.every((r) => r.released)).toBe(true);
        expect(await kv.get(key)).toBe(4_990_000 + 2_500 + 2_400 + 2_300 + 2_200);
        expect(settled.map((r) => r.pending).sort((a, b) => a - b)[0]).toBe(0);
      }
    });

    it("settle replaces the hold with exactly the real amount", async () => {
      const now = Date.now();
      await kv.incrBy("settle", 1_000);
      const hold = await kv.hold("settle", { amount: 2_500, limit: 10_000, holdMs: HOLD_MS, now });
      const other = await kv.hold("settle", { amount: 500, limit: 10_000, holdMs: HOLD_MS, now });
      expect(await kv.settle("settle", hold.holdId!, { amount: 210, now })).toEqual({ used: 1_210, pending: 500, released: true });
      expect(await kv.get("settle")).toBe(1_210);
      // Settling the same hold again finds nothing to release, but still adds what it is given.
      expect(await kv.settle("settle", hold.holdId!, { amount: 0, now })).toEqual({ used: 1_210, pending: 500, released: false });
      expect(await kv.settle("settle", other.holdId!, { amount: 0, now })).toEqual({ used: 1_210, pending: 0, released: true });
      expect(await kv.ttlMs("settle:holds")).toBe(-2);
    });

    it("settling 0 (a failed call, a cached answer) releases the hold and creates no counter", async () => {
      const now = Date.now();
      const hold = await kv.hold("release", { amount: 100, limit: 100, holdMs: HOLD_MS, now });
      expect((await kv.hold("release", { amount: 1, limit: 100, holdMs: HOLD_MS, now })).held).toBe(false);
      expect(await kv.settle("release", hold.holdId!, { amount: 0, ttlMs: 10_000, now })).toEqual({ used: 0, pending: 0, released: true });
      expect(await kv.get("release")).toBeNull();
      expect((await kv.hold("release", { amount: 100, limit: 100, holdMs: HOLD_MS, now })).held).toBe(true);
    });

    it("settle sets the counter's TTL when it creates it, and keeps an existing one", async () => {
      const now = Date.now();
      const hold = await kv.hold("settle-ttl", { amount: 10, limit: 100, holdMs: HOLD_MS, now });
      await kv.settle("settle-ttl", hold.holdId!, { amount: 7, ttlMs: 10_000, now });
      const ttl = await kv.ttlMs("settle-ttl");
      expect(ttl).toBeGreaterThan(9_000);
      expect(ttl).toBeLessThanOrEqual(10_000);
      const again = await kv.hold("settle-ttl", { amount: 10, limit: 100, holdMs: HOLD_MS, now });
      await kv.settle("settle-ttl", again.holdId!, { amount: 3, ttlMs: 999_999, now });
      expect(await kv.ttlMs("settle-ttl")).toBeLessThanOrEqual(10_000);
      expect(await kv.get("settle-ttl")).toBe(10);
    });

    it("an abandoned hold stops counting holdMs after it was made", async () => {
      const t0 = Date.now();
      const abandoned = await kv.hold("abandoned", { amount: 100, limit: 100, holdMs: HOLD_MS, now: t0 });
      expect(abandoned.held).toBe(true);
      expect((await kv.hold("abandoned", { amount: 1, limit: 100, holdMs: HOLD_MS, now: t0 + HOLD_MS - 1 })).held).toBe(false);
      const later = await kv.hold("abandoned", { amount: 100, limit: 100, holdMs: HOLD_MS, now: t0 + HOLD_MS });
      expect(later).toMatchObject({ held: true, used: 0, pending: 100 });
      // Settling the expired hold still counts what was really spent, and releases nothing.
      expect(await kv.settle("abandoned", abandoned.holdId!, { amount: 40, now: t0 + HOLD_MS })).toEqual({ used: 40, pending: 100, released: false });
    });

    it("the holds key expires with its last hold, in real time", async () => {
      await kv.hold("expiring-holds", { amount: 5, limit: 10, holdMs: 200 });
      const ttl = await kv.ttlMs("expiring-holds:holds");
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(200);
      await sleep(350);
      expect(await kv.ttlMs("expiring-holds:holds")).toBe(-2);
      expect((await kv.hold("expiring-holds", { amount: 10, limit: 10, holdMs: 200 })).held).toBe(true);
    });

    it("rejects bad arguments and counters that are not integers", async () => {
      await expect(kv.hold("bad-hold", { amount: 0, limit: 10, holdMs: 1_000 })).rejects.toBeInstanceOf(TypeError);
      await expect(kv.hold("bad-hold", { amount: 5, minAmount: 6, limit: 10, holdMs: 1_000 })).rejects.toBeInstanceOf(TypeError);
      await expect(kv.hold("bad-hold", { amount: 5, limit: 10, holdMs: 0 })).rejects.toBeInstanceOf(TypeError);
      await expect(kv.settle("bad-hold", "not-a-hold", { amount: 1 })).rejects.toBeInstanceOf(TypeError);
      await expect(kv.settle("bad-hold", "x:1", { amount: -1 })).rejects.toBeInstanceOf(TypeError);
      await kv.set("not-a-counter", { a: 1 });
      await expect(kv.hold("not-a-counter", { amount: 1, limit: 10, holdMs: 1_000 })).rejects.toBeInstanceOf(KvError);
      await expect(kv.settle("not-a-counter", "x:1", { amount: 1 })).rejects.toBeInstanceOf(KvError);
      expect(await kv.get("not-a-counter")).toEqual({ a: 1 });
    });
  });

  describe("sliding window", () => {
    const MINUTE = 60_000;

    it("admits exactly the limit out of 50 parallel requests", async () => {
      const now = Date.now();
      const results = await Promise.all(
        Array.from({ length: 50 }, () => kv.slidingWindow("burst", { limit: 10, windowMs: MINUTE, now })),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
      const refused = results.filter((r) => !r.allowed);
      expect(refused).toHaveLength(40);
      for (const r of refused) {
        expect(r).toEqual({ allowed: false, limit: 10, remaining: 0, resetMs: MINUTE, retryAfterMs: MINUTE });
      }
      const remaining = results.filter((r) => r.allowed).map((r) => r.remaining).sort((a, b) => a - b);
      expect(remaining).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it("slides: a request leaves the window exactly windowMs after it was made", async () => {
      const t0 = Date.now();
      const hit = (offset: number) => kv.slidingWindow("slide", { limit: 3, windowMs: MINUTE, now: t0 + offset });
      expect(await hit(0)).toEqual({ allowed: true, limit: 3, remaining: 2, resetMs: MINUTE, retryAfterMs: 0 });
      expect(await hit(10_000)).toEqual({ allowed: true, limit: 3, remaining: 1, resetMs: 50_000, retryAfterMs: 0 });
      expect(await hit(20_000)).toEqual({ allowed: true, limit: 3, remaining: 0, resetMs: 40_000, retryAfterMs: 0 });
      expect(await hit(30_000)).toEqual({ allowed: false, limit: 3, remaining: 0, resetMs: 30_000, retryAfterMs: 30_000 });
      expect(await hit(59_999)).toMatchObject({ allowed: false, retryAfterMs: 1 });
      // At t0 + 60s the first request has left; the refused ones never counted.
      expect(await hit(60_000)).toEqual({ allowed: true, limit: 3, remaining: 0, resetMs: 10_000, retryAfterMs: 0 });
      expect(await hit(60_001)).toMatchObject({ allowed: false, retryAfterMs: 9_999 });
      expect(await hit(70_000)).toMatchObject({ allowed: true, remaining: 0 });
    });

    it("a cost of 0 reads the window without counting", async () => {
      const now = Date.now();
      await kv.slidingWindow("peek", { limit: 5, windowMs: MINUTE, now });
      const peek = await kv.slidingWindow("peek", { limit: 5, windowMs: MINUTE, now: now + 1, cost: 0 });
      expect(peek).toEqual({ allowed: true, limit: 5, remaining: 4, resetMs: MINUTE - 1, retryAfterMs: 0 });
      expect((await kv.slidingWindow("peek", { limit: 5, windowMs: MINUTE, now: now + 2, cost: 0 })).remaining).toBe(4);
    });

    it("a cost larger than 1 takes that many units, and waits for enough of them to leave", async () => {
      const t0 = Date.now();
      expect(await kv.slidingWindow("cost", { limit: 5, windowMs: MINUTE, now: t0, cost: 2 })).toMatchObject({ allowed: true, remaining: 3 });
      expect(await kv.slidingWindow("cost", { limit: 5, windowMs: MINUTE, now: t0 + 1000, cost: 3 })).toMatchObject({ allowed: true, remaining: 0 });
      // 4 units need the two from t0 and two of the three from t0+1000 to leave.
      expect(await kv.slidingWindow("cost", { limit: 5, windowMs: MINUTE, now: t0 + 2000, cost: 4 })).toMatchObject({
        allowed: false,
        retryAfterMs: 59_000,
      });
      expect(await kv.slidingWindow("cost", { limit: 5, windowMs: MINUTE, now: t0 + 60_000, cost: 2 })).toMatchObject({ allowed: true, remaining: 0 });
    });

    it("checks several windows atomically: a refusal by one window counts in none", async () => {
      const t0 = Date.now();
      const windows = [
        { limit: 2, windowMs: 1_000 },
        { limit: 3, windowMs: 10_000 },
      ];
      const hit = (offset: number, cost = 1) => kv.slidingWindows("multi", windows, { now: t0 + offset, cost });
      expect((await hit(0)).allowed).toBe(true);
      expect((await hit(1)).allowed).toBe(true);
      // The short window refuses; the long one would have admitted but must not count it.
      const refusedShort = await hit(2);
      expect(refusedShort.allowed).toBe(false);
      expect(refusedShort.windows[0]).toEqual({ allowed: false, limit: 2, remaining: 0, resetMs: 998, retryAfterMs: 998 });
      expect(refusedShort.windows[1]).toMatchObject({ remaining: 1, retryAfterMs: 0 });
      expect((await hit(3, 0)).windows[1].remaining).toBe(1);

      expect((await hit(1_000)).allowed).toBe(true);
      // Now the long window is full while the short one has room.
      const refusedLong = await hit(1_500);
      expect(refusedLong.allowed).toBe(false);
      expect(refusedLong.windows[0]).toMatchObject({ remaining: 1, resetMs: 500, retryAfterMs: 0 });
      expect(refusedLong.windows[1]).toEqual({ allowed: false, limit: 3, remaining: 0, resetMs: 8_500, retryAfterMs: 8_500 });
      expect((await hit(1_600, 0)).windows[0].remaining).toBe(1);
    });

    it("admits exactly the limit of the tightest window under parallel bursts on several windows", async () => {
      const now = Date.now();
      const windows = [
        { limit: 10, windowMs: MINUTE },
        { limit: 50, windowMs: 15 * MINUTE },
      ];
      const results = await Promise.all(Array.from({ length: 50 }, () => kv.slidingWindows("multi-burst", windows, { now })));
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
      const peek = await kv.slidingWindows("multi-burst", windows, { now, cost: 0 });
      expect(peek.windows.map((w) => w.remaining)).toEqual([0, 40]);
    });

    it("expires window keys once their window has passed", async () => {
      await kv.slidingWindow("expiring", { limit: 1, windowMs: 200 });
      expect((await kv.slidingWindow("expiring", { limit: 1, windowMs: 200 })).allowed).toBe(false);
      expect(await kv.ttlMs("expiring:200")).toBeGreaterThan(0);
      await sleep(350);
      expect(await kv.ttlMs("expiring:200")).toBe(-2);
      expect((await kv.slidingWindow("expiring", { limit: 1, windowMs: 200 })).allowed).toBe(true);
    });

    it("rejects invalid windows", async () => {
      await expect(kv.slidingWindows("invalid", [])).rejects.toBeInstanceOf(TypeError);
      await expect(
        kv.slidingWindows("invalid", [
          { limit: 1, windowMs: 1000 },
          { limit: 2, windowMs: 1000 },
        ]),
      ).rejects.toBeInstanceOf(TypeError);
      await expect(kv.slidingWindow("invalid", { limit: 1, windowMs: 0 })).rejects.toBeInstanceOf(TypeError);
    });
  });

  it("ping measures a round trip", async () => {
    const { latencyMs } = await kv.ping();
    expect(latencyMs).toBeGreaterThanOrEqual(0);
    expect(latencyMs).toBeLessThan(1_000);
  });
});
