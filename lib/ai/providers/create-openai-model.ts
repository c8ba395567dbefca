// OpenAI through @ai-sdk/openai, optionally at another base URL (a proxy or gateway).
//
// `openai(model)` would use the Responses API; we use `openai.chat(model)` (Chat Completions)
// because OPENAI_BASE_URL commonly points at proxies, gateways and local fakes that implement
// only /v1/chat/completions, and because streaming usage (`stream_options.include_usage`) and
// function calling work the same there for every OpenAI model we price.
import { createOpenAI } from "@ai-sdk/openai";
import type { ChainProvider, ProviderSpec } from "./provider-types";

export function createOpenAIModel(spec: Extract<ProviderSpec, { kind: "openai" }>): ChainProvider {
  const openai = createOpenAI({ apiKey: spec.apiKey, baseURL: spec.baseURL, fetch: spec.fetch });
  return { name: "openai", modelId: spec.model, model: openai.chat(spec.model) };
}
