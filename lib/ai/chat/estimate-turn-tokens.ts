// What one chat turn can cost at most, in tokens: the hold the monthly quota sets aside before
// the model is called (reserveQuota in lib/limits/check-quota.ts).
//
// The prompt's own estimate (build-prompt.ts) counts the instructions, the history, the question
// and the data section. The model is also sent the proposal tools' definitions, and a provider's
// tokenizer can count more than our character-class estimate, so both are added with a margin.
// A turn that still uses more than it held is counted in full when it settles (the counter
// records what was really spent); the margin keeps that rare and small.
import type { ToolSet } from "ai";
import { estimateToolDefinitions, TOKENS_PER_MESSAGE } from "@/lib/ai/prompts/estimate-tool-tokens";
import type { ChatPrompt } from "@/lib/ai/prompts/build-prompt";
import { HISTORY_TOKEN_BUDGET, MAX_HISTORY_MESSAGES } from "@/lib/ai/prompts/select-history";

/** Provider counts versus our estimate: at most this much higher, in practice. */
const INPUT_MARGIN = 1.15;

/**
 * Input tokens the model call can be charged for, on the high side. `historyToCome`: the prompt
 * was built before the stored history was read (a JSON client continuing a conversation), so
 * the most history a prompt may carry is counted on top.
 */
export async function estimateTurnInputTokens(input: { prompt: ChatPrompt; tools: ToolSet | undefined; historyToCome: boolean }): Promise<number> {
  const history = input.historyToCome ? HISTORY_TOKEN_BUDGET + TOKENS_PER_MESSAGE * MAX_HISTORY_MESSAGES : 0;
  const tools = input.tools ? await estimateToolDefinitions(input.tools) : 0;
  const framing = TOKENS_PER_MESSAGE * (input.prompt.messages.length + 1);
  return Math.ceil((input.prompt.estimatedInputTokens + history + tools + framing) * INPUT_MARGIN);
}
