// The prompts of the in-cell functions. Every argument comes from spreadsheet cells, so all of it
// (the question, the range, the text, the labels) goes into one delimited, labelled data section
// built the same way as the chat's (lib/ai/prompts/build-data-section.ts), and the system prompt
// says it is data, never instructions. No tools are offered: a function's only effect is the value
// of its own cell. A wording change here bumps FUNCTION_PROMPT_VERSION, which is part of every
// cache key, so old results are not served for new prompts.
import { buildDataSection } from "@/lib/ai/prompts/build-data-section";
import { UNTRUSTED_DATA_RULES } from "@/lib/ai/prompts/templates";
import { analyzeExcelContext, buildCompactContext, parseExcelContext } from "@/lib/excel";
import { ARG_LIMITS, type CellScalar, type FunctionArgs } from "./function-args";

export const FUNCTION_PROMPT_VERSION = "2026-12-06.1";

export interface FunctionPrompt {
  system: string;
  prompt: string;
  maxOutputTokens: number;
}

const CELL_RULES = `You compute the value of one spreadsheet cell. Your whole reply is written into that cell as is.
- Reply with the value only: no preamble, no explanation, no quotes, no markdown, no line breaks.
- Keep it short enough to read in a cell.
- If the data does not allow an answer, reply exactly: #UNKNOWN`;

const TASKS: Record<FunctionArgs["name"], string> = {
  ASK: "Task: answer the question in the data section, using the cells in it when there are any. A number answer is the number alone (no units, no thousands separators).",
  CLASSIFY: "Task: choose which one of the listed labels best fits the value. Reply with that label exactly as written in the list, and nothing else.",
  EXTRACT: "Task: extract from the text exactly what the request asks for, copied as it appears in the text. Several matches: separate them with \", \". Nothing matching: reply exactly #UNKNOWN",
};

const MAX_OUTPUT: Record<FunctionArgs["name"], number> = { ASK: 300, CLASSIFY: 30, EXTRACT: 200 };

function rangeText(rows: CellScalar[][]): string {
  const context = parseExcelContext({ selectedRange: { values: rows } }, { maxCells: ARG_LIMITS.rangeCells });
  const analysis = analyzeExcelContext(context);
  return buildCompactContext(context, analysis, { tokenBudget: 2_500 }).text;
}

function dataBody(args: FunctionArgs): string {
  switch (args.name) {
    case "ASK":
      return [`Question: ${args.prompt}`, args.range ? `Cells:\n${rangeText(args.range)}` : "Cells: none"].join("\n");
    case "CLASSIFY":
      return [`Value: ${String(args.value)}`, "Labels (one per line):", ...args.labels.map((label) => `- ${label}`)].join("\n");
    case "EXTRACT":
      return [`Extract: ${args.what}`, `Text: ${args.text}`].join("\n");
  }
}

export function buildFunctionPrompt(args: FunctionArgs): FunctionPrompt {
  const body = dataBody(args);
  const section = buildDataSection({
    compact: { text: body, summary: { address: null, sheet: null, workbook: null, totalCells: 0, totalRows: 0, totalColumns: 0, rowsSampled: 0, columnsIncluded: 0, estimatedTokens: 0, truncated: false, coverage: { basis: "every_cell", computedBy: "server", dataRows: 0, analysedRows: 0 } } },
    analysis: null,
  });
  const system = [CELL_RULES, TASKS[args.name], UNTRUSTED_DATA_RULES.replaceAll("{boundary}", section.boundary)].join("\n\n");
  return { system, prompt: `${section.text}\n\nReply with the cell value only.`, maxOutputTokens: MAX_OUTPUT[args.name] };
}
