// Assembles what one model call receives: the system prompt (data type × intent × tool access),
// earlier turns within the history budget, and the latest user message with the spreadsheet
// data section in front of it.
import { convertToModelMessages, type ModelMessage, type ToolSet, type UIMessage } from "ai";
import { estimateTokens, type CompactContext, type DataType, type ExcelAnalysis } from "@/lib/excel";
import { buildDataSection, type DataSection } from "./build-data-section";
import { buildSystemPrompt, type ToolAccess } from "./build-system-prompt";
import { detectIntent, type Intent } from "./detect-intent";
import { PROMPT_VERSION } from "./prompt-version";
import { HISTORY_TOKEN_BUDGET, sanitizeMessages, selectHistory } from "./select-history";

export interface BuildPromptInput {
  /** Earlier turns and the latest message, oldest first (UI message format). */
  messages: UIMessage[];
  analysis: ExcelAnalysis | null;
  compact: CompactContext | null;
  tools: ToolAccess;
  /** Tool definitions, so earlier proposals convert to tool calls and results. */
  toolSet?: ToolSet;
  historyTokenBudget?: number;
}

export interface ChatPrompt {
  promptVersion: string;
  instructions: string;
  messages: ModelMessage[];
  intent: Intent;
  dataType: DataType | "none";
  /** The latest user text (after stripping invisible characters). */
  userText: string;
  dataSection: DataSection | null;
  history: { included: number; dropped: number; tokens: number };
  estimatedInputTokens: number;
}

export function textOf(message: UIMessage | undefined): string {
  if (!message) return "";
  return message.parts
    .filter((part): part is Extract<UIMessage["parts"][number], { type: "text" }> => part.type === "text")
    .map((part) => part.text)
    .join("\n")
    .trim();
}

export async function buildPrompt(input: BuildPromptInput): Promise<ChatPrompt> {
  const clean = sanitizeMessages(input.messages);
  const selection = selectHistory(clean, input.historyTokenBudget ?? HISTORY_TOKEN_BUDGET);
  const lastUser = [...selection.messages].reverse().find((m) => m.role === "user");
  const userText = textOf(lastUser);
  const intent = detectIntent(userText);
  const dataType: DataType | "none" = input.analysis && input.compact ? input.analysis.dataType : "none";
  const dataSection = input.compact && input.analysis ? buildDataSection({ compact: input.compact, analysis: input.analysis }) : null;
  const instructions = buildSystemPrompt({ dataType, intent, boundary: dataSection?.boundary ?? null, tools: input.tools });

  const messages = await convertToModelMessages(selection.messages, { tools: input.toolSet, ignoreIncompleteToolCalls: true });
  if (dataSection) attachDataSection(messages, dataSection.text);

  const estimatedInputTokens =
    estimateTokens(instructions) +
    selection.tokens +
    estimateTokens(userText) +
    (dataSection ? estimateTokens(dataSection.text) : 0) +
    8 * messages.length;

  return {
    promptVersion: PROMPT_VERSION,
    instructions,
    messages,
    intent,
    dataType,
    userText,
    dataSection,
    history: { included: selection.included, dropped: selection.dropped, tokens: selection.tokens },
    estimatedInputTokens,
  };
}

/** Puts the data section first in the latest user message (a message of its own when none). */
function attachDataSection(messages: ModelMessage[], text: string) {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message.role !== "user") continue;
    const content = typeof message.content === "string" ? [{ type: "text" as const, text: message.content }] : message.content;
    messages[i] = { ...message, content: [{ type: "text", text }, ...content] };
    return;
  }
  messages.push({ role: "user", content: [{ type: "text", text }] });
}
