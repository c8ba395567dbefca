// The provider adapters against a local fake OpenAI/Azure server speaking the real wire format,
// and the fallback chain, circuit breaker and usage accounting through the chat routes.
import { generateText, streamText } from "ai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as chatRoute } from "@/app/api/chat/route";
import { POST as v1Chat } from "@/app/api/v1/chat/route";
import { INCOMPLETE_ANSWER_TEXT } from "@/lib/ai/chat/answer-outcome";
import { costMicros } from "@/lib/ai/pricing";
import { createProviderChain, setProviderChainForTests } from "@/lib/ai/providers/get-provider-chain";
import { defaultBreakerRegistry, listBreakerStates } from "@/lib/ai/providers/circuit-breaker";
import type { ProviderSpec } from "@/lib/ai/providers/provider-types";
import { getDatabase } from "@/lib/db/get-database";
import { callRoute } from "@/tests/helpers/call-route";
import { createTestUser, type TestUser } from "@/tests/helpers/test-users";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "@/tests/fixtures/ai/fake-openai-server";
import { parseUIStream, streamedText, waitFor } from "@/tests/fixtures/ai/ui-stream";
import { nextIp, storedMessages, textOfParts, usageRows } from "@/tests/fixtures/ai/test-db";

let server: FakeOpenAIServer;
let user: TestUser;

beforeAll(async () => {
  server = await startFakeOpenAIServer();
  await getDatabase();
  user = await createTestUser("providers");
});
afterAll(() => server.close());
afterEach(() => {
  setProviderChainForTests(undefined);
  server.requests.length = 0;
  server.setDefault({ kind: "answer", text: ["Hello", " from", " the", " fake", " server."], usage: { prompt: 42, completion: 5 } });
});

const azure = (): ProviderSpec => ({ kind: "azure", apiKey: server.keys.azure, baseURL: `${server.url}/openai`, deployment: "excel-gpt4o", apiVersion: "2024-10-21" });
const openai = (): ProviderSpec => ({ kind: "openai", apiKey: server.keys.bearer, baseURL: `${server.url}/v1`, model: "gpt-4o-mini" });

function install(providers: ProviderSpec[], options: { timeoutMs?: number; failureThreshold?: number; cooldownMs?: number } = {}) {
  const chain = createProviderChain({
    providers,
    timeoutMs: options.timeoutMs ?? 2_000,
    breaker: { failureThreshold: options.failureThreshold ?? 3, cooldownMs: options.cooldownMs ?? 30_000 },
  });
  setProviderChainForTests(chain);
  return chain;
}

const context = {
  selectedRange: { address: "Sheet1!A1:B4", values: [["Item", "Amount"], ["Rent", 1200], ["Food", 450], ["Travel", 300]] },
  worksheet: { name: "Sheet1" },
};

// Every question is new (a numbered suffix), so the per-user response cache never answers
// in place of the providers these tests are about.
let asked = 0;
async function ask(message: string) {
  const { status, text, headers } = await callRoute(chatRoute, "/api/chat", {
    token: user.accessToken,
    ip: nextIp(),
    body: { messages: [{ id: "m", role: "user", parts: [{ type: "text", text: `${message} (question ${++asked})` }] }], context },
  });
  expect(status).toBe(200);
  const chunks = parseUIStream(text);
  return { chunks, text: streamedText(chunks), finish: chunks.find((c) => c.type === "finish")!, conversationId: headers.get("x-conversation-id")! };
}

