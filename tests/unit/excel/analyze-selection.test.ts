import { describe, it, expect } from "vitest";
import { analyzeExcelContext, parseExcelContext, type ExcelAnalysis, type Insight, type Recommendation } from "@/lib/excel";
import { brokenLookups, ledger, salesByRegion, serial, survey } from "@/tests/fixtures/excel/sheets";

function analyze(raw: unknown): ExcelAnalysis {
  return analyzeExcelContext(parseExcelContext(raw, { maxCells: 1_000_000 }));
}

function insight<K extends Insight["kind"]>(a: ExcelAnalysis, kind: K): Extract<Insight, { kind: K }>[] {
  return a.insights.filter((i): i is Extract<Insight, { kind: K }> => i.kind === kind);
}

function formulas(a: ExcelAnalysis): string[] {
  return a.recommendations.filter((r): r is Extract<Recommendation, { kind: "formula" }> => r.kind === "formula").map((r) => r.formula);
}

function charts(a: ExcelAnalysis) {
  return a.recommendations.filter((r): r is Extract<Recommendation, { kind: "chart" }> => r.kind === "chart");
}

describe("sales by region and month (B3:N7, Jan..Dec headers)", () => {
  const a = analyze(salesByRegion());

  it("finds the header row and positions every column on the sheet", () => {
    expect(a).toMatchObject({ hasHeader: true, headerRow: 3, firstDataRow: 4, lastDataRow: 7, rowCount: 4, columnCount: 13 });
    expect(a.columns[0]).toMatchObject({ column: "B", header: "Region", type: "text", distinct: 4 });
    expect(a.columns[1]).toMatchObject({ column: "C", header: "Jan", type: "number", dataRange: "C4:C7" });
    expect(a.columns[12]).toMatchObject({ column: "N", header: "Dec" });
  });

  it("computes exact statistics (QUARTILE.INC, STDEV.S)", () => {
    const jan = a.columns[1].numeric!;
    expect(jan).toMatchObject({ count: 4, sum: 3500, min: 500, max: 1200, mean: 875, median: 900, q1: 725, q3: 1050 });
    expect(jan.std).toBeCloseTo(298.6079, 3);
    expect(a.columns[12].numeric!.sum).toBe(5260);
  });

  it("classifies it as temporal and reports the month-over-month trend", () => {
    expect(a.dataType).toBe("temporal");
    const [trend] = insight(a, "trend");
    expect(trend).toMatchObject({ basis: "month_headers", direction: "up", changePercent: 50.3, series: "Total", from: "Jan", to: "Dec" });
    expect(trend.message).toBe("The total rises from 3,500 in Jan to 5,260 in Dec (+50%). Largest increase: West (+220% from Jan to Dec).");
  });

  it("recommends formulas and charts on the real ranges", () => {
    expect(formulas(a)).toEqual(['=IFERROR((N4-C4)/C4,"")', "=SUM(C4:N4)"]);
    expect(charts(a)[0]).toMatchObject({ chartType: "line", excelChartType: "Line", range: "B3:N7" });
    expect(a.recommendations).toContainEqual(expect.objectContaining({ kind: "conditional_format", rule: "color_scale", range: "C4:N7" }));
    expect(a.summary).toBe("4 rows × 13 columns (Region, Jan, Feb, Mar, Apr, … Dec) of temporal data from 'Sales 2024'!B3:N7.");
  });
});

