// The playground chart's series come from the real cells: bins that count every value once,
// and per-period totals along the date column.
import { describe, expect, it } from "vitest";
import { analyzeExcelContext, parseExcelContext } from "@/lib/excel";
import { categoryColumn, histogram, isNumericColumn, spread, totalsByCategory, trend } from "@/components/playground/chart-data";
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

/** One numeric column "Units" under a header, at B3 like the fixture above. */
function unitsTable(units: number[]) {
  const values: (string | number)[][] = [["Units"], ...units.map((u) => [u])];
  const numberFormat = values.map(() => ["General"]);
  const context = parseExcelContext({ selectedRange: { address: `S!B3:B${3 + units.length}`, values, numberFormat } }, { maxCells: 1_000 });
  const t = analyzeExcelContext(context).tables[0];
  return { grid: { values, formulas: values, numberFormat } as Grid, rect: { row: 2, column: 1, rowCount: values.length, columnCount: 1 }, table: t, column: t.columns[0] };
}

describe("chart choice", () => {
  it("draws no chart when every value is the same (five ones)", () => {
    const { grid, rect, table: t, column } = unitsTable([1, 1, 1, 1, 1]);
    expect(spread(grid, rect, t, column)).toEqual({ kind: "single", value: 1, count: 5 });
  });

  it("counts each value on its own when there are only a few different ones", () => {
    const { grid, rect, table: t, column } = unitsTable([3, 1, 2, 3, 3, 1]);
    expect(spread(grid, rect, t, column)).toEqual({
      kind: "counts",
      total: 6,
      points: [
        { label: "1", value: 2 },
        { label: "2", value: 1 },
        { label: "3", value: 3 },
      ],
    });
  });

  it("groups many different values into ranges of equal width", () => {
    const units = Array.from({ length: 40 }, (_, i) => i * 2.5);
    const { grid, rect, table: t, column } = unitsTable(units);
    const result = spread(grid, rect, t, column);
    expect(result.kind).toBe("ranges");
    if (result.kind !== "ranges") return;
    expect(result.points.length).toBeGreaterThanOrEqual(5);
    expect(result.points.reduce((sum, p) => sum + p.value, 0)).toBe(40);
  });

  it("finds the column that sorts rows into groups, and totals a value per group, largest first", () => {
    const { table: t } = fixture();
    // Three regions over four rows: not repeated enough to be groups.
    expect(categoryColumn(t)).toBeNull();
    const sales = table(
      [
        ["Date", "Region", "Revenue"],
        [45292, "North", 100],
        [45292, "South", 50],
        [45323, "North", 300],
        [45352, "South", 10],
      ],
      [["General", "General", "General"], ...Array.from({ length: 4 }, () => ["yyyy-mm-dd", "General", "$#,##0.00"])],
    );
    const region = categoryColumn(sales.table)!;
    expect(region.header).toBe("Region");
    const revenue = sales.table.columns.find((c) => c.header === "Revenue")!;
    expect(totalsByCategory(sales.grid, sales.rect, sales.table, region, revenue)).toEqual([
      { label: "North", value: 400 },
      { label: "South", value: 60 },
    ]);
    expect(totalsByCategory(sales.grid, sales.rect, sales.table, region, null)).toEqual([
      { label: "North", value: 2 },
      { label: "South", value: 2 },
    ]);
  });

  it("averages rates and temperatures instead of adding them up, and never charts codes", () => {
    const weather = table(
      [
        ["Date", "Station", "Temperature"],
        [45292, "North", 10],
        [45292, "North", 14],
        [45323, "South", 20],
        [45352, "South", 30],
      ],
      [["General", "General", "General"], ...Array.from({ length: 4 }, () => ["yyyy-mm-dd", "General", "General"])],
    );
    const date = weather.table.columns.find((c) => c.header === "Date")!;
    const temperature = weather.table.columns.find((c) => c.header === "Temperature")!;
    expect(trend(weather.grid, weather.rect, weather.table, date, temperature)).toEqual([
      { label: "2024-01-01", value: 12 },
      { label: "2024-02-01", value: 20 },
      { label: "2024-03-01", value: 30 },
    ]);
    const station = weather.table.columns.find((c) => c.header === "Station")!;
    expect(totalsByCategory(weather.grid, weather.rect, weather.table, station, temperature)).toEqual([
      { label: "South", value: 25 },
      { label: "North", value: 12 },
    ]);
    const codes = table(
      [["Month", "Zip", "Sales"], [1, 2134, 5], [2, 2139, 6], [3, 1002, 7], [4, 3301, 8]],
      [["General", "General", "General"], ...Array.from({ length: 4 }, () => ["General", "General", "General"])],
    );
    expect(codes.table.columns.filter(isNumericColumn).map((c) => c.header)).toEqual(["Sales"]);
  });
});
