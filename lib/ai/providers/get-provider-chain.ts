// The one place that decides which AI providers answer and in what order (docs/architecture.md,
// "Ports and adapters"): nothing else chooses a provider.
//
// - `providerSpecsFromEnv(env)` reads the configured providers in AI_PROVIDER_ORDER (which ones
//   count as configured is `runtimeModes().ai`, so health, metrics and the chain agree);
// - `createProviderChain(config)` builds a chain from explicit configuration (tests point it at
//   a local fake server or inject AI SDK mock models);
// - `getProviderChain()` is what the chat pipeline calls: the environment's chain, built once,
//   unless a test replaced it with `setProviderChainForTests`.
//
// An empty chain is valid: the offline analyst answers (lib/ai/offline-analyst.ts).
import { env as defaultEnv, requiredEnv, runtimeModes, type Env } from "@/lib/env";
import { BreakerRegistry, defaultBreakerRegistry } from "./circuit-breaker";
import { createAzureModel } from "./create-azure-model";
import { createCompatibleModel } from "./create-compatible-model";
import { createOpenAIModel } from "./create-openai-model";
import { createMockLanguageModel } from "./mock-language-model";
import type { ChainProvider, ProviderChain, ProviderChainConfig, ProviderSpec } from "./provider-types";

export function providerSpecsFromEnv(env: Env = defaultEnv): ProviderSpec[] {
  const modes = runtimeModes(env);
  if (modes.ai === "offline") return [];
  return modes.ai.map((name): ProviderSpec => {
    switch (name) {
      case "azure":
        return {
          kind: "azure",
          apiKey: requiredEnv(env, "AZURE_OPENAI_API_KEY"),
          resourceName: env.AZURE_OPENAI_RESOURCE_NAME,
          baseURL: env.AZURE_OPENAI_BASE_URL,
          deployment: requiredEnv(env, "AZURE_OPENAI_DEPLOYMENT"),
          apiVersion: env.AZURE_OPENAI_API_VERSION,
        };
      case "openai":
        return { kind: "openai", apiKey: requiredEnv(env, "OPENAI_API_KEY"), baseURL: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL };
      case "compatible":
        return {
          kind: "compatible",
          baseURL: requiredEnv(env, "OPENAI_COMPATIBLE_BASE_URL"),
          model: requiredEnv(env, "OPENAI_COMPATIBLE_MODEL"),
          apiKey: env.OPENAI_COMPATIBLE_API_KEY,
        };
      case "mock":
        return { kind: "mock", tokens: env.MOCK_MODEL_TOKENS, delayMs: env.MOCK_MODEL_DELAY_MS };
      default:
        throw new Error(`unknown AI provider: ${name satisfies never}`);
    }
  });
}

function createProvider(spec: ProviderSpec): ChainProvider {
  switch (spec.kind) {
    case "azure":
      return createAzureModel(spec);
    case "openai":
      return createOpenAIModel(spec);
    case "compatible":
      return createCompatibleModel(spec);
    case "mock": {
      const model = createMockLanguageModel({ tokens: spec.tokens, delayMs: spec.delayMs, modelId: spec.modelId });
      return { name: "mock", modelId: model.modelId, model };
    }
    case "model":
      return { name: spec.name, modelId: spec.modelId ?? spec.model.modelId, model: spec.model };
  }
}

export function createProviderChain(config: ProviderChainConfig): ProviderChain {
  const providers = config.providers.map(createProvider);
  const names = new Set<string>();
  for (const provider of providers) {
    if (names.has(provider.name)) throw new Error(`AI provider "${provider.name}" appears twice in the chain`);
    names.add(provider.name);
  }
  const breakers = config.breakers ?? new BreakerRegistry(config.breaker);
  // Create every breaker now so health and metrics list configured providers before first use.
  for (const provider of providers) breakers.get(provider.name, config.breaker);
  return { providers, timeoutMs: config.timeoutMs, breakers };
}

const holder = globalThis as unknown as { __aiChain?: ProviderChain; __aiChainOverride?: ProviderChain };

/** The chain the chat pipeline uses. */
export function getProviderChain(): ProviderChain {
  if (holder.__aiChainOverride) return holder.__aiChainOverride;
  holder.__aiChain ??= createProviderChain({
    providers: providerSpecsFromEnv(),
    timeoutMs: defaultEnv.AI_TIMEOUT_MS,
    breakers: defaultBreakerRegistry(),
  });
  return holder.__aiChain;
}

/** Tests (and benchmarks) swap the chain; pass undefined to go back to the environment's. */
export function setProviderChainForTests(chain: ProviderChain | undefined): void {
  holder.__aiChainOverride = chain;
}
