// The monthly token quota through the chat routes. A turn holds the most it can cost before the
// model is called and settles what it really used afterwards, so parallel chats can never take a
// pro user past 5,000,000 tokens — the attack was 10 parallel chats at 4,999,990, which all got
// answered and ended at 5,015,747. Whatever way a turn ends (answered, cached, failed, cut off by
// the client, refused after the hold), its hold is gone and only real usage is counted.
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as chatRoute } from "@/app/api/chat/route";
import { POST as v1Chat } from "@/app/api/v1/chat/route";
import { GET as usageRoute } from "@/app/api/usage/route";
import { chatHooks } from "@/lib/ai/chat/chat-hooks";
import type { PreparedChat } from "@/lib/ai/chat/chat-turn-types";
import { runChat } from "@/lib/ai/chat/run-chat";
import { MAX_OUTPUT_TOKENS } from "@/lib/ai/chat/stream-answer";
import { createProviderChain, setProviderChainForTests } from "@/lib/ai/providers/get-provider-chain";
import { userPrincipal } from "@/lib/auth/principal";
import { getDatabase } from "@/lib/db/get-database";
import { AppError } from "@/lib/errors/app-error";
import { getKv } from "@/lib/kv/get-kv";
import { MIN_OUTPUT_TOKENS, quotaKeys } from "@/lib/limits/check-quota";
import { ENTITLEMENTS } from "@/lib/limits/entitlements";
import { failingModel, hangingModel, textModel, textParts } from "@/tests/fixtures/ai/mock-models";
import { nextIp, usageRows } from "@/tests/fixtures/ai/test-db";
import { parseUIStream, readChunksUntil, streamedText, waitFor } from "@/tests/fixtures/ai/ui-stream";
import { BASE_URL, callRoute } from "@/tests/helpers/call-route";
import { createTestUser, type TestUser } from "@/tests/helpers/test-users";

// Puts the users of this file on the pro plan without Stripe.
const plans = vi.hoisted(() => ({ pro: new Set<string>() }));
vi.mock("@/lib/limits/resolve-plan", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/limits/resolve-plan")>();
  return {
    resolvePlan: async (input: Parameters<typeof actual.resolvePlan>[0]) => (plans.pro.has(input.userId) ? "pro" : actual.resolvePlan(input)),
  };
});

beforeAll(() => getDatabase());
afterEach(() => setProviderChainForTests(undefined));

const LIMIT = ENTITLEMENTS.pro.tokensPerMonth;
const PROMPT_TOKENS = 200;

const context = {
  selectedRange: { address: "Sheet1!A1:B3", values: [["Item", "Cost"], ["Paper", 12.5], ["Ink", 40]], rowCount: 3, columnCount: 2 },
  workbook: { name: "Office.xlsx" },
};
const ask = (text: string) => ({ messages: [{ id: "u1", role: "user", parts: [{ type: "text", text }] }], context });

/**
 * A model that spends everything it is allowed: it reports the whole output budget it was given
 * as used, and stops for length when that budget is below the usual one.
 */
