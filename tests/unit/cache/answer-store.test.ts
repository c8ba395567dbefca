// Storing and reading cached answers on each KV adapter (memory, Redis over TCP, Upstash REST
// through the local fake), the 7-day TTL, what is refused, and a KV that is down: reads are a
// miss and writes are skipped, never an error.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getCachedAnswer, putCachedAnswer } from "@/lib/ai/cache/answer-store";
import { userCacheScope } from "@/lib/ai/cache/cache-scope";
import { CACHE_TTL_MS, MAX_CACHED_ANSWER_BYTES, toCachedAnswer, type AnswerInput } from "@/lib/ai/cache/cached-answer";
import { computeCacheKey } from "@/lib/ai/cache/compute-cache-key";
import { createKv } from "@/lib/kv/create-kv";
import type { Kv } from "@/lib/kv/kv";
import { createMemoryKv } from "@/lib/kv/memory";
import { ADAPTERS, startKvHarness, type KvHarness } from "@/tests/fixtures/kv/kv-adapters";

const DAY_MS = 86_400_000;

function keyFor(question: string, userId = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa") {
  return computeCacheKey({
    scope: userCacheScope(userId),
    model: "gpt-4o-mini",
    provider: "openai",
    messages: [{ role: "user", parts: [{ type: "text", text: question }] }],
    context: null,
  });
}

const ANSWER: AnswerInput = {
  parts: [
    { type: "step-start" },
    { type: "reasoning", text: "private chain of thought", state: "done" },
    { type: "text", text: "North grew fastest.", state: "done", providerMetadata: { openai: { itemId: "msg_1" } } },
    {
      type: "tool-writeFormula",
      toolCallId: "call_1",
      state: "input-available",
      input: { range: "O4", formula: "=SUM(C4:N4)" },
      callProviderMetadata: { openai: { itemId: "fc_1" } },
    },
  ],
  model: "gpt-4o-mini",
  provider: "openai",
  usage: { inputTokens: 120, outputTokens: 30, totalTokens: 150 },
  finishReason: "tool-calls",
  createdAt: "2030-03-14T10:00:00.000Z",
};

describe.each(ADAPTERS)("answer store on %s", (adapter) => {
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

  it("misses, then returns what was stored, without metadata or reasoning", async () => {
    const key = keyFor("Which region grew fastest?");
    expect(await getCachedAnswer({ key, kv })).toBeNull();
    expect(await putCachedAnswer({ key, answer: ANSWER, kv })).toBe(true);
    expect(await getCachedAnswer({ key, kv })).toEqual({
      parts: [
        { type: "step-start" },
        { type: "text", text: "North grew fastest." },
        { type: "tool-writeFormula", toolCallId: "call_1", state: "input-available", input: { range: "O4", formula: "=SUM(C4:N4)" } },
      ],
      model: "gpt-4o-mini",
      provider: "openai",
      usage: { inputTokens: 120, outputTokens: 30, totalTokens: 150 },
      finishReason: "tool-calls",
      createdAt: "2030-03-14T10:00:00.000Z",
    });
    // Another user's key for the same question is a different entry.
    expect(await getCachedAnswer({ key: keyFor("Which region grew fastest?", "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"), kv })).toBeNull();
  });

  it("stores entries for 7 days", async () => {
    const key = keyFor("ttl");
    await putCachedAnswer({ key, answer: ANSWER, kv });
    const ttl = await kv.ttlMs(key);
    expect(ttl).toBeGreaterThan(CACHE_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(CACHE_TTL_MS);
  });

  it("treats an unreadable entry as a miss", async () => {
    const key = keyFor("corrupt");
    await kv.set(key, { parts: "not parts" });
    expect(await getCachedAnswer({ key, kv })).toBeNull();
    await kv.set(key, "plain text");
    expect(await getCachedAnswer({ key, kv })).toBeNull();
  });
});

describe("cache expiry", () => {
  it("is gone after 7 days", async () => {
    let now = Date.UTC(2030, 2, 14);
    const kv = createMemoryKv({ clock: () => now });
    const key = keyFor("expiry");
    await putCachedAnswer({ key, answer: ANSWER, kv });
    now += 7 * DAY_MS - 1;
    expect(await getCachedAnswer({ key, kv })).not.toBeNull();
    now += 1;
    expect(await getCachedAnswer({ key, kv })).toBeNull();
    await kv.close();
  });
});

describe("what is cacheable", () => {
  const kv = createMemoryKv();
  afterAll(async () => {
    await kv.close();
  });

  it.each([
    ["an empty answer", [{ type: "text", text: "  " }]],
    ["a tool call still streaming", [{ type: "tool-chart", toolCallId: "c", state: "input-streaming", input: {} }]],
    ["a failed tool call", [{ type: "tool-chart", toolCallId: "c", state: "output-error", input: {}, errorText: "boom" }]],
    [
      "a tool call waiting for approval",
      [{ type: "tool-chart", toolCallId: "c", state: "approval-requested", input: {}, approval: { id: "a" } }],
    ],
  ])("refuses %s", async (_label, parts) => {
    const key = keyFor(`refuse ${_label}`);
    expect(await putCachedAnswer({ key, answer: { ...ANSWER, parts }, kv })).toBe(false);
    expect(await kv.get(key)).toBeNull();
  });

  it("refuses an answer too large for a KV value", () => {
    const text = "x".repeat(MAX_CACHED_ANSWER_BYTES + 1);
    expect(toCachedAnswer({ ...ANSWER, parts: [{ type: "text", text }] })).toMatchObject({ ok: false });
  });

  it("keeps tool output when the tool ran on the server, and totals usage when not given", () => {
    const result = toCachedAnswer({
      parts: [{ type: "dynamic-tool", toolName: "lookup", toolCallId: "d1", state: "output-available", input: { q: 1 }, output: { rows: 2 } }],
      model: "m",
      provider: "mock",
      usage: { inputTokens: 3, outputTokens: 4 },
    });
    expect(result).toMatchObject({
      ok: true,
      answer: {
        parts: [{ type: "dynamic-tool", toolName: "lookup", toolCallId: "d1", state: "output-available", input: { q: 1 }, output: { rows: 2 } }],
        usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      },
    });
  });

  it("only accepts keys made by computeCacheKey", async () => {
    await expect(getCachedAnswer({ key: "quota:req:user:a", kv })).rejects.toThrow(TypeError);
    await expect(putCachedAnswer({ key: "anything", answer: ANSWER, kv })).rejects.toThrow(TypeError);
  });
});

describe.each([
  ["redis", () => createKv({ redisUrl: "redis://127.0.0.1:1" })],
  ["upstash", () => createKv({ restUrl: "http://127.0.0.1:1", restToken: "token" })],
])("KV down (%s on a closed port)", (_name, make) => {
  const kv = make();
  afterAll(async () => {
    await kv.close();
  });

  it("a read is a miss and a write is skipped, quickly and without throwing", async () => {
    const key = keyFor("down");
    const started = performance.now();
    await expect(getCachedAnswer({ key, kv })).resolves.toBeNull();
    await expect(putCachedAnswer({ key, answer: ANSWER, kv })).resolves.toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("a KV that fails in an unexpected way", () => {
  it("is still a miss, not an error", async () => {
    const broken = {
      get: async () => {
        throw new Error("unexpected");
      },
      set: async () => {
        throw new Error("unexpected");
      },
    } as unknown as Kv;
    const key = keyFor("broken");
    await expect(getCachedAnswer({ key, kv: broken })).resolves.toBeNull();
    await expect(putCachedAnswer({ key, answer: ANSWER, kv: broken })).resolves.toBe(false);
  });
});
