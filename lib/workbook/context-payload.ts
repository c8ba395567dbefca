// The Excel context the playground posts to /api/chat: exactly what the task pane sends for a
// selection (lib/addin/context-payload.ts), built from the uploaded workbook instead of Office.js.
// Same caps as the add-in: up to RAW_CELL_CAP cells go as they are; a larger range sends its
// header plus rows spread over the range, and says how big the range really is.
import type { ExcelContextPayload, RangePayload } from "@/lib/addin/context-payload";
import { planSampleRows } from "@/lib/addin/plan-sample-rows";
import { RAW_CELL_CAP, SAMPLE_COLUMNS, SAMPLE_ROWS } from "@/lib/addin/selection-limits";
import type { WorkSheet } from "xlsx";
import { readGrid } from "./read-grid";
import { rectAddress, type SheetRect } from "./sheet-range";

export interface PayloadSummary {
  /** Cells in the chosen range. */
  cells: number;
  /** Cells put in the request. */
  sentCells: number;
  sentRows: number;
  sentColumns: number;
  sampled: boolean;
  /** Size of the JSON request body's context, in bytes. */
  bytes: number;
}

export interface BuiltPayload {
  payload: ExcelContextPayload;
  summary: PayloadSummary;
}

function hasFormula(grid: unknown[][]): boolean {
  return grid.some((row) => row.some((cell) => typeof cell === "string" && cell.startsWith("=")));
}

function hasNumberFormat(grid: string[][]): boolean {
  return grid.some((row) => row.some((format) => format !== "General" && format !== ""));
}

export function buildContextPayload(input: { workbookName: string; sheetName: string; sheet: WorkSheet; rect: SheetRect }): BuiltPayload {
  const { sheet, rect, sheetName } = input;
  const cells = rect.rowCount * rect.columnCount;
  const sampled = cells > RAW_CELL_CAP;
  const sentRect = sampled ? { ...rect, columnCount: Math.min(rect.columnCount, SAMPLE_COLUMNS) } : rect;
  const rows = sampled ? planSampleRows(rect.rowCount, SAMPLE_ROWS) : undefined;
  const grid = readGrid(sheet, sentRect, rows);

  const range: RangePayload = {
    // The whole range, as the add-in reports it; rowCount/columnCount and sampledRows say what the values cover.
    address: rectAddress(rect, sheetName),
    values: grid.values,
    rowCount: rect.rowCount,
    columnCount: rect.columnCount,
  };
  if (hasFormula(grid.formulas)) range.formulas = grid.formulas;
  if (hasNumberFormat(grid.numberFormat)) range.numberFormat = grid.numberFormat;
  if (rows) range.sampledRows = rows.map((offset) => rect.row + offset + 1);

  const payload: ExcelContextPayload = { selectedRange: range, worksheet: { name: sheetName }, workbook: { name: input.workbookName } };
  const sentRows = grid.values.length;
  return {
    payload,
    summary: {
      cells,
      sentCells: sentRows * sentRect.columnCount,
      sentRows,
      sentColumns: sentRect.columnCount,
      sampled,
      bytes: new TextEncoder().encode(JSON.stringify(payload)).length,
    },
  };
}
