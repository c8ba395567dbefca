// The AI provider port: what the fallback chain needs from each adapter (docs/architecture.md,
// "Ports and adapters"). Every adapter returns an AI SDK language model; the chain never knows
// which vendor it talks to beyond the name it reports in usage records.
//
// Models implement the provider specification `ai` itself speaks (LanguageModelV4 from
// @ai-sdk/provider), so `ai` calls them directly rather than through its adapter for older specs,
// and a model written against an older spec fails the type check instead of being wrapped.
import type { LanguageModelV4 } from "@ai-sdk/provider";
import type { BreakerOptions, BreakerRegistry } from "./circuit-breaker";

export interface ChainProvider {
  /** `azure`, `openai`, `compatible`, `mock`, or a test name; keys the circuit breaker. */
  name: string;
  /** Model or Azure deployment id: what usage records and pricing see. */
  modelId: string;
  model: LanguageModelV4;
}

export interface ProviderChain {
  providers: ChainProvider[];
  /** Per attempt: the longest wait for the first token, and between tokens once streaming. */
  timeoutMs: number;
  breakers: BreakerRegistry;
}

/** Explicit configuration of one provider, so a chain can be built without the environment. */
export type ProviderSpec =
  | {
      kind: "azure";
      apiKey: string;
      /** Either the bare resource name or a base URL (proxies, sovereign clouds, tests). */
      resourceName?: string;
      baseURL?: string;
      deployment: string;
      /** A dated API version (e.g. 2024-10-21) selects the classic deployment URLs. */
      apiVersion?: string;
      fetch?: typeof fetch;
    }
  | { kind: "openai"; apiKey: string; baseURL?: string; model: string; fetch?: typeof fetch }
  | { kind: "compatible"; baseURL: string; model: string; apiKey?: string; name?: string; fetch?: typeof fetch }
  | { kind: "mock"; tokens: number; delayMs: number; modelId?: string }
  /** Any AI SDK model under a name of our choosing (tests inject mock models this way). */
  | { kind: "model"; name: string; modelId?: string; model: LanguageModelV4 };

export interface ProviderChainConfig {
  providers: ProviderSpec[];
  timeoutMs: number;
  breaker?: BreakerOptions;
  /** Defaults to a fresh registry; the environment chain passes the process-wide one. */
  breakers?: BreakerRegistry;
}
