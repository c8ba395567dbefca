// The Excel context exactly as the task pane posts it to /api/chat: the original add-in's shape
// that lib/excel/context-schema.ts reads, plus optional fields that say what was left out.
import type { CellValue, WorkbookCulture } from "@/lib/excel/types";
import type { WholeAnalysis } from "@/lib/excel/whole-analysis";

export interface RangePayload {
  /** Sheet-qualified A1 address of the cells in `values` (or of the whole selection). */
  address: string;
  values?: CellValue[][];
  /** Sent only when at least one cell holds a formula: otherwise it would repeat `values`. */
  formulas?: CellValue[][];
  /** Sent only when at least one cell has a format other than General. */
  numberFormat?: string[][];
  /** The real size of the range, which may exceed the rows and columns sent. */
  rowCount: number;
  columnCount: number;
  /** 1-based sheet rows of `values` when the range was sampled (first entry: the header). */
  sampledRows?: number[];
  /**
   * The analysis of every cell of the range, computed in the pane when only a sample of its rows
   * is sent (lib/excel/whole-analysis.ts).
   */
  analysis?: WholeAnalysis;
}

/** How the workbook writes numbers and dates (Office.js cultureInfo), so text reads right. */
export type Culture = WorkbookCulture;

export interface ExcelContextPayload {
  selectedRange: RangePayload;
  worksheet: { name: string };
  workbook: { name: string };
  /** Present for multi-area selections: one entry per area, each with its own cells. */
  areas?: RangePayload[];
  culture?: Culture;
}

/** What the context chip shows about a selection, next to the payload itself. */
export interface SelectionSummary {
  address: string;
  sheet: string;
  workbook: string;
  areaCount: number;
  /** Cells in the selection (after trimming whole rows/columns to the used range). */
  cellCount: number;
  /** Cells actually put in the payload. */
  sentCells: number;
  /** True when the selection was over the cap and rows or columns were sampled. */
  sampled: boolean;
  /** True when the pane analysed every cell and sent that analysis with the sample. */
  analysedWhole: boolean;
}

export interface SelectionRead {
  payload: ExcelContextPayload;
  summary: SelectionSummary;
}
