import { describe, expect, it } from "vitest";
import { appliedCells } from "@/lib/addin/edits/applied-values";

describe("appliedCells", () => {
  it("pairs each formula with the value Excel calculated, addressed on the sheet", () => {
    const rect = { row: 1, column: 3, rowCount: 2, columnCount: 1 };
    expect(appliedCells(rect, [["=SUM(B2:C2)"], ["=SUM(B3:C3)"]], [[2550], [1910]])).toEqual([
      { address: "D2", formula: "=SUM(B2:C2)", value: "2550" },
      { address: "D3", formula: "=SUM(B3:C3)", value: "1910" },
    ]);
  });

  it("shows constants and empty cells as they read, and errors as Excel reports them", () => {
    const rect = { row: 0, column: 0, rowCount: 1, columnCount: 3 };
    expect(appliedCells(rect, [["Total", "", "=1/0"]], [["Total", "", "#DIV/0!"]])).toEqual([
      { address: "A1", formula: "Total", value: "Total" },
      { address: "B1", formula: "(empty)", value: "(empty)" },
      { address: "C1", formula: "=1/0", value: "#DIV/0!" },
    ]);
  });

  it("lists at most `max` cells, row by row", () => {
    const rect = { row: 0, column: 0, rowCount: 3, columnCount: 2 };
    const grid = [["=1", "=2"], ["=3", "=4"], ["=5", "=6"]];
    const cells = appliedCells(rect, grid, [[1, 2], [3, 4], [5, 6]], 3);
    expect(cells.map((c) => c.address)).toEqual(["A1", "B1", "A2"]);
  });
});
