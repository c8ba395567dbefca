// The Excel context the playground posts to /api/chat: exactly what the task pane sends for a
// selection (lib/addin/context-payload.ts), built from the uploaded workbook instead of Office.js.
// Same rules as the add-in: up to RAW_CELL_CAP cells go as they are; a larger range sends the
// analysis of every cell plus its header and rows spread over the range, with their sheet rows.
import type { Culture, ExcelContextPayload, RangePayload } from "@/lib/addin/context-payload";
import { buildLargeSelectionPayload } from "@/lib/addin/large-selection-payload";
import { RAW_CELL_CAP } from "@/lib/addin/selection-limits";
import type { TableAnalysis } from "@/lib/excel";
import type { WorkSheet } from "xlsx";
import { readGrid, type Grid } from "./read-grid";
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

export function buildContextPayload(input: {
  workbookName: string;
  sheetName: string;
  sheet: WorkSheet;
  rect: SheetRect;
  /** The range's cells when already read (the playground reads them to analyse the range). */
  grid?: Grid;
  /** The analysis of the whole range when already computed, so it is not computed twice. */
  analysis?: TableAnalysis;
  culture?: Culture;
}): BuiltPayload {
  const { sheet, rect, sheetName } = input;
  const cells = rect.rowCount * rect.columnCount;
  if (cells > RAW_CELL_CAP) {
    // The add-in's large-selection path: every cell analysed here, a sample with real rows sent.
    const grid = input.grid ?? readGrid(sheet, rect);
    const built = buildLargeSelectionPayload({
      workbook: input.workbookName,
      sheet: sheetName,
      startRow: rect.row + 1,
      startColumn: rect.column + 1,
      columnCount: rect.columnCount,
      values: grid.values,
      formulas: grid.formulas,
      numberFormat: grid.numberFormat,
      analysis: input.analysis,
      culture: input.culture,
    });
    return {
      payload: built.payload,
      summary: { cells, sentCells: built.sentRows * built.sentColumns, sentRows: built.sentRows, sentColumns: built.sentColumns, sampled: true, bytes: built.bytes },
    };
  }
  const grid = input.grid ?? readGrid(sheet, rect);
  const range: RangePayload = {
    address: rectAddress(rect, sheetName),
    values: grid.values,
    rowCount: rect.rowCount,
    columnCount: rect.columnCount,
  };
  if (hasFormula(grid.formulas)) range.formulas = grid.formulas;
  if (hasNumberFormat(grid.numberFormat)) range.numberFormat = grid.numberFormat;

  const payload: ExcelContextPayload = { selectedRange: range, worksheet: { name: sheetName }, workbook: { name: input.workbookName } };
  if (input.culture) payload.culture = input.culture;
  const sentRows = grid.values.length;
  return {
    payload,
    summary: {
      cells,
      sentCells: sentRows * rect.columnCount,
      sentRows,
      sentColumns: rect.columnCount,
      sampled: false,
      bytes: new TextEncoder().encode(JSON.stringify(payload)).length,
    },
  };
}
