import { describe, expect, it } from "vitest";
import { streamText } from "ai";
import { createMockLanguageModel, mockAnswerTokens } from "@/lib/ai/providers/mock-language-model";
import { createProviderChain, providerSpecsFromEnv } from "@/lib/ai/providers/get-provider-chain";
import { parseEnv } from "@/lib/env";

describe("mock language model", () => {
  it("streams exactly MOCK_MODEL_TOKENS tokens and reports them as usage", async () => {
    const model = createMockLanguageModel({ tokens: 7, delayMs: 0 });
    const result = streamText({ model, prompt: "hello there" });
    const deltas: string[] = [];
    for await (const part of result.stream) if (part.type === "text-delta") deltas.push(part.text);
    expect(deltas).toEqual(mockAnswerTokens(7));
    expect(deltas).toHaveLength(7);
    const usage = await result.totalUsage;
    expect(usage.outputTokens).toBe(7);
    expect(usage.inputTokens).toBeGreaterThan(0);
  });

  it("waits MOCK_MODEL_DELAY_MS per token", async () => {
    const model = createMockLanguageModel({ tokens: 5, delayMs: 20 });
    const started = performance.now();
    const result = streamText({ model, prompt: "x" });
    await result.consumeStream();
    expect(performance.now() - started).toBeGreaterThanOrEqual(5 * 20 - 5);
  });

  it("is only in the chain when AI_PROVIDER_ORDER names it", () => {
    expect(providerSpecsFromEnv(parseEnv({ AI_PROVIDER_ORDER: "azure,openai" }))).toEqual([]);
    const specs = providerSpecsFromEnv(parseEnv({ AI_PROVIDER_ORDER: "mock", MOCK_MODEL_TOKENS: "12", MOCK_MODEL_DELAY_MS: "3" }));
    expect(specs).toEqual([{ kind: "mock", tokens: 12, delayMs: 3 }]);
    expect(createProviderChain({ providers: specs, timeoutMs: 1_000 }).providers.map((p) => p.name)).toEqual(["mock"]);
  });

  it("builds the chain from the environment in AI_PROVIDER_ORDER, skipping unconfigured providers", () => {
    const env = parseEnv({
      AI_PROVIDER_ORDER: "openai,compatible,azure",
      OPENAI_API_KEY: "sk-x",
      AZURE_OPENAI_API_KEY: "az",
      AZURE_OPENAI_RESOURCE_NAME: "my-res",
      AZURE_OPENAI_DEPLOYMENT: "gpt4o-prod",
    });
    const chain = createProviderChain({ providers: providerSpecsFromEnv(env), timeoutMs: 1_000 });
    expect(chain.providers.map((p) => [p.name, p.modelId])).toEqual([
      ["openai", "gpt-4o-mini"],
      ["azure", "gpt4o-prod"],
    ]);
    expect(chain.breakers.list().map((b) => b.provider)).toEqual(["openai", "azure"]);
  });
});
