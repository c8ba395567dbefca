// The playground chart's series come from the real cells: bins that count every value once,
// and per-period totals along the date column.
import { describe, expect, it } from "vitest";
import { analyzeExcelContext, parseExcelContext } from "@/lib/excel";
import { histogram, trend } from "@/components/playground/chart-data";
import type { Grid } from "@/lib/workbook/read-grid";

function table(values: (string | number)[][], numberFormat: string[][]) {
  const grid: Grid = { values, formulas: values, numberFormat };
  const context = parseExcelContext({ selectedRange: { address: "S!B3:D7", values, numberFormat } }, { maxCells: 1_000 });
  const analysis = analyzeExcelContext(context);
  return { grid, rect: { row: 2, column: 1, rowCount: values.length, columnCount: 3 }, table: analysis.tables[0] };
}

const fixture = () =>
  table(
    [
      ["Date", "Region", "Revenue"],
      [45292, "North", 100],
      [45292, "South", 50],
      [45323, "North", 300],
      [45352, "East", 10],
    ],
    [["General", "General", "General"], ...Array.from({ length: 4 }, () => ["yyyy-mm-dd", "General", "$#,##0.00"])],
  );

describe("chart data", () => {
  it("totals the value column per date, in date order", () => {
    const { grid, rect, table: t } = fixture();
    const date = t.columns.find((c) => c.header === "Date")!;
    const revenue = t.columns.find((c) => c.header === "Revenue")!;
    expect(trend(grid, rect, t, date, revenue)).toEqual([
      { label: "2024-01-01", value: 150 },
      { label: "2024-02-01", value: 300 },
      { label: "2024-03-01", value: 10 },
    ]);
  });

  it("bins every value exactly once", () => {
    const { grid, rect, table: t } = fixture();
    const revenue = t.columns.find((c) => c.header === "Revenue")!;
    const bins = histogram(grid, rect, t, revenue);
    expect(bins.reduce((sum, bin) => sum + bin.value, 0)).toBe(4);
    expect(bins[0].label.startsWith("$10.00")).toBe(true);
    expect(bins[bins.length - 1].value).toBe(1);
  });
});
