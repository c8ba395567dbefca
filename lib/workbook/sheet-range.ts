// Ranges on an uploaded workbook's sheets: the A1 text a user types, the rectangle it names
// (0-based, like Excel's getRangeByIndexes) and the sheet's used range from SheetJS's `!ref`.
import type { WorkSheet } from "xlsx";
import { columnNumber, parseAreaAddress, rangeAddress, type CellRect } from "@/lib/excel";

export type SheetRect = CellRect;

export type RangeInput = { ok: true; sheet: string | null; rect: SheetRect } | { ok: false; error: string };

const REF_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/;

/** The used range SheetJS recorded for the sheet, or null for an empty sheet. */
export function usedRect(sheet: WorkSheet): SheetRect | null {
  const ref = sheet["!ref"];
  if (!ref) return null;
  const match = REF_RE.exec(ref.trim());
  if (!match) return null;
  const startColumn = columnNumber(match[1].toUpperCase());
  const startRow = Number(match[2]);
  const endColumn = match[3] ? columnNumber(match[3].toUpperCase()) : startColumn;
  const endRow = match[4] ? Number(match[4]) : startRow;
  // A sheet whose only "cell" is A1 with nothing in it is empty.
  if (startRow === endRow && startColumn === endColumn && !sheet[`${match[1].toUpperCase()}${match[2]}`]) return null;
  return { row: startRow - 1, column: startColumn - 1, rowCount: endRow - startRow + 1, columnCount: endColumn - startColumn + 1 };
}

/** `Sheet1!A1:D20` (sheet-qualified when a sheet is given). */
export function rectAddress(rect: SheetRect, sheet: string | null = null): string {
  return rangeAddress(rect.row + 1, rect.column + 1, rect.row + rect.rowCount, rect.column + rect.columnCount, sheet);
}

/** `A1:D20`, for an input field on one sheet. */
export function localAddress(rect: SheetRect): string {
  return rectAddress(rect, null);
}

/**
 * What a user typed into the range box: one rectangle in A1 notation (`B2:F40`, `C:C`, `2:10`,
 * `'My sheet'!A1:B5`). Several areas, names and R1C1 are refused with a message saying so.
 */
export function parseRangeInput(text: string, sheetNames: readonly string[]): RangeInput {
  const value = text.trim();
  if (!value) return { ok: false, error: "Enter a range such as A1:D20." };
  if (value.includes(",")) return { ok: false, error: "Enter one rectangular range; several areas separated by commas are not supported here." };
  const area = parseAreaAddress(value);
  if (!area) return { ok: false, error: `"${value.slice(0, 40)}" is not an A1 range such as A1:D20, B:B or 'Sheet 2'!A1:C10.` };
  if (area.sheet !== null && !sheetNames.includes(area.sheet)) {
    return { ok: false, error: `This workbook has no sheet named "${area.sheet.slice(0, 40)}".` };
  }
  return {
    ok: true,
    sheet: area.sheet,
    rect: {
      row: area.startRow - 1,
      column: area.startColumn - 1,
      rowCount: area.endRow - area.startRow + 1,
      columnCount: area.endColumn - area.startColumn + 1,
    },
  };
}
