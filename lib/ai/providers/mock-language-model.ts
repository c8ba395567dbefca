// A deterministic local model for benchmarks and demos (AI_PROVIDER_ORDER=mock). It implements
// the AI SDK language model specification v4, like the OpenAI and Azure adapters, so it runs
// through exactly the same chain, streaming, usage and persistence as a real provider: it
// streams MOCK_MODEL_TOKENS word tokens, MOCK_MODEL_DELAY_MS apart, and reports usage. It never
// reads the data and says so, so a demo cannot mistake it for a real answer.
import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4StreamPart, LanguageModelV4Usage } from "@ai-sdk/provider";

const WORDS =
  "This is a deterministic answer from the mock model, used for benchmarks and demos. It does not read your data or call any AI service.".split(
    " ",
  );

export interface MockModelOptions {
  tokens: number;
  delayMs: number;
  modelId?: string;
}

/** The answer text the mock streams for `tokens` tokens (exported for tests and benchmarks). */
export function mockAnswerTokens(tokens: number): string[] {
  const count = Math.max(1, Math.floor(tokens));
  return Array.from({ length: count }, (_, i) => `${WORDS[i % WORDS.length]}${i === count - 1 ? "" : " "}`);
}

/** Rough prompt size for the usage report: 4 characters per token over the prompt's text. */
function promptTokens(options: LanguageModelV4CallOptions): number {
  let chars = 0;
  for (const message of options.prompt) {
    if (typeof message.content === "string") chars += message.content.length;
    else for (const part of message.content) if (part.type === "text") chars += part.text.length;
  }
  return Math.ceil(chars / 4);
}

export function createMockLanguageModel(options: MockModelOptions): LanguageModelV4 {
  const modelId = options.modelId ?? "mock-model";
  const pieces = mockAnswerTokens(options.tokens);

  const usageFor = (callOptions: LanguageModelV4CallOptions): LanguageModelV4Usage => ({
    inputTokens: { total: promptTokens(callOptions), noCache: promptTokens(callOptions), cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: pieces.length, text: pieces.length, reasoning: undefined },
  });

  return {
    specificationVersion: "v4",
    provider: "mock",
    modelId,
    supportedUrls: {},
    async doGenerate(callOptions) {
      return {
        content: [{ type: "text", text: pieces.join("") }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: usageFor(callOptions),
        warnings: [],
      };
    },
    async doStream(callOptions) {
      const signal = callOptions.abortSignal;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          const head: LanguageModelV4StreamPart[] = [
            { type: "stream-start", warnings: [] },
            { type: "response-metadata", id: `mock-${Date.now()}`, modelId, timestamp: new Date() },
            { type: "text-start", id: "0" },
          ];
          const tail: LanguageModelV4StreamPart[] = [
            { type: "text-end", id: "0" },
            { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: usageFor(callOptions) },
          ];
          for (const part of head) controller.enqueue(part);
          if (options.delayMs <= 0) {
            for (const delta of pieces) controller.enqueue({ type: "text-delta", id: "0", delta });
            for (const part of tail) controller.enqueue(part);
            controller.close();
            return;
          }
          let index = 0;
          const onAbort = () => {
            clearTimeout(timer);
            try {
              controller.error(signal?.reason ?? new Error("aborted"));
            } catch {
              // already closed
            }
          };
          signal?.addEventListener("abort", onAbort, { once: true });
          const tick = () => {
            if (signal?.aborted) return;
            if (index < pieces.length) {
              controller.enqueue({ type: "text-delta", id: "0", delta: pieces[index++] });
              timer = setTimeout(tick, options.delayMs);
              return;
            }
            signal?.removeEventListener("abort", onAbort);
            for (const part of tail) controller.enqueue(part);
            controller.close();
          };
          timer = setTimeout(tick, options.delayMs);
        },
        cancel() {
          clearTimeout(timer);
        },
      });
      return { stream };
    },
  };
}
