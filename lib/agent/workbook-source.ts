// What the read tools need from a workbook, whoever holds it: the task pane reads Excel through
// Office.js (lib/addin/agent/office-workbook-source.ts), the playground reads the uploaded copy
// (lib/workbook/sheetjs-workbook-source.ts). The tools themselves (run-read-tool.ts) are written
// once against this port, so both clients answer the model the same way.
import type { CellRect, CellValue } from "@/lib/excel";

export type { CellRect };

export type SheetVisibility = "Visible" | "Hidden" | "VeryHidden";

export interface SheetEntry {
  name: string;
  visibility: SheetVisibility;
  /** Sheet-qualified used range, or null for an empty sheet. */
  usedRange: string | null;
  tables: { name: string; address: string }[];
}

export interface WorkbookMap {
  sheets: SheetEntry[];
  /** The workbook's names: what each refers to (`=Inputs!$B$2:$B$9`, or a constant) and, for a sheet-scoped name, its sheet. */
  namedRanges: { name: string; refersTo: string; scope?: string }[];
  /** The sheet an address without a sheet name refers to. */
  activeSheet: string;
}

export type CellGrid = CellValue[][];

export interface CellGrids {
  values: CellGrid;
  formulas: CellGrid;
  numberFormat: string[][];
}

export interface WorkbookSource {
  /** Sheets, tables and names, read fresh (a write may have changed the used ranges). */
  map(): Promise<WorkbookMap>;
  /**
   * The cells of `rect` on `sheet`, every row in order. Implementations read in pieces small
   * enough for one request; the caller keeps `rect` within what it means to hold in memory.
   */
  read(sheet: string, rect: CellRect): Promise<CellGrids>;
}