describe("provider adapters on the wire", () => {
  it("OpenAI: Chat Completions with a bearer key, streaming with the include_usage chunk", async () => {
    install([openai()]);
    const before = (await usageRows(user.id)).length;
    const answer = await ask("Total the amounts");
    expect(answer.text).toBe("Hello from the fake server.");
    const [request] = server.requests;
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.headers.authorization).toBe(`Bearer ${server.keys.bearer}`);
    expect(request.body).toMatchObject({ model: "gpt-4o-mini", stream: true, stream_options: { include_usage: true } });
    expect(request.body.messages[0].role).toBe("system");
    expect(request.body.tools.map((t: { function: { name: string } }) => t.function.name)).toContain("write_range");
    expect(answer.finish.messageMetadata).toMatchObject({ provider: "openai", model: "gpt-4o-mini", usage: { inputTokens: 42, outputTokens: 5, estimated: false } });
    const rows = await waitFor(async () => {
      const all = await usageRows(user.id);
      return all.length > before ? all : null;
    });
    expect(rows.at(-1)).toMatchObject({ provider: "openai", model: "gpt-4o-mini", prompt_tokens: 42, completion_tokens: 5, cached: false });
    expect(Number(rows.at(-1)!.cost_micros)).toBe(costMicros({ model: "gpt-4o-mini", inputTokens: 42, outputTokens: 5 }));
    expect(Number(rows.at(-1)!.cost_micros)).toBe(10); // 42 × 0.15 + 5 × 0.6 = 9.3 → 10 µ$
  });

  it("Azure (dated API version): /openai/deployments/<deployment>/chat/completions?api-version=… with the api-key header", async () => {
    install([azure()]);
    const answer = await ask("Hello");
    expect(answer.text).toBe("Hello from the fake server.");
    const [request] = server.requests;
    expect(request.path).toBe("/openai/deployments/excel-gpt4o/chat/completions");
    expect(request.query["api-version"]).toBe("2024-10-21");
    expect(request.headers["api-key"]).toBe(server.keys.azure);
    expect(request.headers.authorization).toBeUndefined();
    expect(answer.finish.messageMetadata).toMatchObject({ provider: "azure", usage: { inputTokens: 42, outputTokens: 5 } });
  });

  it("Azure (v1 API): /openai/v1/chat/completions with the deployment as the model", async () => {
    install([{ kind: "azure", apiKey: server.keys.azure, baseURL: `${server.url}/openai/v1`, deployment: "excel-gpt4o" }]);
    await ask("Hello");
    const [request] = server.requests;
    expect(request.path).toBe("/openai/v1/chat/completions");
    expect(request.body.model).toBe("excel-gpt4o");
    expect(request.headers["api-key"]).toBe(server.keys.azure);
  });

  it("OpenAI-compatible server (Ollama, LM Studio, vLLM)", async () => {
    install([{ kind: "compatible", baseURL: `${server.url}/v1`, model: "llama3.1:8b", apiKey: server.keys.bearer }]);
    const answer = await ask("Hello");
    expect(answer.text).toBe("Hello from the fake server.");
    expect(server.requests[0].body).toMatchObject({ model: "llama3.1:8b", stream: true, stream_options: { include_usage: true } });
    expect(answer.finish.messageMetadata).toMatchObject({ provider: "compatible", model: "llama3.1:8b", usage: { inputTokens: 42, outputTokens: 5 } });
  });

  it("non-streaming JSON responses and streamed tool calls parse through the same adapters", async () => {
    const chain = install([openai()]);
    server.script({ kind: "answer", text: ["Plain", " JSON"], usage: { prompt: 7, completion: 2 } });
    const generated = await generateText({ model: chain.providers[0].model, prompt: "hi", maxRetries: 0 });
    expect(generated.text).toBe("Plain JSON");
    expect(generated.usage).toMatchObject({ inputTokens: 7, outputTokens: 2 });
    expect(server.requests[0].body.stream).toBeFalsy();

    server.script({ kind: "tool_call", name: "write_range", arguments: { address: "C2:C4", formulas: [["=B2*2"], ["=B3*2"], ["=B4*2"]], explanation: "Double" }, usage: { prompt: 80, completion: 20 } });
    const answer = await ask("Double the amounts into column C");
    expect(answer.chunks.find((c) => c.type === "tool-input-available")).toMatchObject({ toolName: "write_range", input: { address: "C2:C4" }, toolMetadata: { validated: true, cells: 3 } });

    const streamed = streamText({ model: chain.providers[0].model, prompt: "x", maxRetries: 0 });
    expect(await streamed.text).toBe("Hello from the fake server.");
  });
});

