// The playground's browser copy: proposals applied to a SheetJS workbook exactly, Undo restoring
// what was there, the preview matching the real change, and the saved .xlsx keeping formulas.
import { beforeAll, describe, expect, it } from "vitest";
import { read, utils, type WorkBook } from "xlsx";
import type { Proposal } from "@/lib/addin/edits/proposal";
import { applyToWorkbook, undoInWorkbook } from "@/lib/workbook/apply-proposal";
import { browserSupport } from "@/lib/workbook/browser-support";
import { buildContextPayload } from "@/lib/workbook/context-payload";
import { previewProposal } from "@/lib/workbook/preview-proposal";
import { readGrid } from "@/lib/workbook/read-grid";
import { parseRangeInput, usedRect } from "@/lib/workbook/sheet-range";
import { parseUpload } from "@/lib/workbook/parse-upload";
import { loadSheetJs } from "@/lib/workbook/sheetjs";
import { editedFileName, workbookToXlsx } from "@/lib/workbook/workbook-file";

// The page loads SheetJS with the first file; number formats are rendered with it.
beforeAll(async () => {
  await loadSheetJs();
});

function salesBook(): WorkBook {
  const workbook = utils.book_new();
  const sheet = utils.aoa_to_sheet([
    ["Region", "Units", "Revenue"],
    ["North", 12, 1200.5],
    ["South", 30, 980],
    ["East", 7, 2400],
  ]);
  sheet.C2.z = "#,##0.00";
  utils.book_append_sheet(workbook, sheet, "Sales");
  utils.book_append_sheet(workbook, utils.aoa_to_sheet([["Note"]]), "Notes");
  return workbook;
}

const proposal = <P extends Proposal>(p: Omit<P, "toolCallId">): P => ({ toolCallId: "call-1", ...p }) as P;

const grid = (workbook: WorkBook, sheet = "Sales") => readGrid(workbook.Sheets[sheet], usedRect(workbook.Sheets[sheet])!);

describe("write_range", () => {
  it("writes values, keeps the number format of overwritten cells, and undoes exactly", () => {
    const workbook = salesBook();
    const before = structuredClone(workbook.Sheets.Sales);
    const undo = applyToWorkbook(
      workbook,
      proposal({ toolName: "write_range", input: { address: "Sales!C2:C3", values: [[1500], [null]], explanation: "x" } }),
      "Sales",
    );
    expect(grid(workbook).values.map((row) => row[2])).toEqual(["Revenue", 1500, "", 2400]);
    expect(workbook.Sheets.Sales.C2.z).toBe("#,##0.00");
    undoInWorkbook(workbook, undo);
    expect(workbook.Sheets.Sales).toEqual(before);
  });

  it("stores formulas without a value (Excel calculates them) and grows the used range", async () => {
    const workbook = salesBook();
    applyToWorkbook(
      workbook,
      proposal({ toolName: "write_range", input: { address: "D1:D2", formulas: [["=\"Price\""], ["=C2/B2"]], explanation: "x" } }),
      "Sales",
    );
    expect(workbook.Sheets.Sales["!ref"]).toBe("A1:D4");
    expect(workbook.Sheets.Sales.D2).toEqual({ t: "z", f: "C2/B2" });
    const cells = grid(workbook);
    expect(cells.formulas[1][3]).toBe("=C2/B2");
    expect(cells.values[1][3]).toBe("");

    // Saved and read back, the formula is in the cell.
    const reread = read(new Uint8Array(await workbookToXlsx(workbook)), { type: "array", cellFormula: true, sheetStubs: true });
    expect(reread.Sheets.Sales.D2.f).toBe("C2/B2");
    expect(reread.Sheets.Sales.C2.v).toBe(1200.5);
  });

  it("treats text starting with = as a formula, as Excel does", () => {
    const workbook = salesBook();
    applyToWorkbook(workbook, proposal({ toolName: "write_range", input: { address: "E1", values: [["=SUM(B2:B4)"]], explanation: "x" } }), "Sales");
    expect(workbook.Sheets.Sales.E1.f).toBe("SUM(B2:B4)");
  });

  it("refuses a sheet the workbook does not have and changes nothing", () => {
    const workbook = salesBook();
    const before = JSON.stringify(workbook);
    expect(() =>
      applyToWorkbook(workbook, proposal({ toolName: "write_range", input: { address: "Budget!A1", values: [[1]], explanation: "x" } }), "Sales"),
    ).toThrow(/no sheet named "Budget"/);
    expect(JSON.stringify(workbook)).toBe(before);
  });
});

