// The model call for one answer: streamText with this app's settings, started on each provider
// of the chain in turn until one streams (openStreamWithFallback decides when to fail over).
// Each failed attempt is logged; what the user is told about them is up to the caller.
import { streamText, type ToolSet } from "ai";
import { logger } from "@/lib/observability/logger";
import type { ChatPrompt } from "@/lib/ai/prompts/build-prompt";
import { openStreamWithFallback, type FallbackOutcome } from "@/lib/ai/providers/open-stream-with-fallback";
import type { ProviderChain } from "@/lib/ai/providers/provider-types";

/** Low: answers about numbers should be repeatable, not creative. */
const TEMPERATURE = 0.3;

export async function openModelStream(input: {
  chain: ProviderChain;
  prompt: ChatPrompt;
  /** Proposal tools, or undefined when none may be offered. */
  tools: ToolSet | undefined;
  maxOutputTokens: number;
  /** Fires when the client disconnects: no further provider is tried. */
  signal: AbortSignal;
}): Promise<FallbackOutcome<ToolSet>> {
  const { prompt, tools } = input;
  const fallback = await openStreamWithFallback({
    chain: input.chain,
    signal: input.signal,
    start: (provider, attemptSignal) =>
      streamText({
        model: provider.model,
        instructions: prompt.instructions,
        messages: prompt.messages,
        tools,
        maxRetries: 0, // the chain decides what happens after a failure, not the SDK
        maxOutputTokens: input.maxOutputTokens,
        temperature: TEMPERATURE,
        abortSignal: attemptSignal,
        onError: () => undefined, // failures arrive as stream parts; logged below
      }),
  });
  for (const failure of fallback.failures) {
    logger.warn({ provider: failure.provider, reason: failure.reason, status: failure.status, elapsedMs: failure.elapsedMs, detail: failure.message.slice(0, 200) }, "AI provider failed over");
  }
  return fallback;
}
