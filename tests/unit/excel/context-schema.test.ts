import { describe, it, expect } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { analyzeExcelContext, excelContextSchema, parseExcelContext } from "@/lib/excel";

const limits = { maxCells: 1_000_000 };

function badRequest(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("bad_request");
    expect((error as AppError).status).toBe(400);
    return error as AppError;
  }
  throw new Error("expected a bad_request AppError");
}

describe("parseExcelContext — the original add-in's shape", () => {
  it("normalises the documented example", () => {
    const ctx = parseExcelContext(
      {
        selectedRange: {
          address: "Sheet1!A1:C3",
          values: [
            ["Region", "Q1", "Q2"],
            ["North", 1200, 1350],
            ["South", 900, 1010],
          ],
          formulas: [
            ["Region", "Q1", "Q2"],
            ["North", 1200, "=B2*1.125"],
            ["South", 900, "=B3+110"],
          ],
          numberFormat: [
            ["General", "General", "General"],
            ["General", "$#,##0", "$#,##0"],
            ["General", "$#,##0", "$#,##0"],
          ],
          rowCount: 3,
          columnCount: 3,
        },
        worksheet: { name: "Sheet1" },
        workbook: { name: "Budget.xlsx" },
      },
      limits,
    );
    expect(ctx).toMatchObject({
      address: "Sheet1!A1:C3",
      sheet: "Sheet1",
      workbook: "Budget.xlsx",
      totalCells: 9,
      declaredRowCount: 3,
      declaredColumnCount: 3,
    });
    expect(ctx!.areas).toHaveLength(1);
    expect(ctx!.areas[0]).toMatchObject({ address: "Sheet1!A1:C3", startRow: 1, startColumn: 1, rowCount: 3, columnCount: 3 });
    expect(ctx!.areas[0].formulas![1][2]).toBe("=B2*1.125");
    expect(ctx!.areas[0].numberFormat![1][1]).toBe("$#,##0");
  });

  it("returns null when there is no context", () => {
    expect(parseExcelContext(undefined, limits)).toBeNull();
    expect(parseExcelContext(null, limits)).toBeNull();
  });
});

