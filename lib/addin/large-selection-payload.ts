// The context the pane sends for a selection too large to send whole: the analysis of EVERY cell
// (the same engine the server runs, here over the full grid) plus a sample of rows labelled with
// their real sheet rows, kept under a byte budget. A plain function of the grid, so the pane's
// worker, the playground and the evaluation build exactly the same body.

import { analyzeExcelContext, parseExcelContext, rangeAddress, type CellValue, type TableAnalysis } from "@/lib/excel";
import { toWholeAnalysis } from "@/lib/excel/whole-analysis";
import type { Culture, ExcelContextPayload, RangePayload } from "./context-payload";
import { planSampleRows } from "./plan-sample-rows";
import { LARGE_CONTEXT_BYTES, SAMPLE_COLUMNS, SAMPLE_ROWS } from "./selection-limits";

export interface LargeSelectionInput {
  workbook: string;
  sheet: string;
  /** 1-based sheet row and column of `values[0][0]`. */
  startRow: number;
  startColumn: number;
  /** Every row of the range, header included. */
  values: CellValue[][];
  formulas?: CellValue[][] | null;
  numberFormat?: (string | null)[][] | null;
  /** Width of the range (defaults to the widest row). */
  columnCount?: number;
  culture?: Culture;
  /** Data rows to sample at most (the byte budget may lower it). */
  sampleRows?: number;
  /** The engine's analysis of exactly these cells, when the caller already has it. */
  analysis?: TableAnalysis;
}

export interface LargeSelectionResult {
  payload: ExcelContextPayload;
  /** Data rows and columns actually put in the sample. */
  sentRows: number;
  sentColumns: number;
  /** Size of the JSON context, in bytes. */
  bytes: number;
}

function pick<T>(grid: T[][] | null | undefined, offsets: number[], columns: number): T[][] | undefined {
  if (!grid) return undefined;
  return offsets.map((o) => (grid[o] ?? []).slice(0, columns));
}

function hasFormula(grid: CellValue[][] | undefined): boolean {
  return !!grid && grid.some((row) => row.some((cell) => typeof cell === "string" && cell.startsWith("=")));
}

function hasNumberFormat(grid: (string | null)[][] | undefined): boolean {
  return !!grid && grid.some((row) => row.some((format) => format !== null && format !== "General" && format !== ""));
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;

export function buildLargeSelectionPayload(input: LargeSelectionInput): LargeSelectionResult {
  const rowCount = input.values.length;
  let width = input.columnCount ?? 0;
  if (!input.columnCount) for (const row of input.values) if (row.length > width) width = row.length;
  const address = rangeAddress(input.startRow, input.startColumn, input.startRow + rowCount - 1, input.startColumn + width - 1, input.sheet);

  const whole =
    input.analysis ??
    analyzeExcelContext(
      parseExcelContext(
        {
          selectedRange: { address, values: input.values, formulas: input.formulas ?? undefined, numberFormat: input.numberFormat ?? undefined, rowCount, columnCount: width },
          worksheet: { name: input.sheet },
          workbook: { name: input.workbook },
          // Text numbers and dates read in the workbook's culture, as the server would.
          ...(input.culture ? { culture: input.culture } : {}),
        },
        { maxCells: Number.MAX_SAFE_INTEGER },
      ),
    );
  const analysis = toWholeAnalysis(whole);

  let rows = input.sampleRows ?? SAMPLE_ROWS;
  let columns = Math.min(width, SAMPLE_COLUMNS);
  for (;;) {
    const offsets = planSampleRows(rowCount, rows);
    const range: RangePayload = { address, values: pick(input.values, offsets, columns), rowCount, columnCount: width };
    const formulas = pick(input.formulas, offsets, columns);
    if (hasFormula(formulas)) range.formulas = formulas;
    const formats = pick(input.numberFormat, offsets, columns);
    if (hasNumberFormat(formats)) range.numberFormat = formats as string[][];
    if (offsets.length < rowCount) range.sampledRows = offsets.map((o) => input.startRow + o);
    range.analysis = analysis;
    const payload: ExcelContextPayload = { selectedRange: range, worksheet: { name: input.sheet }, workbook: { name: input.workbook } };
    if (input.culture) payload.culture = input.culture;
    const bytes = byteLength(JSON.stringify(payload));
    // Long cell texts can make even a sample large: fewer rows first, then fewer columns.
    if (bytes <= LARGE_CONTEXT_BYTES || (rows <= 20 && columns <= 10)) {
      return { payload, sentRows: offsets.length, sentColumns: columns, bytes };
    }
    if (rows > 20) rows = Math.max(20, Math.floor(rows / 2));
    else columns = Math.max(10, Math.floor(columns / 2));
  }
}