describe("ledger with currency text, date serials, ISO dates and blanks", () => {
  const a = analyze(ledger());
  const [date, , category, amount, paid] = a.columns;

  it("infers types from values and number formats", () => {
    expect(a.columns.map((c) => c.type)).toEqual(["date", "text", "text", "currency", "text"]);
    expect(date.date).toMatchObject({ count: 12, min: "2024-01-05", max: "2024-06-28", minSerial: serial("2024-01-05") });
    expect(amount).toMatchObject({ currencySymbol: "$", numberFormat: "$#,##0.00", count: 11, missing: 1 });
    expect(paid).toMatchObject({ missing: 2, topValues: [{ value: "Yes", count: 7 }, { value: "No", count: 3 }] });
    expect(category.topValues.slice(0, 2)).toEqual([
      { value: "Equipment", count: 3 },
      { value: "Supplies", count: 3 },
    ]);
  });

  it("computes amount statistics including the currency strings", () => {
    const s = amount.numeric!;
    expect(s.sum).toBeCloseTo(7236, 6);
    expect(s.median).toBe(110);
    expect(s.q1).toBeCloseTo(77.75, 9);
    expect(s.q3).toBe(225);
    expect(s.mean).toBeCloseTo(657.818, 3);
  });

  it("flags the two outliers by the IQR rule with their cells", () => {
    const [outliers] = insight(a, "outliers");
    expect(outliers).toMatchObject({ column: "D", count: 2, upperFence: 445.875 });
    expect(outliers.examples).toEqual([
      { address: "D4", value: "$1,200.50" },
      { address: "D9", value: "$5,000.00" },
    ]);
    expect(outliers.message).toBe('Amount (D) has 2 outliers above $445.88, e.g. D4 ("$1,200.50"), D9 ("$5,000.00").');
    expect(insight(a, "high_variability")[0]).toMatchObject({ column: "D" });
  });

  it("reports blanks per column and overall", () => {
    const missing = insight(a, "missing_data");
    expect(missing).toContainEqual(expect.objectContaining({ column: null, missing: 4, ratio: 4 / 60 }));
    expect(missing).toContainEqual(expect.objectContaining({ column: "E", missing: 2 }));
  });

  it("sees a monthly trend along the date column", () => {
    const [trend] = insight(a, "trend");
    expect(trend).toMatchObject({ basis: "date_column", series: "Amount", from: "Jan 2024", to: "Jun 2024", direction: "up" });
    expect(a.dataType).toBe("temporal");
  });

  it("recommends SUMIFS by category and by month, a line chart and a PivotTable", () => {
    expect(formulas(a)).toEqual([
      '=SUMIFS(D2:D13,C2:C13,"Equipment")',
      '=SUMIFS(D2:D13,A2:A13,">="&DATE(2024,6,1),A2:A13,"<"&EDATE(DATE(2024,6,1),1))',
      "=SUM(D2:D13)",
      "=MEDIAN(D2:D13)",
      "=COUNTBLANK(E2:E13)",
    ]);
    expect(charts(a)).toEqual([expect.objectContaining({ chartType: "line", range: "A1:A13,D1:D13", columns: ["A", "D"] })]);
    expect(a.recommendations).toContainEqual(
      expect.objectContaining({ kind: "pivot_table", rows: "Category", values: "Amount", aggregation: "sum", range: "A1:E13" }),
    );
  });
});

describe("survey answers (Likert text and booleans)", () => {
  const a = analyze(survey());

  it("counts categories and booleans", () => {
    expect(a.dataType).toBe("categorical");
    expect(a.columns[1]).toMatchObject({ type: "text", distinct: 5, topValues: expect.arrayContaining([{ value: "Agree", count: 10 }]) });
    expect(a.columns[2]).toMatchObject({ type: "boolean", topValues: [{ value: "TRUE", count: 14 }, { value: "FALSE", count: 6 }] });
    expect(a.duplicateRows).toBe(0);
  });

  it("recommends COUNTIF shares, a cross-tab and a counting PivotTable", () => {
    expect(formulas(a)).toEqual([
      '=COUNTIF(B2:B21,"Agree")/COUNTA(B2:B21)',
      '=COUNTIFS(B2:B21,"Agree",D2:D21,"Sales")',
      "=COUNTIF(C2:C21,TRUE)/COUNTA(C2:C21)",
    ]);
    expect(charts(a)[0]).toMatchObject({ chartType: "bar", range: "B1:B21" });
    expect(a.recommendations).toContainEqual(expect.objectContaining({ kind: "pivot_table", rows: "Satisfaction", aggregation: "count" }));
  });
});

