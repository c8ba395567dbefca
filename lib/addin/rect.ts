// A rectangle of cells by 0-based indexes, the unit every chunked read and write works in
// (Worksheet.getRangeByIndexes takes exactly these four numbers).
import { parseAreaAddress, type CellRect } from "@/lib/excel";

export type Rect = CellRect;

/** One rectangle from an A1 address (`Sheet1!B2:D9`), with its sheet if the address names one. */
export function parseRect(address: string): (Rect & { sheet: string | null }) | null {
  const area = parseAreaAddress(address);
  if (!area) return null;
  return {
    sheet: area.sheet,
    row: area.startRow - 1,
    column: area.startColumn - 1,
    rowCount: area.endRow - area.startRow + 1,
    columnCount: area.endColumn - area.startColumn + 1,
  };
}

/** Row bands of `rect` with at most `maxCells` cells each (at least one row per band). */
export function rowBands(rect: Rect, maxCells: number): Rect[] {
  const rowsPerBand = Math.max(1, Math.floor(maxCells / Math.max(1, rect.columnCount)));
  const bands: Rect[] = [];
  for (let done = 0; done < rect.rowCount; done += rowsPerBand) {
    bands.push({ row: rect.row + done, column: rect.column, rowCount: Math.min(rowsPerBand, rect.rowCount - done), columnCount: rect.columnCount });
  }
  return bands;
}
