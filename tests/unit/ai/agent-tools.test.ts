// The agent-mode contract pieces that need no server: read tool inputs and result schemas, the
// verification a client reports after applying, the server's cap on results, and how a step's
// tool results are merged into the stored answer.
import { describe, expect, it } from "vitest";
import { countSteps, endIfPromptTooLarge, mergeToolResults, startAgentTurn, stepCutShortNote, stepOutputCap, type AgentTurn } from "@/lib/ai/chat/agent-turn";
import { capToolResult, isCutResult, MAX_TOOL_RESULT_CHARS } from "@/lib/ai/tools/cap-tool-result";
import { editOutcomeSchema, MAX_VERIFICATION_ERRORS, VERIFICATION_ERRORS, verificationSchema } from "@/lib/ai/tools/edit-outcome";
import { READ_INCLUDES, READ_TOOL_INPUTS, type ReadToolInput } from "@/lib/ai/tools/read-tools";
import {
  analyzeRangeResult,
  FIND_CELLS_MAX_MATCHES,
  findCellsResult,
  listSheetsResult,
  READ_RANGE_MAX_CELLS,
  readRangeResult,
  type ReadToolResult,
} from "@/lib/ai/tools/tool-results";
import { declaredReadTools, toolsForRequest } from "@/lib/ai/tools/tools-for-request";
import { excelTools } from "@/lib/ai/tools/excel-tools";

describe("read tool inputs", () => {
  it("accept the documented shapes and refuse others", () => {
    const read: ReadToolInput<"read_range"> = { address: "'Sales 2024'!A1:F200", include: ["values", "formulas"] };
    expect(READ_TOOL_INPUTS.read_range.safeParse(read).success).toBe(true);
    expect(READ_TOOL_INPUTS.read_range.safeParse({ address: "A1", include: ["comments"] }).success).toBe(false);
    expect(READ_INCLUDES).toEqual(["values", "formulas", "numberFormat"]);
    expect(READ_TOOL_INPUTS.list_sheets.safeParse({}).success).toBe(true);
    expect(READ_TOOL_INPUTS.find_cells.safeParse({ query: "" }).success).toBe(false);
    expect(READ_TOOL_INPUTS.find_cells.safeParse({ query: "Total", sheet: "Sales", matchCase: true }).success).toBe(true);
    expect(READ_TOOL_INPUTS.analyze_range.safeParse({ address: "" }).success).toBe(false);
  });
});

describe("read tool results", () => {
  it("list_sheets: sheets with visibility, used range and tables; named ranges", () => {
    const ok: ReadToolResult<"list_sheets"> = {
      sheets: [{ name: "Sales", visibility: "Visible", usedRange: "Sales!A1:C4", tables: [{ name: "T", address: "Sales!A1:C4" }] }],
      namedRanges: [{ name: "TaxRate", refersTo: "=Summary!$B$2" }],
    };
    expect(listSheetsResult.safeParse(ok).success).toBe(true);
    expect(listSheetsResult.safeParse({ sheets: [{ name: "Sales", visibility: "Shown", usedRange: null, tables: [] }], namedRanges: [] }).success).toBe(false);
  });

  it("read_range: at most the cap of rows as cells; a sample is marked incomplete with its analysis", () => {
    expect(readRangeResult.safeParse({ address: "A1:B2", rowCount: 2, columnCount: 2, values: [[1, "a"], [null, true]], complete: true }).success).toBe(true);
    const sample = { address: "A1:Z100000", rowCount: 100_000, columnCount: 26, values: [["x"]], complete: false, sampleAddress: "A1:Z40", analysis: { text: "26 columns", truncated: true } };
    expect(readRangeResult.safeParse(sample).success).toBe(true);
    expect(readRangeResult.safeParse({ address: "A1", rowCount: 1, columnCount: 1 }).success).toBe(false); // `complete` is required
    expect(readRangeResult.safeParse({ address: "A1", rowCount: 1, columnCount: 1, complete: true, values: Array.from({ length: READ_RANGE_MAX_CELLS + 1 }, () => [1]) }).success).toBe(false);
  });

  it("find_cells: at most the cap of matches; analyze_range: the analysis text", () => {
    const matches = Array.from({ length: FIND_CELLS_MAX_MATCHES + 1 }, (_, i) => ({ address: `A${i + 1}`, value: "Total" }));
    expect(findCellsResult.safeParse({ matches: matches.slice(0, FIND_CELLS_MAX_MATCHES), more: true }).success).toBe(true);
    expect(findCellsResult.safeParse({ matches, more: true }).success).toBe(false);
    expect(analyzeRangeResult.safeParse({ address: "A1:B9", rowCount: 9, columnCount: 2, analysis: { text: "..." } }).success).toBe(true);
  });
});

describe("verification reported with an applied proposal", () => {
  it("lists error cells by Excel's error values; older outcomes without it still parse", () => {
    expect(VERIFICATION_ERRORS).toContain("#SPILL!");
    expect(editOutcomeSchema.safeParse({ status: "applied", address: "A1" }).success).toBe(true);
    expect(editOutcomeSchema.safeParse({ status: "applied", address: "A1", verification: { errors: [{ address: "A1", error: "#REF!" }] } }).success).toBe(true);
    expect(verificationSchema.safeParse({ errors: [{ address: "A1", error: "#OOPS" }] }).success).toBe(false);
    const many = Array.from({ length: MAX_VERIFICATION_ERRORS + 1 }, (_, i) => ({ address: `A${i + 1}`, error: "#REF!" }));
    expect(verificationSchema.safeParse({ errors: many }).success).toBe(false);
    expect(verificationSchema.safeParse({ errors: many.slice(0, MAX_VERIFICATION_ERRORS), errorCount: 500 }).success).toBe(true);
  });
});

