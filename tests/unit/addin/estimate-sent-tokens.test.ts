// The pane's estimate of what a question sends is within 10% of a real tokenizer's count
// (o200k_base, the GPT-4o family's) of the prompt the server builds for the same selection:
// instructions, the message with the data block, and the tool definitions.
import { asSchema } from "ai";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { estimateSentTokens } from "@/lib/addin/estimate-sent-tokens";
import { buildLargeSelectionPayload } from "@/lib/addin/large-selection-payload";
import { previewSelection } from "@/lib/addin/selection-preview";
import { buildPrompt } from "@/lib/ai/prompts/build-prompt";
import type { ToolAccess } from "@/lib/ai/prompts/build-system-prompt";
import { excelTools } from "@/lib/ai/tools/excel-tools";
import { analyzeExcelContext, buildCompactContext, parseExcelContext } from "@/lib/excel";
import { largeGrid } from "../../fixtures/excel/large-grid";

/** What the provider counts: each message's text, the tool definitions, a few tokens of framing each. */
async function providerCount(context: unknown, question: string, access: ToolAccess): Promise<number> {
  const parsed = parseExcelContext(structuredClone(context), { maxCells: Number.MAX_SAFE_INTEGER });
  const analysis = parsed ? analyzeExcelContext(parsed) : null;
  const compact = parsed ? buildCompactContext(parsed, analysis) : null;
  const prompt = await buildPrompt({ messages: [{ id: "u1", role: "user", parts: [{ type: "text", text: question }] }], analysis, compact, tools: access, toolSet: excelTools });
  let total = countTokens(prompt.instructions) + 4;
  for (const message of prompt.messages) {
    const parts = typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
    for (const part of parts) if (part.type === "text") total += countTokens(part.text);
    total += 4;
  }
  if (access === "offered") {
    for (const [name, tool] of Object.entries(excelTools)) {
      const parameters = await asSchema(tool.inputSchema as never).jsonSchema;
      total += countTokens(JSON.stringify({ type: "function", function: { name, description: tool.description, parameters } })) + 4;
    }
  }
  return total;
}

const sales = {
  selectedRange: {
    address: "Sheet1!A1:D6",
    values: [
      ["Region", "Q1", "Q2", "Owner"],
      ["North", 1200, 1350, "Ada Lovelace"],
      ["South", 900, 1010, "Grace Hopper"],
      ["East", 1500, 1650, "Alan Turing"],
      ["West", 700, 820, "Edsger Dijkstra"],
      ["Central", 1100, 1180, "Barbara Liskov"],
    ],
    rowCount: 6,
    columnCount: 4,
  },
  worksheet: { name: "Sheet1" },
  workbook: { name: "Budget.xlsx" },
};
const grid = largeGrid(200_000);
const large = buildLargeSelectionPayload({ workbook: "Big.xlsx", sheet: "Data", startRow: 1, startColumn: 1, values: grid.values, numberFormat: grid.numberFormat }).payload;

describe("the pane's token estimate", () => {
  const cases: [string, unknown, string, ToolAccess][] = [
    ["a small table, proposals on", sales, "Which region grew the most from Q1 to Q2?", "offered"],
    ["a small table, read-only", sales, "Summarise this table", "read_only"],
    ["a 200,000-row selection", large, "What is the total amount per region?", "offered"],
    ["no selection", null, "How do I write a VLOOKUP?", "offered"],
  ];
  for (const [name, context, question, access] of cases) {
    it(`is within 10% of the provider's count: ${name}`, async () => {
      const real = await providerCount(context, question, access);
      const preview = context ? previewSelection(context as never) : null;
      const estimate = await estimateSentTokens({ compact: preview?.compact ?? null, analysis: preview?.analysis ?? null, question, access });
      expect(Math.abs(estimate.total - real) / real).toBeLessThanOrEqual(0.1);
      if (access === "offered") expect(estimate.tools).toBeGreaterThan(0);
    });
  }
});
