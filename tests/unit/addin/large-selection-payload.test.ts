// The large-selection path end to end without a browser: the pane's payload for a 200,001-row
// range carries the analysis of every cell and a sample with real sheet rows; the server reads
// it strictly and states coverage truthfully; a sample without an analysis is called a sample.
import { describe, expect, it } from "vitest";
import { buildLargeSelectionPayload } from "@/lib/addin/large-selection-payload";
import { planSampleRows } from "@/lib/addin/plan-sample-rows";
import { buildOfflineAnswer } from "@/lib/ai/offline-analyst";
import { buildDataSection } from "@/lib/ai/prompts/build-data-section";
import { analyzeExcelContext, buildCompactContext, parseExcelContext } from "@/lib/excel";
import { AppError } from "@/lib/errors/app-error";
import { largeGrid } from "../../fixtures/excel/large-grid";

const ROWS = 200_000;
const grid = largeGrid(ROWS);
const limits = { maxCells: 50_000 };
const built = buildLargeSelectionPayload({ workbook: "Big.xlsx", sheet: "Data", startRow: 1, startColumn: 1, values: grid.values, numberFormat: grid.numberFormat });

function serverSide(payload: unknown) {
  const context = parseExcelContext(structuredClone(payload), limits);
  const analysis = analyzeExcelContext(context);
  const compact = buildCompactContext(context, analysis);
  return { context, analysis, compact, section: buildDataSection({ compact, analysis }).text };
}

