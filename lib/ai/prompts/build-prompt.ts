// Assembles what one model call receives: the system prompt (data type × intent × tool access),
// earlier turns within the history budget, and the latest user message with the spreadsheet
// data section in front of it.
import { convertToModelMessages, type ModelMessage, type ToolSet, type UIMessage } from "ai";
import { estimateTokens, type CompactContext, type DataType, type ExcelAnalysis } from "@/lib/excel";
import { capToolResult, MAX_TOOL_ERROR_CHARS } from "@/lib/ai/tools/cap-tool-result";
import { isReadToolName } from "@/lib/ai/tools/read-tools";
import { buildDataSection, buildToolResultSection, type DataSection } from "./build-data-section";
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
  /** Read tools offered (agent mode). */
  reading?: readonly string[];
  /** The last step the turn's budget allows (no tools offered). */
  lastStep?: boolean;
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
  const instructions = buildSystemPrompt({ dataType, intent, boundary: dataSection?.boundary ?? null, tools: input.tools, reading: input.reading, lastStep: input.lastStep });

  const messages = await convertToModelMessages(selection.messages, { tools: input.toolSet, ignoreIncompleteToolCalls: true });
  if (dataSection) attachDataSection(messages, dataSection.text);
  const toolDataTokens = wrapToolResults(messages);

  const estimatedInputTokens =
    estimateTokens(instructions) +
    selection.tokens +
    estimateTokens(userText) +
    (dataSection ? estimateTokens(dataSection.text) : 0) +
    8 * messages.length +
    toolDataTokens;

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

type ToolOutput = Extract<Extract<ModelMessage, { role: "tool" }>["content"][number], { type: "tool-result" }>["output"];

/**
 * Tool results that carry spreadsheet data — every read tool's, and a proposal's outcome with
 * what the client read back — reach the model capped and inside their own delimited data block,
 * like the selection. Returns the tokens they add (outside the history estimate).
 */
function wrapToolResults(messages: ModelMessage[]): number {
  let tokens = 0;
  for (const message of messages) {
    if (message.role !== "tool") continue;
    message.content = message.content.map((part) => {
      if (part.type !== "tool-result") return part;
      const output = wrappedOutput(part.toolName, part.output);
      if (!output) return part;
      tokens += estimateTokens(output.value);
      return { ...part, output };
    });
  }
  return tokens;
}

function wrappedOutput(toolName: string, output: ToolOutput): Extract<ToolOutput, { type: "text" | "error-text" }> | null {
  const read = isReadToolName(toolName);
  if (output.type === "json") {
    const carriesData = read || (output.value !== null && typeof output.value === "object" && "verification" in output.value);
    if (!carriesData) return null;
    const body = JSON.stringify(capToolResult(output.value).output);
    return { type: "text", value: buildToolResultSection({ toolName, body }) };
  }
  if (read && (output.type === "text" || output.type === "error-text")) {
    const body = output.value.slice(0, MAX_TOOL_ERROR_CHARS);
    return { type: output.type, value: buildToolResultSection({ toolName, body, failed: output.type === "error-text" }) };
  }
  return null;
}