describe("parseExcelContext — read liberally", () => {
  it("accepts a bare address string for selectedRange and a bare worksheet name", () => {
    const ctx = parseExcelContext({ selectedRange: "Sheet1!A1:B3", worksheet: "Sheet1", workbook: "Book.xlsx" }, limits);
    expect(ctx).toEqual({
      address: "Sheet1!A1:B3",
      sheet: "Sheet1",
      workbook: "Book.xlsx",
      areas: [],
      totalCells: 0,
      declaredRowCount: null,
      declaredColumnCount: null,
      wholeAnalysis: null,
    });
    expect(analyzeExcelContext(ctx).summary).toBe("No cell values were sent in Sheet1!A1:B3.");
  });

  it("accepts rowCount 0, string counts and missing formats", () => {
    const ctx = parseExcelContext({ selectedRange: { address: "A1:B2", values: [["a", 1], ["b", 2]], rowCount: 0, columnCount: "2" } }, limits);
    expect(ctx!.declaredRowCount).toBeNull();
    expect(ctx!.declaredColumnCount).toBe(2);
    expect(ctx!.areas[0].numberFormat).toBeNull();
    expect(ctx!.totalCells).toBe(4);
  });

  it("tolerates ragged rows: width is the widest row, missing cells read as blank", () => {
    const ctx = parseExcelContext(
      { selectedRange: { address: "Sheet1!B2:D5", values: [["Name", "Score", "Note"], ["Ann", 3], ["Bob"], ["Cy", 5, "late", "extra"]] } },
      limits,
    );
    const area = ctx!.areas[0];
    expect(area.columnCount).toBe(4);
    expect(area.address).toBe("Sheet1!B2:E5");
    expect(ctx!.totalCells).toBe(16);
    const analysis = analyzeExcelContext(ctx);
    expect(analysis.columns.map((c) => c.header)).toEqual(["Name", "Score", "Note", "Column E"]);
    expect(analysis.columns[1]).toMatchObject({ type: "number", count: 2, missing: 1, dataRange: "C3:C5" });
  });

  it("ignores extra fields and badly typed metadata", () => {
    const ctx = parseExcelContext(
      {
        selectedRange: { address: "A1:A2", values: [["x"], [1]], text: [["x"], ["1"]], valueTypes: [["String"], ["Double"]], rowCount: "lots" },
        worksheet: { name: "Data", id: "{123}", position: 0 },
        workbook: 42,
        locale: "en-US",
        version: 2,
      },
      limits,
    );
    expect(ctx).toMatchObject({ sheet: "Data", workbook: null, declaredRowCount: null, totalCells: 2 });
  });

  it("reads quoted sheet names and positions the cells at the real address", () => {
    const ctx = parseExcelContext({ selectedRange: { address: "'My Sheet'!C10:D11", values: [["Item", "Cost"], ["Pen", 2]] } }, limits);
    expect(ctx!.sheet).toBe("My Sheet");
    expect(ctx!.areas[0]).toMatchObject({ sheet: "My Sheet", startRow: 10, startColumn: 3, address: "'My Sheet'!C10:D11" });
  });

  it("reads a multi-area address without areas: the values belong to the first area", () => {
    const ctx = parseExcelContext({ selectedRange: { address: "Sheet1!B2:C3,Sheet1!F1:F9", values: [["a", 1], ["b", 2]] } }, limits);
    expect(ctx!.address).toBe("Sheet1!B2:C3,Sheet1!F1:F9");
    expect(ctx!.areas).toHaveLength(1);
    expect(ctx!.areas[0]).toMatchObject({ startRow: 2, startColumn: 2, address: "Sheet1!B2:C3" });
  });

  it("uses `areas` for multi-area selections without counting the first area twice", () => {
    const ctx = parseExcelContext(
      {
        selectedRange: { address: "Sheet1!A1:A3,Sheet1!D1:D3", values: [["Month"], ["Jan"], ["Feb"]] },
        areas: [
          { address: "Sheet1!A1:A3", values: [["Month"], ["Jan"], ["Feb"]] },
          { address: "Sheet1!D1:D3", values: [["Sales"], [10], [12]], numberFormat: [["General"], ["$#,##0"], ["$#,##0"]] },
          "Sheet1!Z1",
        ],
      },
      limits,
    );
    expect(ctx!.areas.map((a) => a.address)).toEqual(["Sheet1!A1:A3", "Sheet1!D1:D3"]);
    expect(ctx!.totalCells).toBe(6);
  });

  it("accepts an old add-in that sent the range itself as the context, and flat value lists", () => {
    const ctx = parseExcelContext({ address: "A1:C1", values: ["x", "y", "z"] }, limits);
    expect(ctx!.areas[0]).toMatchObject({ rowCount: 1, columnCount: 3 });
    expect(parseExcelContext("Sheet2!A1:B2", limits)!.sheet).toBe("Sheet2");
  });

  it("coerces odd cells instead of failing", () => {
    const ctx = parseExcelContext({ selectedRange: { values: [[{ type: "Entity", text: "Seattle" }, undefined, 7]] } }, limits);
    expect(ctx!.areas[0].values[0]).toEqual(['{"type":"Entity","text":"Seattle"}', null, 7]);
    expect(ctx!.areas[0].address).toBe("A1:C1");
  });
});

describe("parseExcelContext — refusals", () => {
  it("says the limit when the selection is too large", () => {
    const row = Array.from({ length: 100 }, (_, i) => i);
    const values = Array.from({ length: 12_000 }, () => row);
    const error = badRequest(() => parseExcelContext({ selectedRange: { address: "A1:CV12000", values } }, limits));
    expect(error.message).toBe(
      "The selection has 1,200,000 cells; your plan allows at most 1,000,000 cells per request. Select a smaller range.",
    );
    expect(error.details).toEqual({ cells: 1_200_000, limit: 1_000_000 });
  });

  it("counts every area against the limit", () => {
    const area = { values: Array.from({ length: 60 }, () => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) };
    const error = badRequest(() => parseExcelContext({ areas: [area, area] }, { maxCells: 1_000 }));
    expect(error.message).toContain("has 1,200 cells");
    expect(error.message).toContain("at most 1,000 cells");
  });

  it("refuses contexts that are structurally unusable", () => {
    expect(badRequest(() => parseExcelContext(42, limits)).message).toMatch(/could not be read/);
    expect(badRequest(() => parseExcelContext([["a"]], limits)).message).toMatch(/could not be read/);
    expect(badRequest(() => parseExcelContext({ selectedRange: { values: "A1:B2" } }, limits)).message).toContain("selectedRange.values");
  });
});

describe("excelContextSchema", () => {
  it("embeds in a route body schema", () => {
    const body = z.object({ message: z.string(), context: excelContextSchema.nullish() });
    const parsed = body.parse({ message: "hi", context: { selectedRange: "A1:B2", worksheet: "S", extra: true } });
    expect(parsed.context?.selectedRange).toBe("A1:B2");
    expect(body.safeParse({ message: "hi", context: { selectedRange: { values: 5 } } }).success).toBe(false);
  });
});