function greedyModel() {
  const budgets: number[] = [];
  const model = new MockLanguageModelV4({
    modelId: "gpt-4o-mini",
    doStream: async ({ maxOutputTokens }) => {
      const budget = maxOutputTokens ?? MAX_OUTPUT_TOKENS;
      budgets.push(budget);
      const parts = textParts(["Ink", " costs", " most."], { input: PROMPT_TOKENS, output: budget, modelId: "gpt-4o-mini" });
      const last = parts[parts.length - 1];
      if (budget < MAX_OUTPUT_TOKENS && last.type === "finish") last.finishReason = { unified: "length", raw: "length" };
      return {
        stream: new ReadableStream({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      };
    },
  });
  return { model, budgets };
}

function useModel(model: LanguageModelV4) {
  const chain = createProviderChain({ providers: [{ kind: "model", name: "primary", model }], timeoutMs: 2_000 });
  setProviderChainForTests(chain);
  return chain;
}

async function proUser(label: string, tokensUsed = 0): Promise<TestUser> {
  const user = await createTestUser(label);
  plans.pro.add(user.id);
  if (tokensUsed > 0) await getKv().set(tokensKey(user), tokensUsed, { ttlMs: 3_600_000 });
  return user;
}

const tokensKey = (user: TestUser) => quotaKeys(`user:${user.id}`, Date.now()).tokens;
const tokensUsed = async (user: TestUser) => (await getKv().get<number>(tokensKey(user))) ?? 0;
/** True once no hold is left for the user's month (the holds key goes when its last hold does). */
const noHolds = async (user: TestUser) => (await getKv().ttlMs(`${tokensKey(user)}:holds`)) === -2;
const principalOf = (user: TestUser) => userPrincipal({ id: user.id, email: user.email }, "bearer");

describe("parallel chats against the monthly token quota", () => {
  it("10 parallel chats at 4,999,990 of 5,000,000 tokens are refused before the model is called", async () => {
    const { model, budgets } = greedyModel();
    useModel(model);
    const user = await proUser("attack", LIMIT - 10);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        callRoute(v1Chat, "/api/v1/chat", { token: user.accessToken, ip: nextIp(), body: { message: `What costs most? (${i})`, context } }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(429));
    const error = responses[0].json.error;
    expect(error).toMatchObject({ code: "quota_exceeded", upgradeUrl: "/dashboard/billing", plan: "pro", period: "month", limit: LIMIT, used: LIMIT - 10 });
    expect(error.message).toMatch(/^Only 10 of the 5,000,000 tokens included in the pro plan are left this month, and this question needs at least [\d,]+\. Upgrade for more\.$/);
    expect(budgets).toHaveLength(0);
    expect(await tokensUsed(user)).toBe(LIMIT - 10);
  });

  it("10 parallel chats with room for a few, each spending all it may, end at most at the limit", async () => {
    const { model, budgets } = greedyModel();
    useModel(model);
    const user = await proUser("greedy", LIMIT - 12_000);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => callRoute(chatRoute, "/api/chat", { token: user.accessToken, ip: nextIp(), body: ask(`What costs most? (${i})`) })),
    );
    const answered = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status !== 200);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.every((r) => r.status === 429 && r.json.error.code === "quota_exceeded")).toBe(true);
    expect(budgets).toHaveLength(answered.length);
    await waitFor(() => noHolds(user));
    const used = await tokensUsed(user);
    expect(used).toBe(LIMIT - 12_000 + budgets.reduce((sum, budget) => sum + PROMPT_TOKENS + budget, 0));
    expect(used).toBeLessThanOrEqual(LIMIT);
  });

  it("50 parallel turns through the chat pipeline never end above the limit", async () => {
    // Straight into runChat with the routes' hooks: the per-minute rate limit (10) would stop
    // most of the 50 at the route before the quota is asked.
    const { model, budgets } = greedyModel();
    const chain = useModel(model);
    const user = await proUser("greedy-50", LIMIT - 20_000);
    const runs = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        runChat({ principal: principalOf(user), client: "json", message: `What costs most? (${i})`, context }, { chain, hooks: chatHooks }),
      ),
    );
    const admitted = runs.filter((r) => r.status === "fulfilled");
    expect(admitted.length).toBeGreaterThanOrEqual(1);
    for (const run of runs) {
      if (run.status === "fulfilled") await run.value.settled;
      else expect((run.reason as AppError).code).toBe("quota_exceeded");
    }
    expect(budgets).toHaveLength(admitted.length);
    expect(await noHolds(user)).toBe(true);
    const used = await tokensUsed(user);
    expect(used).toBe(LIMIT - 20_000 + budgets.reduce((sum, budget) => sum + PROMPT_TOKENS + budget, 0));
    expect(used).toBeLessThanOrEqual(LIMIT);
  });
});

