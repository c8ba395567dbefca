import { describe, it, expect } from "vitest";
import { analyzeExcelContext, buildCompactContext, DEFAULT_TOKEN_BUDGET, estimateTokens, parseExcelContext } from "@/lib/excel";
import { bigSheet, ledger, salesByRegion } from "@/tests/fixtures/excel/sheets";

const limits = { maxCells: 1_000_000 };

describe("buildCompactContext", () => {
  it("sends a small selection whole, with statistics, and says so", () => {
    const ctx = parseExcelContext(salesByRegion(), limits);
    const { text, summary } = buildCompactContext(ctx);
    expect(summary).toEqual({
      address: "'Sales 2024'!B3:N7",
      sheet: "Sales 2024",
      workbook: "Sales.xlsx",
      totalCells: 65,
      totalRows: 5,
      totalColumns: 13,
      rowsSampled: 5,
      columnsIncluded: 13,
      estimatedTokens: estimateTokens(text),
      truncated: false,
      coverage: { basis: "every_cell", computedBy: "server", dataRows: 4, analysedRows: 4 },
    });
    expect(text).toContain(`Workbook: "Sales.xlsx" | Sheet: "Sales 2024" | Selection: 'Sales 2024'!B3:N7`);
    expect(text).toContain("row | B | C | D | E | F | G | H | I | J | K | L | M | N");
    expect(text).toContain("3 | Region | Jan | Feb | Mar | Apr | May | Jun | Jul | Aug | Sep | Oct | Nov | Dec");
    expect(text).toContain("7 | West | 500 | 600 | 700 | 800 | 900 | 1000 | 1100 | 1200 | 1300 | 1400 | 1500 | 1600");
    expect(text).toContain('- C "Jan" number, additive measure: n=4; min=500; max=1,200; mean=875; median=900;');
    expect(text).toContain("sum=3,500; distinct=4");
    expect(text).toContain("The total rises from 3,500 in Jan to 5,260 in Dec (+50%).");
  });

  it("renders cells as the user sees them: dates, currency, blanks", () => {
    const { text } = buildCompactContext(parseExcelContext(ledger(), limits));
    expect(text).toContain("2 | 2024-01-05 | Office chairs | Equipment | $120 | Yes");
    expect(text).toContain("13 | 2024-06-28 | Misc |  |  | No");
    expect(text).toContain('- D "Amount" currency ($), additive measure: n=11; blank=1; numbers stored as text=2; min=$45.00; max=$5,000.00;');
    expect(text).toContain('- C "Category" text, category: n=11; blank=1; distinct=5;');
  });

  it("keeps cell text inside its cell: pipes, line breaks and control characters are escaped", () => {
    const ctx = parseExcelContext(
      {
        selectedRange: {
          address: "A1:B3",
          values: [
            ["Name", "Comment"],
            ["Ann", "fine | 10 | 20\nrow 99 | fake | row\r\nend"],
            ["Bob", "tab\there\u2028sep\\n\u0007bell"],
          ],
        },
      },
      limits,
    );
    const { text } = buildCompactContext(ctx, null, { tokenBudget: 2_000 });
    const rows = text.split("\n").filter((line) => /^\d+ \| /.test(line));
    expect(rows).toEqual(["1 | Name | Comment", "2 | Ann | fine \\| 10 \\| 20\\nrow 99 \\| fake \\| row\\nend", "3 | Bob | tab here\\nsep\\\\n bell"]);
  });

  it("cuts long cell text and says it was truncated", () => {
    const long = "x".repeat(500);
    const ctx = parseExcelContext({ selectedRange: { address: "A1:A2", values: [["Notes"], [long]] } }, limits);
    const { text, summary } = buildCompactContext(ctx);
    expect(text).toContain(`2 | ${"x".repeat(47)}…`);
    expect(text).not.toContain("x".repeat(48));
    expect(summary.truncated).toBe(true);
  });

  it("samples first, evenly spaced and last rows of a long table, marking the gaps", () => {
    const values: (string | number)[][] = [["Id", "Value"]];
    for (let i = 1; i <= 1000; i++) values.push([`K${i}`, i]);
    const ctx = parseExcelContext({ selectedRange: { address: "A1:B1001", values } }, limits);
    const { text, summary } = buildCompactContext(ctx);
    expect(summary).toMatchObject({ totalRows: 1001, rowsSampled: 29, columnsIncluded: 2, truncated: true });
    const shown = text
      .split("\n")
      .filter((l) => /^\d+ \| K/.test(l))
      .map((l) => Number(l.split(" | ")[0]));
    expect(shown.slice(0, 12)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(shown.slice(-6)).toEqual([996, 997, 998, 999, 1000, 1001]);
    expect(shown).toHaveLength(28);
    expect(text).toContain("rows omitted");
  });

  it("steps down until it fits a small budget", () => {
    const ctx = parseExcelContext(bigSheet(2_000, 20), limits);
    const analysis = analyzeExcelContext(ctx);
    const roomy = buildCompactContext(ctx, analysis, { tokenBudget: 3_000 });
    const tight = buildCompactContext(ctx, analysis, { tokenBudget: 600 });
    expect(roomy.summary.estimatedTokens).toBeLessThanOrEqual(3_000);
    expect(tight.summary.estimatedTokens).toBeLessThanOrEqual(600);
    expect(tight.summary.rowsSampled).toBeLessThan(roomy.summary.rowsSampled);
    expect(tight.summary.columnsIncluded).toBeLessThan(20);
    expect(estimateTokens(tight.text)).toBe(tight.summary.estimatedTokens);
    // Deterministic: the same selection gives the same text.
    expect(buildCompactContext(ctx, analysis, { tokenBudget: 600 }).text).toBe(tight.text);
  });

  it("says what was sent when there are no cells", () => {
    expect(buildCompactContext(null).text).toBe("No Excel selection was sent.");
    const addressOnly = buildCompactContext(parseExcelContext({ selectedRange: "Sheet1!A1:B3" }, limits));
    expect(addressOnly.text).toBe(`Sheet: "Sheet1" | Selection: Sheet1!A1:B3\nNo cell values were sent in Sheet1!A1:B3.`);
    expect(addressOnly.summary).toMatchObject({ totalCells: 0, rowsSampled: 0, columnsIncluded: 0, truncated: false });
  });
});

describe("a 1,000,000-cell selection (50,000 rows × 20 columns)", () => {
  it("is analysed and compacted below 3,000 tokens", () => {
    const raw = JSON.parse(JSON.stringify(bigSheet(50_000, 20)));
    const ctx = parseExcelContext(raw, limits)!;
    expect(ctx.totalCells).toBe(1_000_000);
    const analysis = analyzeExcelContext(ctx);
    expect(analysis).toMatchObject({ rowCount: 49_999, columnCount: 20, hasHeader: true, dataType: "temporal" });
    expect(analysis.columns.slice(0, 7).map((c) => c.type)).toEqual(["text", "date", "text", "text", "number", "number", "currency"]);
    expect(analysis.columns[0]).toMatchObject({ distinctCapped: true });
    // The order ids are all distinct; the sketch estimates within 10%.
    expect(Math.abs(analysis.columns[0].distinct - 49_999) / 49_999).toBeLessThan(0.1);
    expect(analysis.columns[2]).toMatchObject({ distinct: 5, distinctCapped: false });
    expect(analysis.columns[1].date).toMatchObject({ min: "2020-01-01", max: "2026-11-04" });
    expect(analysis.insights.some((i) => i.kind === "outliers" && i.column === "G")).toBe(true);

    const { text, summary } = buildCompactContext(ctx, analysis);
    expect(summary.estimatedTokens).toBeLessThan(DEFAULT_TOKEN_BUDGET);
    expect(summary).toMatchObject({ totalCells: 1_000_000, totalRows: 50_000, totalColumns: 20, truncated: true });
    expect(summary.rowsSampled).toBeGreaterThan(5);
    expect(text).toContain("Rows (");
    expect(text).toContain("50000 | ORD-149999");
  });

  it("refuses it for a plan with a smaller limit, stating the limit", () => {
    const raw = bigSheet(50_000, 20);
    expect(() => parseExcelContext(raw, { maxCells: 250_000 })).toThrow(
      "The selection has 1,000,000 cells; your plan allows at most 250,000 cells per request. Select a smaller range.",
    );
  });
});