describe("a sheet full of #N/A and #DIV/0!", () => {
  const a = analyze(brokenLookups());

  it("counts errors by type and keeps the figures between them", () => {
    expect(a.errorCells).toBe(14);
    expect(a.columns[1]).toMatchObject({ type: "error", errors: 7, errorsByType: { "#N/A": 7 } });
    expect(a.columns[1].numeric).toMatchObject({ count: 3, min: 29.97, max: 89.91 });
    expect(a.columns[2].errorsByType).toEqual({ "#DIV/0!": 7 });
    const [errors] = insight(a, "errors");
    expect(errors).toMatchObject({ severity: "critical", count: 14, byType: { "#N/A": 7, "#DIV/0!": 7 } });
    expect(errors.examples.slice(0, 2)).toEqual([
      { address: "B2", value: "#N/A" },
      { address: "C2", value: "#DIV/0!" },
    ]);
    expect(a.insights[0].kind).toBe("errors");
  });

  it("wraps the real formulas with IFNA / IFERROR", () => {
    expect(formulas(a)).toEqual([
      '=IFNA(VLOOKUP(A2,Prices!A:B,2,FALSE),"Not found")',
      '=IFERROR((B2-Cost!B2)/B2,"")',
      "=SUMPRODUCT(--ISERROR(A2:C11))",
      "=AGGREGATE(1,6,B2:B11)",
    ]);
  });
});

