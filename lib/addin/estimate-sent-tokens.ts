// What a question about the selection will send to the model, estimated in the pane by building
// the same pieces the server builds (lib/ai/prompts): the system prompt for this data type and
// question, the spreadsheet data block (compact context, suggestions, coverage note, markers),
// the question and, when proposals are on, the tool definitions. Earlier turns are not counted:
// the chip describes the selection, and the history depends on the conversation.
import { buildSystemPrompt, type ToolAccess } from "@/lib/ai/prompts/build-system-prompt";
import { dataSectionBody, wrapDataSection } from "@/lib/ai/prompts/data-section-body";
import { detectIntent } from "@/lib/ai/prompts/detect-intent";
import { estimateToolDefinitions, PROVIDER_TOKENS_PER_MESSAGE } from "@/lib/ai/prompts/estimate-tool-tokens";
import { excelTools } from "@/lib/ai/tools/excel-tools";
import type { CompactContext, ExcelAnalysis } from "@/lib/excel";
import { estimateProviderTokens } from "@/lib/excel/estimate-tokens";

/** Stands in for the server's content hash: the same length and kind of characters. */
const BOUNDARY_STANDIN = "0f3a9c2e7b1d4a86";

export interface SentTokens {
  /** Everything: instructions, data block, question, tool definitions and framing. */
  total: number;
  dataSection: number;
  instructions: number;
  tools: number;
}

export async function estimateSentTokens(input: { compact: CompactContext | null; analysis: ExcelAnalysis | null; question: string; access: ToolAccess }): Promise<SentTokens> {
  const data = input.compact && input.analysis ? wrapDataSection(dataSectionBody({ compact: input.compact, analysis: input.analysis }), BOUNDARY_STANDIN) : null;
  const instructions = buildSystemPrompt({
    dataType: data && input.analysis ? input.analysis.dataType : "none",
    intent: detectIntent(input.question),
    boundary: data ? BOUNDARY_STANDIN : null,
    tools: input.access,
  });
  // Each piece counted as a provider would (prose, tables, JSON schemas differ; see estimate-tokens.ts).
  const tools = input.access === "offered" ? await estimateToolDefinitions(excelTools, "provider") : 0;
  const dataSection = data ? estimateProviderTokens(data, "table") : 0;
  const instructionTokens = estimateProviderTokens(instructions, "prose");
  // The system and the user message, each with its framing.
  const total = instructionTokens + dataSection + estimateProviderTokens(input.question, "prose") + tools + 2 * PROVIDER_TOKENS_PER_MESSAGE;
  return { total, dataSection, instructions: instructionTokens, tools };
}
