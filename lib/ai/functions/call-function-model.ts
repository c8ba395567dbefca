// One in-cell function answered by the model: the provider chain in order, skipping providers
// whose circuit breaker is open, one short non-streaming call each (temperature 0, no tools, a
// small output cap), and the first answer wins. A failure of one provider counts against its
// breaker exactly as a chat's would; when every provider fails, the call fails with
// provider_unavailable and the cell shows it.
import { generateText } from "ai";
import { logger } from "@/lib/observability/logger";
import type { ProviderChain } from "@/lib/ai/providers/provider-types";
import type { FunctionPrompt } from "./function-prompts";

export interface ModelReply {
  text: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
}

export async function callFunctionModel(chain: ProviderChain, prompt: FunctionPrompt): Promise<ModelReply | null> {
  for (const provider of chain.providers) {
    const breaker = chain.breakers.get(provider.name);
    if (!breaker.tryAcquire()) continue;
    try {
      const result = await generateText({
        model: provider.model,
        system: prompt.system,
        prompt: prompt.prompt,
        temperature: 0,
        maxOutputTokens: prompt.maxOutputTokens,
        maxRetries: 0,
        abortSignal: AbortSignal.timeout(chain.timeoutMs),
      });
      breaker.recordSuccess();
      return {
        text: result.text,
        provider: provider.name,
        model: result.response?.modelId || provider.modelId,
        inputTokens: result.usage.inputTokens ?? Math.ceil((prompt.system.length + prompt.prompt.length) / 4),
        outputTokens: result.usage.outputTokens ?? Math.ceil(result.text.length / 4),
      };
    } catch (error) {
      breaker.recordFailure(error instanceof Error ? error.name : "error");
      logger.warn({ provider: provider.name, error: error instanceof Error ? error.message : String(error) }, "function model call failed");
    }
  }
  return null;
}
