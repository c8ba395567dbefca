// Reading the selection the way the task pane sends it: multi-area selections, whole columns
// trimmed to the used range, chunked reads of large ranges, and oversized selections summarized
// (header + sampled rows + the real size) instead of failing. Excel is office-addin-mock over
// an in-memory workbook; the result is checked against the server's own context parser.
import { afterEach, describe, expect, it } from "vitest";
import { parseExcelContext } from "@/lib/excel";
import { readSelection } from "@/lib/addin/read-selection";
import { planSampleRows, toRuns } from "@/lib/addin/plan-sample-rows";
import { createWorkbookStore, type StoreCell } from "@/tests/fixtures/addin/workbook-store";
import { installMockExcel, uninstallMockExcel } from "@/tests/fixtures/addin/office-mock-excel";

afterEach(() => uninstallMockExcel());

const SALES: StoreCell[][] = [
  ["Region", "Q1", "Q2", null, "Target"],
  ["North", 1200, 1350, null, 1300],
  ["South", 900, 1010, null, 1000],
  ["East", 1500, "=B4*1.1", null, 1600],
];

function bigSheet(rows: number, columns: number): StoreCell[][] {
  const out: StoreCell[][] = [Array.from({ length: columns }, (_, c) => `Col ${c + 1}`)];
  for (let r = 1; r < rows; r++) out.push(Array.from({ length: columns }, (_, c) => r * 100 + c));
  return out;
}