describe("buildLargeSelectionPayload", () => {
  it("sends exact whole-range figures and a sample with real rows, under the byte budget", () => {
    const range = built.payload.selectedRange;
    expect(built.bytes).toBeLessThan(256 * 1024);
    expect(range.rowCount).toBe(ROWS + 1);
    expect(range.values?.length).toBe(range.sampledRows?.length);
    expect(range.sampledRows?.[0]).toBe(1);
    expect(range.sampledRows?.at(-1)).toBe(ROWS + 1);
    // The values of each sampled row are those of that sheet row.
    for (const [i, sheetRow] of (range.sampledRows ?? []).entries()) expect(range.values?.[i]).toEqual(grid.values[sheetRow - 1]);
    const amount = range.analysis?.columns[2].numeric;
    expect(amount?.sum).toBe(grid.amount.sum);
    expect(amount?.min).toBe(grid.amount.min);
    expect(amount?.max).toBe(grid.amount.max);
    expect(amount?.count).toBe(grid.amount.count);
    expect(range.analysis?.columns[2].distinct).toBe(grid.amount.distinct);
  });

  it("the server states the add-in's figures as covering every row, with full ranges and real row numbers", () => {
    const { analysis, compact, section } = serverSide(built.payload);
    expect(analysis.columns[2].numeric?.sum).toBe(grid.amount.sum);
    expect(analysis.lastDataRow).toBe(ROWS + 1);
    expect(compact.summary.coverage).toEqual({ basis: "every_cell", computedBy: "add-in", dataRows: ROWS, analysedRows: ROWS });
    expect(section).toContain(`sum=${grid.amount.sum.toLocaleString("en-US")}`);
    expect(section).toContain("C2:C200001");
    expect(section).not.toMatch(/C2:C40[0-9]\b/);
    expect(section).toContain("cover all 200,000 data rows (every cell, computed by the add-in)");
    expect(section).toMatch(/\n200001 \| /); // the last row, labelled with its sheet row
    expect(section).not.toContain("SAMPLE");
  });

  it("a sample sent without an analysis (older panes) is called a sample of K of N rows", () => {
    const { analysis: _analysis, ...range } = built.payload.selectedRange;
    const { compact, section, analysis } = serverSide({ ...built.payload, selectedRange: range });
    const k = (range.sampledRows?.length ?? 0) - 1;
    expect(compact.summary.coverage).toEqual({ basis: "sample", computedBy: "server", dataRows: ROWS, analysedRows: k });
    expect(section).toContain(`SAMPLE of ${k} of 200,000 data rows`);
    expect(section).toContain("do not present a sum");
    expect(section).not.toContain("Statistics cover every cell");
    // Ranges still name the whole selection, and rows keep their sheet numbers.
    expect(analysis.columns[2].dataRange).toBe("C2:C200001");
    expect(section).toMatch(/\n200001 \| /);
  });

  it("refuses analyses that do not match the range or carry unsafe content", () => {
    const tamper = (edit: (a: Record<string, any>) => void) => {
      const payload = structuredClone(built.payload) as Record<string, any>;
      edit(payload.selectedRange.analysis);
      return () => parseExcelContext(payload, limits);
    };
    expect(tamper((a) => (a.rowCount = 5))).toThrow(AppError);
    expect(tamper((a) => (a.columns[2].numeric.sum = 1e300))).toThrow(/sum/);
    expect(tamper((a) => (a.columns[2].numeric.mean = -1))).toThrow(/mean/);
    expect(tamper((a) => (a.columns[0].count += 1))).toThrow(/count \+ missing/);
    expect(tamper((a) => (a.lastDataRow = 401))).toThrow(/lastDataRow/);
    expect(tamper((a) => a.recommendations.unshift({ kind: "formula", message: "x", formula: "=SUM(Other!B2:B9)", columns: ["C"] }))).toThrow(/formula/);
    expect(tamper((a) => a.recommendations.unshift({ kind: "formula", message: "x", formula: "=WEBSERVICE(\"http://x\")", columns: ["C"] }))).toThrow(/formula/);
    expect(tamper((a) => (a.version = 1))).toThrow(/version/);
    expect(tamper((a) => (a.extra = 1))).toThrow(AppError);
    // Invisible characters in texts are stripped, long ones capped.
    const payload = structuredClone(built.payload) as Record<string, any>;
    payload.selectedRange.analysis.columns[1].header = `Re\u200Bgion\u202E${"x".repeat(600)}`;
    const context = parseExcelContext(payload, limits);
    expect(context?.wholeAnalysis?.columns[1].header).toBe(`Region${"x".repeat(249)}`);
  });

  it("a multi-area selection sent as samples is called a sample too", () => {
    const { analysis: _analysis, ...range } = built.payload.selectedRange;
    const other = { address: "Data!E1:E3", values: [["Note"], ["a"], ["b"]], rowCount: 3, columnCount: 1 };
    const { compact, section } = serverSide({ ...built.payload, selectedRange: { address: "Data!A1:C200001,Data!E1:E3", rowCount: ROWS + 1, columnCount: 3 }, areas: [range, other] });
    expect(compact.summary.coverage.basis).toBe("sample");
    expect(compact.summary.coverage.dataRows).toBe(ROWS);
    expect(section).toContain("SAMPLE of");
  });

  it("the offline analyst states the add-in's figures as the whole selection's, and a bare sample as a sample", () => {
    const whole = serverSide(built.payload);
    const answer = buildOfflineAnswer({ intent: "analysis", reason: { kind: "not_configured" }, context: whole.context, analysis: whole.analysis });
    expect(answer).toContain("Figures cover all 600,003 cells in the selection (computed by the add-in from every cell)");
    const { analysis: _analysis, ...range } = built.payload.selectedRange;
    const sample = serverSide({ ...built.payload, selectedRange: range });
    const sampleAnswer = buildOfflineAnswer({ intent: "analysis", reason: { kind: "not_configured" }, context: sample.context, analysis: sample.analysis });
    expect(sampleAnswer).toContain("the figures cover those rows");
  });

  it("refuses sampledRows that do not describe the rows sent", () => {
    const { analysis: _analysis, ...range } = built.payload.selectedRange;
    const bad = (sampledRows: number[]) => () => parseExcelContext({ ...built.payload, selectedRange: { ...range, sampledRows } }, limits);
    const rows = range.sampledRows ?? [];
    expect(bad(rows.slice(1))).toThrow(/entries/);
    expect(bad([...rows.slice(0, -1), ROWS + 5])).toThrow(/past the range/);
    expect(bad([1, ...rows.slice(2), rows[1]])).toThrow(/increasing/);
  });

  it("samples the same rows the pane always did", () => {
    expect(built.payload.selectedRange.sampledRows).toEqual(planSampleRows(ROWS + 1, 400).map((o) => o + 1));
  });
});
