// What an applied edit overwrote in the browser copy, so Undo can put it back exactly: the cell
// objects of the target rectangle (cells are replaced, never mutated, so keeping references is
// a faithful copy), the sheet's used-range marker and its column widths.
import type { CellObject, ColInfo, WorkBook } from "xlsx";
import { columnLetter } from "@/lib/excel";
import type { SheetRect } from "./sheet-range";

export interface WorkbookUndo {
  sheetName: string;
  address: string;
  rect: SheetRect;
  cells: (CellObject | undefined)[][];
  ref: string | undefined;
  cols: ColInfo[] | undefined;
}

export function cellKey(row: number, column: number): string {
  return `${columnLetter(column + 1)}${row + 1}`;
}

export function snapshotRect(workbook: WorkBook, sheetName: string, rect: SheetRect, address: string): WorkbookUndo {
  const sheet = workbook.Sheets[sheetName];
  const cells: (CellObject | undefined)[][] = [];
  for (let r = 0; r < rect.rowCount; r++) {
    const row: (CellObject | undefined)[] = [];
    for (let c = 0; c < rect.columnCount; c++) row.push(sheet[cellKey(rect.row + r, rect.column + c)] as CellObject | undefined);
    cells.push(row);
  }
  const cols = sheet["!cols"] as ColInfo[] | undefined;
  return { sheetName, address, rect, cells, ref: sheet["!ref"], cols: cols ? cols.map((col) => (col ? { ...col } : col)) : undefined };
}

export function restoreSnapshot(workbook: WorkBook, undo: WorkbookUndo): void {
  const sheet = workbook.Sheets[undo.sheetName];
  if (!sheet) throw new Error(`The sheet "${undo.sheetName}" is no longer in the workbook.`);
  for (let r = 0; r < undo.rect.rowCount; r++) {
    for (let c = 0; c < undo.rect.columnCount; c++) {
      const key = cellKey(undo.rect.row + r, undo.rect.column + c);
      const cell = undo.cells[r][c];
      if (cell) sheet[key] = cell;
      else delete sheet[key];
    }
  }
  if (undo.ref === undefined) delete sheet["!ref"];
  else sheet["!ref"] = undo.ref;
  if (undo.cols === undefined) delete sheet["!cols"];
  else sheet["!cols"] = undo.cols;
}