describe("fallback chain", () => {
  it.each([
    [{ kind: "status", status: 429, message: "Rate limit reached" } as const, "rate_limited"],
    [{ kind: "status", status: 500, message: "Internal server error" } as const, "server_error"],
    [{ kind: "status", status: 503 } as const, "server_error"],
  ])("falls back to the next provider when the first fails before any text (%o)", async (scenario, reason) => {
    install([azure(), openai()]);
    server.script(scenario);
    const answer = await ask("Hello");
    expect(server.requests.map((r) => r.path)).toEqual(["/openai/deployments/excel-gpt4o/chat/completions", "/v1/chat/completions"]);
    expect(answer.text).toBe("Hello from the fake server.");
    expect(answer.finish.messageMetadata).toMatchObject({ status: "complete", provider: "openai", fallback: [{ provider: "azure", reason }] });
    const rows = await waitFor(async () => {
      const stored = await storedMessages(answer.conversationId);
      return stored.length === 2 ? stored : null;
    });
    expect(rows[1]).toMatchObject({ provider: "openai", status: "complete" });
  });

  it("falls back when the first provider never sends a first token (timeout per attempt)", async () => {
    install([azure(), openai()], { timeoutMs: 300 });
    server.script({ kind: "hang" });
    const started = performance.now();
    const answer = await ask("Hello");
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(answer.text).toBe("Hello from the fake server.");
    expect(answer.finish.messageMetadata.fallback).toEqual([{ provider: "azure", reason: "timeout" }]);
  });

  it("does not switch providers once text has streamed: a cut stream ends the answer as incomplete, with an error part", async () => {
    install([azure(), openai()]);
    server.script({ kind: "cut", text: ["The", " total", " is", " 1,950", " and"], afterChunks: 3 });
    const answer = await ask("Total?");
    expect(server.requests).toHaveLength(1); // no silent switch to OpenAI
    expect(answer.text).toBe("The total is");
    const error = answer.chunks.find((c) => c.type === "error")!;
    expect(error.errorText).toBe(INCOMPLETE_ANSWER_TEXT);
    expect(answer.chunks.indexOf(error)).toBeLessThan(answer.chunks.findIndex((c) => c.type === "finish"));
    expect(answer.finish).toMatchObject({ finishReason: "error", messageMetadata: { status: "incomplete", provider: "azure" } });
    expect(answer.finish.messageMetadata.usage.estimated).toBe(true);

    const assistant = await waitFor(async () => (await storedMessages(answer.conversationId)).find((m) => m.role === "assistant"));
    expect(assistant.status).toBe("incomplete");
    expect(textOfParts(assistant.parts)).toBe("The total is");
    const [row] = await waitFor(async () => {
      const mine = (await usageRows(user.id)).filter((r) => r.conversation_id === answer.conversationId);
      return mine.length === 1 ? mine : null;
    });
    // The provider sent no usage before the cut, so tokens are estimated — never recorded as free.
    expect(row.provider).toBe("azure");
    expect(row.prompt_tokens).toBeGreaterThan(100);
    expect(row.completion_tokens).toBeGreaterThan(0);
    expect(Number(row.cost_micros)).toBeGreaterThan(0);
  });

  it("opens the breaker after consecutive failures, skips the provider, and half-opens after the cool-down", async () => {
    // The cool-down is long enough that a busy CI machine cannot slip past it between asks.
    const chain = install([azure(), openai()], { failureThreshold: 2, cooldownMs: 2_000 });
    const azureCalls = () => server.requests.filter((r) => r.path.startsWith("/openai/")).length;

    server.script({ kind: "status", status: 500 }, { kind: "answer", text: ["one"] });
    await ask("1");
    server.script({ kind: "status", status: 500 }, { kind: "answer", text: ["two"] });
    await ask("2");
    expect(chain.breakers.get("azure").snapshot()).toMatchObject({ state: "open", consecutiveFailures: 2, lastFailure: "server_error 500" });

    // Open: Azure is not even called.
    const skipped = await ask("3");
    expect(azureCalls()).toBe(2);
    expect(skipped.finish.messageMetadata.fallback).toEqual([{ provider: "azure", reason: "circuit_open" }]);
    expect(skipped.finish.messageMetadata.provider).toBe("openai");

    // After the cool-down one trial goes through; it succeeds and the breaker closes.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(chain.breakers.get("azure").state).toBe("half_open");
    const trial = await ask("4");
    expect(azureCalls()).toBe(3);
    expect(trial.finish.messageMetadata.provider).toBe("azure");
    expect(chain.breakers.list().find((b) => b.provider === "azure")).toMatchObject({ state: "closed", consecutiveFailures: 0 });
  });

  it("a failed half-open trial opens the breaker again", async () => {
    const chain = install([azure(), openai()], { failureThreshold: 1, cooldownMs: 1_500 });
    server.script({ kind: "status", status: 502 });
    await ask("1");
    expect(chain.breakers.get("azure").state).toBe("open");
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    server.script({ kind: "status", status: 429 });
    const answer = await ask("2");
    expect(answer.finish.messageMetadata.fallback).toEqual([{ provider: "azure", reason: "rate_limited" }]);
    expect(chain.breakers.get("azure").snapshot()).toMatchObject({ state: "open", lastFailure: "rate_limited 429" });
  });

  it("a wrong key fails over too, and is counted against the provider", async () => {
    const chain = install([{ ...azure(), apiKey: "wrong" } as ProviderSpec, openai()]);
    const answer = await ask("Hello");
    expect(answer.finish.messageMetadata.fallback).toEqual([{ provider: "azure", reason: "rejected" }]);
    expect(chain.breakers.get("azure").snapshot().consecutiveFailures).toBe(1);
  });

  it("when every provider fails, the offline analyst answers with real figures and says the providers were unavailable", async () => {
    install([azure(), openai()]);
    server.script({ kind: "status", status: 500 }, { kind: "status", status: 429 });
    const { status, json } = await callRoute(v1Chat, "/api/v1/chat", { token: user.accessToken, ip: nextIp(), body: { message: "Summarise my spending", context } });
    expect(status).toBe(200);
    expect(json.response.split("\n")[0]).toBe(
      "> **No AI model answered this.** Azure OpenAI and OpenAI were unavailable just now, so this is the built-in offline analysis, computed directly from your cells. Ask again in a moment for a full answer.",
    );
    expect(json.response).toContain("min 300 · max 1,200 · mean 650 · median 450 · sum 1,950");
    expect(json.metadata).toMatchObject({ provider: "offline", model: "offline-analyst", offline: true, status: "complete", usage: { promptTokens: 0, completionTokens: 0, costMicros: 0 } });
    const rows = (await usageRows(user.id)).filter((r) => r.conversation_id === json.metadata.conversationId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: "offline", model: "offline-analyst", prompt_tokens: 0, completion_tokens: 0, service_type: "analysis" });
    expect(Number(rows[0].cost_micros)).toBe(0);
  });

  it("the environment's chain registers its breakers in the process-wide registry listed for health", () => {
    createProviderChain({ providers: [openai()], timeoutMs: 1_000, breakers: defaultBreakerRegistry() });
    expect(listBreakerStates().map((s) => s.provider)).toContain("openai");
    expect(listBreakerStates().find((s) => s.provider === "openai")!.state).toBe("closed");
  });
});