describe("a turn's hold is settled however the turn ends", () => {
  it("answered: exactly the tokens the model reported are counted", async () => {
    useModel(textModel(["Ink", "."], { input: 321, output: 9, modelId: "gpt-4o-mini" }));
    const user = await proUser("settled", 1_000);
    const { status } = await callRoute(chatRoute, "/api/chat", { token: user.accessToken, ip: nextIp(), body: ask("Which is dearest?") });
    expect(status).toBe(200);
    await waitFor(() => noHolds(user));
    expect(await tokensUsed(user)).toBe(1_000 + 330);
  });

  it("with only the last tokens left, the answer is capped to them, says so, and is not cached", async () => {
    const { model, budgets } = greedyModel();
    const chain = useModel(model);
    const user = await proUser("capped");
    // What this question's prompt is estimated at, as the quota sees it.
    let estimate: PreparedChat["estimate"] | undefined;
    await runChat(
      { principal: principalOf(user), client: "ui", messages: ask("What costs most?").messages as never, context },
      {
        chain,
        hooks: {
          beforeModel: async (chat) => {
            estimate = chat.estimate;
            throw new AppError("quota_exceeded", "measuring only");
          },
        },
      },
    ).catch(() => {});
    expect(estimate!.maxOutputTokens).toBe(MAX_OUTPUT_TOKENS);
    const left = estimate!.inputTokens + 700;
    await getKv().set(tokensKey(user), LIMIT - left, { ttlMs: 3_600_000 });

    const capped = await callRoute(chatRoute, "/api/chat", { token: user.accessToken, ip: nextIp(), body: ask("What costs most?") });
    expect(capped.status).toBe(200);
    expect(budgets).toEqual([700]);
    expect(streamedText(parseUIStream(capped.text))).toBe(
      "Ink costs most.\n\nThis answer stopped early: it used the last tokens included in your plan this month. Upgrade for more.",
    );
    await waitFor(() => noHolds(user));
    expect(await tokensUsed(user)).toBe(LIMIT - left + PROMPT_TOKENS + 700);
    expect(await tokensUsed(user)).toBeLessThanOrEqual(LIMIT);

    // Less than the prompt plus a short answer is left now: refused, naming what is left.
    const refused = await callRoute(chatRoute, "/api/chat", { token: user.accessToken, ip: nextIp(), body: ask("And the cheapest?") });
    expect(refused.status).toBe(429);
    expect(refused.json.error).toMatchObject({ code: "quota_exceeded", needed: estimate!.inputTokens + MIN_OUTPUT_TOKENS });

    // A new month's worth: the same question reaches the model again (the cut answer was not cached).
    await new Promise((resolve) => setTimeout(resolve, 100));
    await getKv().set(tokensKey(user), 0, { ttlMs: 3_600_000 });
    const full = await callRoute(chatRoute, "/api/chat", { token: user.accessToken, ip: nextIp(), body: ask("What costs most?") });
    expect(streamedText(parseUIStream(full.text))).toBe("Ink costs most.");
    expect(budgets).toEqual([700, MAX_OUTPUT_TOKENS]);
  });

  it("a failed model call (the offline analyst answers) counts nothing and releases the hold", async () => {
    useModel(failingModel(500));
    const user = await proUser("failed", 5_000);
    const { status, json } = await callRoute(v1Chat, "/api/v1/chat", { token: user.accessToken, ip: nextIp(), body: { message: "Sum the costs", context } });
    expect(status).toBe(200);
    expect(json.metadata.provider).not.toBe("primary");
    await waitFor(() => noHolds(user));
    expect(await tokensUsed(user)).toBe(5_000);
  });

  it("a cached answer costs nothing and holds nothing", async () => {
    useModel(textModel(["Ink."], { input: 200, output: 10, modelId: "gpt-4o-mini" }));
    const user = await proUser("cached");
    await callRoute(chatRoute, "/api/chat", { token: user.accessToken, ip: nextIp(), body: ask("Dearest item?") });
    await waitFor(() => noHolds(user));
    await new Promise((resolve) => setTimeout(resolve, 100)); // the cache write follows the answer
    const again = await callRoute(chatRoute, "/api/chat", { token: user.accessToken, ip: nextIp(), body: ask("Dearest item?") });
    expect(parseUIStream(again.text).at(-1)?.messageMetadata).toMatchObject({ cached: true });
    await waitFor(() => noHolds(user));
    expect(await tokensUsed(user)).toBe(210);
  });

  it("a client that leaves mid-answer is charged what was produced, and the rest is released", async () => {
    useModel(textModel(Array.from({ length: 30 }, (_, i) => `w${i} `), { delayMs: 40 }));
    const user = await proUser("left", 2_000);
    const response = await chatRoute(
      new Request(`${BASE_URL}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${user.accessToken}`, "x-forwarded-for": nextIp() },
        body: JSON.stringify(ask("Write a long answer")),
      }),
    );
    const { reader } = await readChunksUntil(response, (chunks) => chunks.filter((c) => c.type === "text-delta").length >= 3);
    await reader.cancel();
    await waitFor(() => noHolds(user));
    const [row] = await waitFor(async () => ((await usageRows(user.id)).length === 1 ? usageRows(user.id) : null));
    expect(row.completion_tokens).toBeGreaterThan(0);
    expect(await tokensUsed(user)).toBe(2_000 + row.prompt_tokens + row.completion_tokens);
  });

  it("a turn refused after its hold (someone else's conversation) gives the hold back", async () => {
    useModel(textModel(["Mine."]));
    const owner = await proUser("owner");
    const intruder = await proUser("intruder", 3_000);
    const first = await callRoute(v1Chat, "/api/v1/chat", { token: owner.accessToken, ip: nextIp(), body: { message: "Hello", context } });
    const conversationId = first.json.metadata.conversationId as string;
    // The model is asked while the question is stored; this one never answers, so the call the
    // 404 stops has spent nothing.
    useModel(hangingModel());
    const stolen = await callRoute(v1Chat, "/api/v1/chat", {
      token: intruder.accessToken,
      ip: nextIp(),
      body: { message: "Read it", context, conversationId },
    });
    expect(stolen.status).toBe(404);
    await waitFor(() => noHolds(intruder), 2_000);
    expect(await tokensUsed(intruder)).toBe(3_000);
  });

  it("GET /api/usage counts settled tokens only, never an answer in progress as well", async () => {
    useModel(textModel(Array.from({ length: 10 }, (_, i) => `w${i} `), { input: 200, output: 10, delayMs: 40 }));
    const user = await proUser("usage", 1_000);
    const response = await chatRoute(
      new Request(`${BASE_URL}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${user.accessToken}`, "x-forwarded-for": nextIp() },
        body: JSON.stringify(ask("Describe the costs")),
      }),
    );
    const { reader } = await readChunksUntil(response, (chunks) => chunks.some((c) => c.type === "text-delta"));
    expect(await noHolds(user)).toBe(false);
    const during = await callRoute(usageRoute, "/api/usage", { token: user.accessToken });
    expect(during.json.tokens).toEqual({ used: 1_000, limit: LIMIT, remaining: LIMIT - 1_000 });
    while (!(await reader.read()).done);
    await waitFor(() => noHolds(user));
    const after = await callRoute(usageRoute, "/api/usage", { token: user.accessToken });
    expect(after.json.tokens).toEqual({ used: 1_210, limit: LIMIT, remaining: LIMIT - 1_210 });
  });
});