describe("format_range", () => {
  it("applies number formats and widths, and says which styles it cannot save", () => {
    const workbook = salesBook();
    const p = proposal({
      toolName: "format_range",
      input: { address: "B2:B4", numberFormat: "0.0", bold: true, fillColor: "#FFFF00", columnWidth: 14, explanation: "x" },
    });
    const support = browserSupport(p, workbook, "Sales");
    expect(support).toEqual({ applicable: true, note: expect.stringContaining("bold and fill colour cannot be saved") });
    const undo = applyToWorkbook(workbook, p, "Sales");
    expect(workbook.Sheets.Sales.B3.z).toBe("0.0");
    expect(workbook.Sheets.Sales["!cols"]?.[1]).toEqual({ wch: 14 });
    undoInWorkbook(workbook, undo);
    expect(workbook.Sheets.Sales.B3.z).toBeUndefined();
    expect(workbook.Sheets.Sales["!cols"]).toBeUndefined();
  });

  it("refuses styles alone", () => {
    const p = proposal({ toolName: "format_range", input: { address: "A1:C1", bold: true, explanation: "x" } });
    expect(browserSupport(p, salesBook(), "Sales")).toEqual({ applicable: false, reason: expect.stringContaining("cannot save bold") });
  });
});

describe("sort_range", () => {
  it("sorts data rows under the header, blanks last, and undoes", () => {
    const workbook = salesBook();
    const undo = applyToWorkbook(
      workbook,
      proposal({ toolName: "sort_range", input: { address: "A1:C4", hasHeaders: true, keys: [{ column: "C", ascending: false }], explanation: "x" } }),
      "Sales",
    );
    expect(grid(workbook).values.map((row) => row[0])).toEqual(["Region", "East", "North", "South"]);
    undoInWorkbook(workbook, undo);
    expect(grid(workbook).values.map((row) => row[0])).toEqual(["Region", "North", "South", "East"]);
  });

  it("will not sort formulas (their references need Excel)", () => {
    const workbook = salesBook();
    workbook.Sheets.Sales.B4 = { t: "n", v: 7, f: "3+4" };
    const p = proposal({ toolName: "sort_range", input: { address: "A1:C4", hasHeaders: true, keys: [{ column: "B", ascending: true }], explanation: "x" } });
    expect(browserSupport(p, workbook, "Sales").applicable).toBe(false);
    expect(() => applyToWorkbook(workbook, p, "Sales")).toThrow(/formulas/);
  });
});

describe("what needs Excel", () => {
  it.each([
    proposal({ toolName: "create_table", input: { address: "A1:C4", hasHeaders: true, explanation: "x" } }),
    proposal({ toolName: "add_chart", input: { sourceAddress: "A1:C4", chartType: "ColumnClustered", explanation: "x" } }),
    proposal({ toolName: "add_conditional_format", input: { address: "C2:C4", rule: { type: "data_bar" }, explanation: "x" } }),
    proposal({ toolName: "filter_range", input: { address: "A1:C4", column: "A", criteria: { type: "clear" }, explanation: "x" } }),
  ])("is shown but not applied: $toolName", (p) => {
    const workbook = salesBook();
    expect(browserSupport(p, workbook, "Sales").applicable).toBe(false);
    expect(() => applyToWorkbook(workbook, p, "Sales")).toThrow(/Excel/);
  });
});