describe("capToolResult", () => {
  it("keeps a result within the cap, and cuts a longer one into a marked, idempotent marker", () => {
    expect(capToolResult({ a: 1 })).toEqual({ output: { a: 1 }, cut: false });
    const big = { text: "x".repeat(MAX_TOOL_RESULT_CHARS) };
    const { output, cut } = capToolResult(big);
    expect(cut).toBe(true);
    expect(isCutResult(output)).toBe(true);
    expect(output).toMatchObject({ cut: true, totalChars: JSON.stringify(big).length, keptChars: MAX_TOOL_RESULT_CHARS });
    expect(capToolResult(output)).toEqual({ output, cut: true });
  });
});

describe("tools offered", () => {
  it("read tools only when declared, for signed-in UI clients; read_only keeps them and drops proposals", () => {
    expect(declaredReadTools({ tools: ["read_range", "teleport", "list_sheets"] })).toEqual(["list_sheets", "read_range"]);
    expect(declaredReadTools(undefined)).toEqual([]);
    expect(toolsForRequest({ client: "ui", writeMode: "ask", signedIn: true }).tools).toBe(excelTools);
    expect(toolsForRequest({ client: "ui", writeMode: "ask", signedIn: false, readToolsDeclared: ["list_sheets"] }).reading).toEqual([]);
    expect(toolsForRequest({ client: "json", writeMode: "ask", signedIn: true, readToolsDeclared: ["list_sheets"] }).tools).toBeUndefined();
    expect(Object.keys(toolsForRequest({ client: "ui", writeMode: "read_only", signedIn: true, readToolsDeclared: ["list_sheets"] }).tools ?? {})).toEqual(["list_sheets"]);
    expect(toolsForRequest({ client: "ui", writeMode: "auto", signedIn: true, readToolsDeclared: ["list_sheets"], toolsAllowed: false }).tools).toBeUndefined();
  });
});

describe("mergeToolResults", () => {
  const stored = [
    { type: "step-start" },
    { type: "tool-list_sheets", toolCallId: "c1", state: "input-available", input: {} },
    { type: "tool-write_range", toolCallId: "c2", state: "output-error", input: {}, errorText: "refused" },
  ];

  it("fills pending calls with checked results and keeps what is stored", () => {
    const { parts, added } = mergeToolResults(stored, [
      { type: "tool-list_sheets", toolCallId: "c1", state: "output-available", output: { sheets: [], namedRanges: [], extra: "dropped" } },
      { type: "tool-write_range", toolCallId: "c2", state: "output-available", output: { status: "applied", address: "A1" } },
    ]);
    expect(added).toBe(1);
    expect(parts[1]).toMatchObject({ state: "output-available", output: { sheets: [], namedRanges: [] } });
    expect(parts[1].output).not.toHaveProperty("extra");
    expect(parts[2]).toMatchObject({ state: "output-error", errorText: "refused" });
    expect(countSteps(parts)).toBe(1);
    expect(stored[1].state).toBe("input-available"); // the input is not mutated
  });

  it("refuses a result for an unknown call or under another tool's name", () => {
    expect(() => mergeToolResults(stored, [{ type: "tool-read_range", toolCallId: "c9", state: "output-available", output: {} }])).toThrow(/never made/);
    expect(() => mergeToolResults(stored, [{ type: "tool-read_range", toolCallId: "c1", state: "output-available", output: {} }])).toThrow(/never made/);
  });
});

describe("endIfPromptTooLarge", () => {
  it("ends a further step whose prompt alone would pass the answer's tokens, never the first step", () => {
    const first = startAgentTurn("free");
    expect(endIfPromptTooLarge(first, 1_000_000).ended).toBeNull();
    const step = { ...first, budget: { ...first.budget, step: 3, tokensUsed: 50_000 }, continues: { messageId: "m", parts: [] } };
    expect(endIfPromptTooLarge(step, 5_000).ended).toBeNull();
    expect(endIfPromptTooLarge(step, step.budget.maxTokens - 50_000).ended).toMatch(/would take this answer past 60,000 tokens/);
  });
});

describe("a step's output cap", () => {
  const turn = (tokensUsed: number, continues: boolean): AgentTurn => ({
    budget: { step: continues ? 2 : 1, maxSteps: 8, tokensUsed, maxTokens: 10_000 },
    continues: continues ? { messageId: "m", parts: [] } : null,
    newResults: 0,
    lastStep: false,
    ended: null,
  });

  it("is what is left of the answer's tokens after the prompt, never more than the usual answer", () => {
    expect(stepOutputCap(turn(0, false), 3_000, 2_000)).toBe(2_000);
    expect(stepOutputCap(turn(7_000, true), 2_500, 2_000)).toBe(500);
    expect(stepOutputCap(turn(7_000, true), 2_999, 2_000)).toBe(1);
  });

  it("lets the first step always answer briefly, however large its prompt", () => {
    expect(stepOutputCap(turn(0, false), 12_000, 2_000)).toBe(256);
  });

  it("says why an answer stopped early", () => {
    expect(stepCutShortNote(turn(0, false).budget)).toContain("10,000 tokens one answer may use");
  });
});
