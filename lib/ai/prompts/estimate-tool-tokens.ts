// Estimated tokens of the proposal tools' definitions as a provider receives them (name,
// description, JSON schema, framing). Shared by the server's quota hold and the task pane's
// estimate of what a question sends, so both count the tools the same way.
import { asSchema, type ToolSet } from "ai";
import { estimateProviderTokens, estimateTokens } from "@/lib/excel/estimate-tokens";

/** Per message or tool framing the provider adds (role, separators), on the high side. */
export const TOKENS_PER_MESSAGE = 16;

/** Framing per tool or message as providers count it (a few tokens), for the calibrated estimate. */
export const PROVIDER_TOKENS_PER_MESSAGE = 4;

type Mode = "hold" | "provider";
const toolTokens: Record<Mode, WeakMap<ToolSet, Promise<number>>> = { hold: new WeakMap(), provider: new WeakMap() };

/**
 * `hold` (the default) errs high, for quota holds; `provider` is calibrated to what a provider
 * counts, for the estimate the task pane shows.
 */
export function estimateToolDefinitions(tools: ToolSet, mode: Mode = "hold"): Promise<number> {
  let cached = toolTokens[mode].get(tools);
  if (!cached) {
    cached = (async () => {
      let total = 0;
      for (const [name, definition] of Object.entries(tools)) {
        const schema = definition.inputSchema ? await asSchema(definition.inputSchema).jsonSchema : {};
        const description = typeof definition.description === "string" ? definition.description : "";
        const json = JSON.stringify(schema);
        total +=
          mode === "hold"
            ? estimateTokens(name) + estimateTokens(description) + estimateTokens(json) + TOKENS_PER_MESSAGE
            : estimateProviderTokens(`{"type":"function","function":{"name":"${name}","description":`, "json") +
              estimateProviderTokens(description, "prose") +
              estimateProviderTokens(`,"parameters":${json}}}`, "json") +
              PROVIDER_TOKENS_PER_MESSAGE;
      }
      return total;
    })();
    toolTokens[mode].set(tools, cached);
  }
  return cached;
}