describe("shapes and edge cases", () => {
  it("finds duplicate rows and the rows that repeat", () => {
    const a = analyze({
      selectedRange: {
        address: "A1:C6",
        values: [
          ["Name", "Team", "Hours"],
          ["Ann", "Red", 5],
          ["Bob", "Blue", 3],
          ["Ann", "Red", 5],
          ["Cy", "Red", 2],
          ["Ann", "Red", 5],
        ],
      },
    });
    expect(a.duplicateRows).toBe(2);
    expect(insight(a, "duplicates")[0]).toMatchObject({ count: 2, exampleRows: [4, 6], severity: "warning" });
  });

  it("treats selections without a header row as data", () => {
    const a = analyze({ selectedRange: { address: "Sheet1!D5:E7", values: [[1, 2], [3, 4], [5, 6]] } });
    expect(a.hasHeader).toBe(false);
    expect(a.columns.map((c) => c.header)).toEqual(["Column D", "Column E"]);
    expect(a.columns[0].dataRange).toBe("D5:D7");
    expect(a.dataType).toBe("numerical");
    expect(formulas(a)).toContain("=CORREL(D5:D7,E5:E7)");
    expect(charts(a)[0]).toMatchObject({ chartType: "scatter", range: "D5:E7" });
  });

  it("notices numbers mixed with text placeholders", () => {
    const a = analyze({ selectedRange: { address: "A1:A6", values: [["Score"], [10], [12], ["N/A"], [11], [13]] } });
    expect(a.columns[0].type).toBe("number");
    expect(insight(a, "mixed_types")[0]).toMatchObject({ column: "A", count: 1 });
    expect(insight(a, "mixed_types")[0].message).toContain('"N/A" in A4');
  });

  it("recommends a pie chart only for a few category shares", () => {
    const few = analyze({ selectedRange: { address: "A1:B4", values: [["Channel", "Orders"], ["Web", 50], ["Store", 30], ["Phone", 20]] } });
    expect(charts(few).map((c) => c.chartType)).toEqual(["pie", "column"]);
    // Shares, rates and prices are not parts of a whole that adds up: no pie of them.
    const shares = analyze({ selectedRange: { address: "A1:B4", values: [["Channel", "Conversion rate"], ["Web", 5], ["Store", 3], ["Phone", 2]] } });
    expect(charts(shares).map((c) => c.chartType)).toEqual(["column"]);
    const many = analyze({
      selectedRange: { address: "A1:B9", values: [["City", "Visits"], ...["a", "b", "c", "d", "e", "f", "g", "h"].map((c, i) => [c, i + 1])] },
    });
    expect(charts(many).map((c) => c.chartType)).toEqual(["column"]);
  });

  it("joins Ctrl-selected columns on the same rows into one table with real letters", () => {
    const a = analyze({
      selectedRange: { address: "Sheet1!A1:A4,Sheet1!C1:C4", values: [["Product"], ["A"], ["B"], ["C"]] },
      areas: [
        { address: "Sheet1!A1:A4", values: [["Product"], ["A"], ["B"], ["C"]] },
        { address: "Sheet1!C1:C4", values: [["Revenue"], [100], [250], [175]] },
      ],
    });
    expect(a.tables).toHaveLength(1);
    expect(a.address).toBe("A1:A4,C1:C4");
    expect(a.columns.map((c) => c.column)).toEqual(["A", "C"]);
    expect(formulas(a)).toContain("=AVERAGE(C2:C4)");
    expect(charts(a)).toContainEqual(expect.objectContaining({ chartType: "column", range: "A1:A4,C1:C4" }));
  });

  it("analyses areas on different rows as separate tables", () => {
    const a = analyze({
      areas: [
        { address: "Sheet1!A1:B3", values: [["k", "v"], ["x", 1], ["y", 2]] },
        { address: "Sheet1!E10:E12", values: [[5], [6], [7]] },
      ],
    });
    expect(a.tables.map((t) => t.address)).toEqual(["A1:B3", "E10:E12"]);
    expect(a.tables[1].columns[0].numeric).toMatchObject({ sum: 18, mean: 6 });
  });

  it("describes an empty selection without crashing", () => {
    const a = analyze({ selectedRange: { address: "A1:B2", values: [["", null], [null, "  "]] } });
    expect(a.dataType).toBe("empty");
    expect(a.recommendations).toEqual([]);
    expect(analyzeExcelContext(null).summary).toBe("No data selected.");
  });

  it("reads dates sent as serials without formats when the header says Date", () => {
    const a = analyze({
      selectedRange: {
        address: "A1:B5",
        values: [["Date", "Visitors"], [serial("2024-03-01"), 100], [serial("2024-03-02"), 120], [serial("2024-03-03"), 90], [serial("2024-03-04"), 150]],
      },
    });
    expect(a.columns[0]).toMatchObject({ type: "date", date: { min: "2024-03-01", max: "2024-03-04" } });
    expect(insight(a, "trend")[0]).toMatchObject({ basis: "date_column", from: "2024-03-01", to: "2024-03-04", direction: "up" });
  });

  it("finds trends along a month-name column and a year column", () => {
    const months = analyze({
      selectedRange: { address: "A1:B5", values: [["Month", "Revenue"], ["Jan", 100], ["Feb", 90], ["Mar", 80], ["Apr", 70]] },
    });
    expect(insight(months, "trend")[0]).toMatchObject({ basis: "month_column", direction: "down", changePercent: -30, from: "Jan", to: "Apr" });
    const years = analyze({
      selectedRange: { address: "A1:B4", values: [["Year", "Members"], [2021, 200], [2022, 201], [2023, 202]] },
    });
    expect(insight(years, "trend")[0]).toMatchObject({ basis: "year_column", direction: "flat", changePercent: 1 });
  });

  it("escapes SUMIFS criteria that Excel would read as wildcards or operators", () => {
    const a = analyze({
      selectedRange: { address: "A1:B5", values: [["Group", "Qty"], ["<5*", 1], ["<5*", 2], ['say "hi"', 3], ['say "hi"', 4]] },
    });
    expect(formulas(a)[0]).toBe('=SUMIFS(B2:B5,A2:A5,"=<5~*")');
  });
});

describe("period headers", () => {
  it("reads quarters and dated headers as a time axis", () => {
    const quarters = analyze({
      selectedRange: { address: "A1:E3", values: [["Product", "Q1", "Q2", "Q3", "Q4"], ["Tea", 10, 12, 14, 16], ["Coffee", 20, 20, 21, 23]] },
    });
    expect(insight(quarters, "trend")[0]).toMatchObject({ basis: "period_headers", from: "Q1", to: "Q4", changePercent: 30 });
    const dated = analyze({
      selectedRange: { address: "A1:D3", values: [["Store", "Jan 2024", "Feb 2024", "Mar 2024"], ["Main St", 100, 80, 60], ["Harbour", 50, 45, 40]] },
    });
    expect(dated.hasHeader).toBe(true);
    expect(dated.columns[1].header).toBe("Jan 2024");
    expect(insight(dated, "trend")[0]).toMatchObject({ basis: "period_headers", direction: "down", changePercent: -33.3, from: "Jan 2024", to: "Mar 2024" });
  });
});
