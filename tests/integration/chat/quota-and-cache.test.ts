// Plan quotas and the AI response cache wired into the chat routes.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as chatRoute } from "@/app/api/chat/route";
import { POST as v1Chat } from "@/app/api/v1/chat/route";
import { GET as usageRoute } from "@/app/api/usage/route";
import { createProviderChain, setProviderChainForTests } from "@/lib/ai/providers/get-provider-chain";
import { getDatabase } from "@/lib/db/get-database";
import { getKv } from "@/lib/kv/get-kv";
import { quotaKeys } from "@/lib/limits/check-quota";
import { ENTITLEMENTS } from "@/lib/limits/entitlements";
import { callRoute } from "@/tests/helpers/call-route";
import { createTestUser } from "@/tests/helpers/test-users";
import { textModel } from "@/tests/fixtures/ai/mock-models";
import { parseUIStream, streamedText, waitFor } from "@/tests/fixtures/ai/ui-stream";
import { nextIp, usageRows } from "@/tests/fixtures/ai/test-db";

beforeAll(() => getDatabase());
afterEach(() => setProviderChainForTests(undefined));

function useCountingModel(words: string[]) {
  const model = textModel(words, { input: 200, output: 10, modelId: "gpt-4o-mini" });
  setProviderChainForTests(createProviderChain({ providers: [{ kind: "model", name: "primary", model }], timeoutMs: 2_000 }));
  return model;
}

const context = {
  selectedRange: { address: "Sheet1!A1:B3", values: [["Item", "Cost"], ["Paper", 12.5], ["Ink", 40]], rowCount: 3, columnCount: 2 },
  workbook: { name: "Office.xlsx" },
};
const ask = (text: string) => ({ messages: [{ id: "u1", role: "user", parts: [{ type: "text", text }] }], context });

describe("the response cache", () => {
  it("answers a repeated question from the cache: same text, marked cached, no model call, cost 0", async () => {
    const model = useCountingModel(["Ink", " costs", " 40."]);
    const user = await createTestUser("cache");
    const first = await callRoute(chatRoute, "/api/chat", { token: user.accessToken, ip: nextIp(), body: ask("What costs most?") });
    expect(streamedText(parseUIStream(first.text))).toBe("Ink costs 40.");
    await waitFor(async () => ((await usageRows(user.id)).length === 1 ? true : null));
    // The cache write is fire-and-forget after the answer: give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 100));

    const second = await callRoute(chatRoute, "/api/chat", { token: user.accessToken, ip: nextIp(), body: ask("What  costs most? ") });
    const chunks = parseUIStream(second.text);
    expect(streamedText(chunks)).toBe("Ink costs 40.");
    expect(chunks.find((c) => c.type === "finish")?.messageMetadata).toMatchObject({ cached: true });
    expect(model.doStreamCalls).toHaveLength(1);

    const rows = await waitFor(async () => {
      const list = await usageRows(user.id);
      return list.length === 2 ? list : null;
    });
    const cachedRow = rows.find((row) => row.cached)!;
    expect(cachedRow).toMatchObject({ prompt_tokens: 0, completion_tokens: 0 });
    expect(Number(cachedRow.cost_micros)).toBe(0);

    const usage = await callRoute(usageRoute, "/api/usage", { token: user.accessToken });
    expect(usage.json.cache).toMatchObject({ hits: 1, total: 2, hitRate: 0.5 });
  });

  it("never serves one user's cached answer to another", async () => {
    const model = useCountingModel(["Paper", " is", " cheapest."]);
    const a = await createTestUser("cache-a");
    const b = await createTestUser("cache-b");
    await callRoute(chatRoute, "/api/chat", { token: a.accessToken, ip: nextIp(), body: ask("Which is cheapest?") });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const answerB = await callRoute(chatRoute, "/api/chat", { token: b.accessToken, ip: nextIp(), body: ask("Which is cheapest?") });
    expect(parseUIStream(answerB.text).find((c) => c.type === "finish")?.messageMetadata).toMatchObject({ cached: false });
    expect(model.doStreamCalls).toHaveLength(2);
  });

  it("a different selection is a different question", async () => {
    const model = useCountingModel(["ok"]);
    const user = await createTestUser("cache-ctx");
    await callRoute(chatRoute, "/api/chat", { token: user.accessToken, ip: nextIp(), body: ask("Sum it") });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const changed = { ...ask("Sum it"), context: { ...context, selectedRange: { ...context.selectedRange, values: [["Item", "Cost"], ["Paper", 13], ["Ink", 40]] } } };
    await callRoute(chatRoute, "/api/chat", { token: user.accessToken, ip: nextIp(), body: changed });
    expect(model.doStreamCalls).toHaveLength(2);
  });
});

describe("plan quotas", () => {
  it("refuses the chat after the plan's daily requests, before calling the model, with an upgrade URL", async () => {
    const model = useCountingModel(["fine"]);
    const user = await createTestUser("quota");
    const limit = ENTITLEMENTS.free.requestsPerDay;
    // Bring the day's counter to the limit directly: the boundary is what matters here.
    await getKv().set(quotaKeys(`user:${user.id}`, Date.now()).requests, limit - 1, { ttlMs: 60_000 });
    const last = await callRoute(v1Chat, "/api/v1/chat", { token: user.accessToken, ip: nextIp(), body: { message: "One more?" } });
    expect(last.status).toBe(200);
    const over = await callRoute(v1Chat, "/api/v1/chat", { token: user.accessToken, ip: nextIp(), body: { message: "And another?" } });
    expect(over.status).toBe(429);
    expect(over.json.error).toMatchObject({ code: "quota_exceeded", upgradeUrl: expect.stringContaining("/dashboard/billing"), limit });
    expect(over.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(model.doStreamCalls).toHaveLength(1);
  });

  it("counts the model's tokens against the monthly allowance and refuses when it is spent", async () => {
    useCountingModel(["counted"]);
    const user = await createTestUser("tokens");
    await callRoute(v1Chat, "/api/v1/chat", { token: user.accessToken, ip: nextIp(), body: { message: "Count me" } });
    const tokensKey = quotaKeys(`user:${user.id}`, Date.now()).tokens;
    const used = await waitFor(async () => ((await getKv().get<number>(tokensKey)) ?? 0) || null);
    expect(used).toBe(210);
    await getKv().set(tokensKey, ENTITLEMENTS.free.tokensPerMonth, { ttlMs: 60_000 });
    const over = await callRoute(v1Chat, "/api/v1/chat", { token: user.accessToken, ip: nextIp(), body: { message: "Again" } });
    expect(over.status).toBe(429);
    expect(over.json.error.code).toBe("quota_exceeded");
  });

  it("limits guests per IP, whatever session they rotate", async () => {
    useCountingModel(["hi"]);
    const ip = nextIp();
    for (let i = 0; i < ENTITLEMENTS.guest.requestsPerDay; i++) {
      const ok = await callRoute(v1Chat, "/api/v1/chat", { ip, body: { message: `Question ${i}` } });
      expect(ok.status).toBe(200);
    }
    const over = await callRoute(v1Chat, "/api/v1/chat", { ip, body: { message: "One too many" } });
    expect(over.status).toBe(429);
    expect(over.json.error.code).toBe("quota_exceeded");
  });
});