describe("readSelection", () => {
  it("reads every area of a multi-area selection with its values and formulas", async () => {
    const store = createWorkbookStore({ workbookName: "Budget.xlsx", activeSheet: "Sheet1", selection: "Sheet1!A1:C4,Sheet1!E1:E4", sheets: { Sheet1: SALES } });
    installMockExcel(store, { documentUrl: "https://contoso.sharepoint.com/sites/finance/Shared%20Documents/Budget%202025.xlsx?web=1" });

    const { payload, summary } = await readSelection();

    expect(summary).toMatchObject({ address: "Sheet1!A1:C4,Sheet1!E1:E4", sheet: "Sheet1", workbook: "Budget 2025.xlsx", areaCount: 2, cellCount: 16, sentCells: 16, sampled: false });
    expect(payload.workbook).toEqual({ name: "Budget 2025.xlsx" });
    expect(payload.worksheet).toEqual({ name: "Sheet1" });
    expect(payload.selectedRange.address).toBe("Sheet1!A1:C4,Sheet1!E1:E4");
    expect(payload.selectedRange.values).toBeUndefined();
    expect(payload.areas).toHaveLength(2);
    const [first, second] = payload.areas!;
    expect(first.address).toBe("Sheet1!A1:C4");
    expect(first.values).toEqual([
      ["Region", "Q1", "Q2"],
      ["North", 1200, 1350],
      ["South", 900, 1010],
      ["East", 1500, 1650.0000000000002],
    ]);
    expect(first.formulas?.[3][2]).toBe("=B4*1.1");
    expect(second).toMatchObject({ address: "Sheet1!E1:E4", values: [["Target"], [1300], [1000], [1600]], rowCount: 4, columnCount: 1 });
    // No formulas or special formats in the second area: the grids are not repeated for nothing.
    expect(second.formulas).toBeUndefined();
    expect(second.numberFormat).toBeUndefined();

    // The server reads it back as two positioned areas, not one area counted twice.
    const parsed = parseExcelContext(payload, { maxCells: 50_000 })!;
    expect(parsed.areas.map((a) => a.address)).toEqual(["Sheet1!A1:C4", "Sheet1!E1:E4"]);
    expect(parsed.totalCells).toBe(16);
    expect(parsed.workbook).toBe("Budget 2025.xlsx");
  });

  it("falls back to the workbook's name when the document has no URL", async () => {
    const store = createWorkbookStore({ workbookName: "Local.xlsx", activeSheet: "Data", selection: "Data!A1:B2", sheets: { Data: [[1, 2], [3, 4]] } });
    installMockExcel(store);
    const { payload } = await readSelection();
    expect(payload.workbook.name).toBe("Local.xlsx");
    expect(payload.selectedRange).toMatchObject({ address: "Data!A1:B2", values: [[1, 2], [3, 4]], rowCount: 2, columnCount: 2 });
    expect(payload.areas).toBeUndefined();
  });

  it("trims a whole-column selection to the used range", async () => {
    const store = createWorkbookStore({ workbookName: "B.xlsx", activeSheet: "Sheet1", selection: "Sheet1!B:B", sheets: { Sheet1: SALES } });
    installMockExcel(store);
    const { payload, summary } = await readSelection();
    expect(summary.cellCount).toBe(4);
    expect(payload.selectedRange).toMatchObject({ address: "Sheet1!B1:B4", values: [["Q1"], [1200], [900], [1500]], rowCount: 4, columnCount: 1 });
  });

  it("reads a large range in chunks that each stay under the per-request cell budget", async () => {
    const store = createWorkbookStore({ workbookName: "Big.xlsx", activeSheet: "Sheet1", selection: "Sheet1!A1:J1000", sheets: { Sheet1: bigSheet(1000, 10) } });
    const counters = installMockExcel(store);

    const { payload, summary } = await readSelection({ chunkCells: 2_500 });

    expect(summary).toMatchObject({ cellCount: 10_000, sentCells: 10_000, sampled: false });
    expect(payload.selectedRange.values).toHaveLength(1000);
    expect(payload.selectedRange.values![999]).toEqual(Array.from({ length: 10 }, (_, c) => 999 * 100 + c));
    const reads = counters.loadedCells.filter((n) => n > 0);
    expect(reads).toEqual([2_500, 2_500, 2_500, 2_500]);
  });

  it("analyses every cell of a selection over the cap, in chunks, and sends that analysis with a sample", async () => {
    const store = createWorkbookStore({ workbookName: "Huge.xlsx", activeSheet: "Sheet1", selection: "Sheet1!A1:L6000", sheets: { Sheet1: bigSheet(6000, 12) } });
    const counters = installMockExcel(store);
    const progress: number[] = [];

    const { payload, summary } = await readSelection({ maxCells: 50_000, sampleRows: 100, chunkCells: 1_000, onProgress: (done) => progress.push(done) });

    expect(summary).toMatchObject({ cellCount: 72_000, sampled: true, analysedWhole: true });
    const reads = counters.loadedCells.filter((n) => n > 0);
    expect(reads.reduce((a, b) => a + b, 0)).toBe(72_000);
    expect(Math.max(...reads)).toBeLessThanOrEqual(1_000);
    expect(progress.at(-1)).toBe(72_000);
    const range = payload.selectedRange;
    expect(range.sampledRows).toHaveLength(101);
    range.sampledRows!.forEach((sheetRow, i) => {
      if (sheetRow > 1) expect(range.values![i][0]).toBe((sheetRow - 1) * 100);
    });
    // Column A holds (row - 1) * 100 for rows 2..6000: its sum, computed here, is the whole column's.
    let sum = 0;
    for (let r = 2; r <= 6000; r++) sum += (r - 1) * 100;
    expect(range.analysis?.columns[0].numeric?.sum).toBe(sum);
    const parsed = parseExcelContext(payload, { maxCells: 50_000 })!;
    expect(parsed.wholeAnalysis?.lastDataRow).toBe(6000);
  });

  it("keeps the formulas the analysis needs (a total row at the bottom) without loading them everywhere", async () => {
    const sheet = bigSheet(6000, 2);
    sheet[5999] = ["=SUM(A2:A5999)", null];
    const store = createWorkbookStore({ workbookName: "Huge.xlsx", activeSheet: "Sheet1", selection: "Sheet1!A1:B6000", sheets: { Sheet1: sheet } });
    installMockExcel(store);
    const { payload } = await readSelection({ maxCells: 5_000, sampleRows: 100, chunkCells: 1_000 });
    const range = payload.selectedRange;
    expect(range.sampledRows?.at(-1)).toBe(6000);
    expect(range.formulas?.at(-1)?.[0]).toBe("=SUM(A2:A5999)");
    // Rows without formulas read as their values, as Office.js reports constants.
    expect(range.formulas?.[1]).toEqual(range.values?.[1]);
  });

  it("stops reading when cancelled", async () => {
    const store = createWorkbookStore({ workbookName: "Huge.xlsx", activeSheet: "Sheet1", selection: "Sheet1!A1:L6000", sheets: { Sheet1: bigSheet(6000, 12) } });
    const counters = installMockExcel(store);
    const controller = new AbortController();
    const read = readSelection({ maxCells: 50_000, chunkCells: 1_000, signal: controller.signal, onProgress: (done) => done >= 5_000 && controller.abort() });
    await expect(read).rejects.toThrow();
    expect(counters.loadedCells.reduce((a, b) => a + b, 0)).toBeLessThan(10_000);
  });

  it("summarizes a selection over the cap: header, sampled rows and the real size", async () => {
    const store = createWorkbookStore({ workbookName: "Huge.xlsx", activeSheet: "Sheet1", selection: "Sheet1!A1:L6000", sheets: { Sheet1: bigSheet(6000, 12) } });
    const counters = installMockExcel(store);

    const { payload, summary } = await readSelection({ maxCells: 50_000, sampleRows: 100, chunkCells: 1_000, wholeAnalysis: false });

    expect(summary).toMatchObject({ cellCount: 72_000, sampled: true });
    const range = payload.selectedRange;
    expect(range.rowCount).toBe(6000);
    expect(range.columnCount).toBe(12);
    expect(range.values).toHaveLength(101);
    expect(range.values![0][0]).toBe("Col 1");
    expect(range.sampledRows).toHaveLength(101);
    expect(range.sampledRows![0]).toBe(1);
    expect(range.sampledRows![range.sampledRows!.length - 1]).toBe(6000);
    // Each sampled row is the real row it claims to be.
    range.sampledRows!.forEach((sheetRow, i) => {
      if (sheetRow > 1) expect(range.values![i][0]).toBe((sheetRow - 1) * 100);
    });
    expect(summary.sentCells).toBe(101 * 12);
    const reads = counters.loadedCells.filter((n) => n > 0);
    expect(reads.reduce((a, b) => a + b, 0)).toBe(101 * 12);
    expect(Math.max(...reads)).toBeLessThanOrEqual(1_000);

    // The server accepts it under the guest cap and knows the declared size.
    const parsed = parseExcelContext(payload, { maxCells: 50_000 })!;
    expect(parsed.declaredRowCount).toBe(6000);
    expect(parsed.totalCells).toBe(101 * 12);
  });
});

describe("planSampleRows", () => {
  it("keeps every row of a small area", () => {
    expect(planSampleRows(5, 10)).toEqual([0, 1, 2, 3, 4]);
  });

  it("takes the header, a head, an evenly spread middle and a tail", () => {
    const rows = planSampleRows(10_000, 100);
    expect(rows[0]).toBe(0);
    expect(rows.length).toBeLessThanOrEqual(101);
    expect(rows.length).toBeGreaterThan(95);
    expect(rows.slice(0, 41)).toEqual(Array.from({ length: 41 }, (_, i) => i));
    expect(rows[rows.length - 1]).toBe(9_999);
    expect(new Set(rows).size).toBe(rows.length);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
    // Middle rows are spread out, not bunched at the top.
    expect(rows.some((r) => r > 4_000 && r < 6_000)).toBe(true);
  });

  it("groups consecutive rows into runs", () => {
    expect(toRuns([0, 1, 2, 7, 9, 10])).toEqual([
      { start: 0, count: 3 },
      { start: 7, count: 1 },
      { start: 9, count: 2 },
    ]);
  });
});