describe("previewProposal", () => {
  it("lists the exact before and after of each changed cell without touching the workbook", () => {
    const workbook = salesBook();
    const before = JSON.stringify(workbook);
    const preview = previewProposal(
      workbook,
      proposal({ toolName: "write_range", input: { address: "C2:C4", values: [[1200.5], [990], [2400]], explanation: "x" } }),
      "Sales",
    );
    expect(preview.address).toBe("Sales!C2:C4");
    expect(preview.changes).toEqual([{ address: "C3", before: "980", after: "990" }]);
    expect(preview.more).toBe(0);
    expect(JSON.stringify(workbook)).toBe(before);
  });

  it("shows formatted values for a number format change", () => {
    const preview = previewProposal(salesBook(), proposal({ toolName: "format_range", input: { address: "C3", numberFormat: "#,##0.00", explanation: "x" } }), "Sales");
    expect(preview.changes).toEqual([{ address: "C3", before: "980", after: "980.00" }]);
  });
});

describe("reading ranges and files", () => {
  it("validates typed ranges", () => {
    expect(parseRangeInput("B2:C3", ["Sales"])).toEqual({ ok: true, sheet: null, rect: { row: 1, column: 1, rowCount: 2, columnCount: 2 } });
    expect(parseRangeInput("'Sales'!A1", ["Sales"])).toMatchObject({ ok: true, sheet: "Sales" });
    expect(parseRangeInput("A1:B2,D1", ["Sales"])).toMatchObject({ ok: false, error: expect.stringContaining("one rectangular range") });
    expect(parseRangeInput("Budget!A1", ["Sales"])).toMatchObject({ ok: false, error: expect.stringContaining("no sheet named") });
    expect(parseRangeInput("hello", ["Sales"])).toMatchObject({ ok: false });
    expect(parseRangeInput("", ["Sales"])).toMatchObject({ ok: false });
  });

  it("builds the same context shape the add-in sends", () => {
    const workbook = salesBook();
    const { payload, summary } = buildContextPayload({ workbookName: "sales.xlsx", sheetName: "Sales", sheet: workbook.Sheets.Sales, rect: usedRect(workbook.Sheets.Sales)! });
    expect(payload.selectedRange.address).toBe("Sales!A1:C4");
    expect(payload.selectedRange.values?.[1]).toEqual(["North", 12, 1200.5]);
    expect(payload.selectedRange.numberFormat?.[1][2]).toBe("#,##0.00");
    expect(payload.selectedRange.formulas).toBeUndefined();
    expect(payload.worksheet).toEqual({ name: "Sales" });
    expect(payload.workbook).toEqual({ name: "sales.xlsx" });
    expect(summary).toMatchObject({ cells: 12, sentCells: 12, sampled: false });
  });

  it("samples a range over the add-in's cap", () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => [i, i * 2]);
    const sheet = utils.aoa_to_sheet([["n", "double"], ...rows]);
    const { payload, summary } = buildContextPayload({ workbookName: "big.csv", sheetName: "S", sheet, rect: usedRect(sheet)! });
    expect(summary.sampled).toBe(true);
    expect(summary.cells).toBe(60_002);
    expect(payload.selectedRange.rowCount).toBe(30_001);
    expect(payload.selectedRange.values!.length).toBeLessThan(500);
    expect(payload.selectedRange.sampledRows?.[0]).toBe(1);
  });

  it("parses CSV text with dates and numbers the way Excel would", () => {
    const csv = "Date,Region,Revenue\n2024-01-15,North,\"1,200.50\"\n2024-02-15,Süd,980\n";
    const workbook = parseUpload(new TextEncoder().encode(`\uFEFF${csv}`).buffer as ArrayBuffer, "sales.csv");
    const cells = grid(workbook, workbook.SheetNames[0]);
    expect(cells.values[1]).toEqual([45306, "North", 1200.5]);
    expect(cells.values[2][1]).toBe("Süd");
    expect(cells.numberFormat[1][0]).toMatch(/[dmy]/);
    expect(editedFileName("sales.csv")).toBe("sales (edited).xlsx");
  });
});
