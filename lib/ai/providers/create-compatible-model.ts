// Any server that speaks the OpenAI Chat Completions format: Ollama
// (http://localhost:11434/v1), LM Studio (http://localhost:1234/v1), vLLM, llama.cpp server.
// `includeUsage` asks for the final usage chunk so token counts are real, not estimated; servers
// that ignore `stream_options` simply leave usage to our estimate.
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { ChainProvider, ProviderSpec } from "./provider-types";

export function createCompatibleModel(spec: Extract<ProviderSpec, { kind: "compatible" }>): ChainProvider {
  const provider = createOpenAICompatible({
    name: spec.name ?? "compatible",
    baseURL: spec.baseURL.replace(/\/+$/, ""),
    apiKey: spec.apiKey,
    includeUsage: true,
    fetch: spec.fetch,
  });
  return { name: "compatible", modelId: spec.model, model: provider.chatModel(spec.model) };
}
