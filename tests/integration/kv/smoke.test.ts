import { describe, it, expect } from "vitest";
import { startKvHarness, ADAPTERS } from "@/tests/fixtures/kv/kv-adapters";
describe.each(ADAPTERS)("%s", (name) => {
  it("works", async () => {
    const h = await startKvHarness(name);
    const kv = h.create();
    expect(await kv.set("a", { x: 1 }, { ttlMs: 1000 })).toBe(true);
    expect(await kv.get("a")).toEqual({ x: 1 });
    expect(await kv.incrBy("c", 5, { ttlMs: 10000 })).toBe(5);
    expect(await kv.reserve("r", { limit: 1 })).toEqual({ reserved: true, value: 1 });
    expect(await kv.reserve("r", { limit: 1 })).toEqual({ reserved: false, value: 1 });
    const res = await Promise.all(Array.from({ length: 50 }, () => kv.slidingWindow("rl", { limit: 10, windowMs: 60000, now: 1000 })));
    expect(res.filter((r) => r.allowed).length).toBe(10);
    console.log(name, res[49], await kv.ping());
    await h.cleanup();
  });
});
