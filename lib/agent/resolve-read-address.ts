// Turns the address a model asked to read into one sheet and rectangle: an A1 range (sheet-
// qualified, or on the active sheet), a table name or a workbook name. Whole columns and rows are
// cut to the sheet's used range, as a person means "column B" to be its data. Anything else is a
// clear error naming what exists, so the model's next step can ask for the right thing.
import { intersectRect, parseAreaAddress, rangeAddress } from "@/lib/excel";
import type { CellRect, WorkbookMap } from "./workbook-source";

export interface ResolvedRead {
  sheet: string;
  rect: CellRect;
  /** Sheet-qualified A1 address of `rect`. */
  address: string;
}

export class ReadToolError extends Error {}

const MAX_LISTED = 12;

function listed(names: string[]): string {
  const shown = names.slice(0, MAX_LISTED).map((name) => `"${name}"`);
  return names.length > MAX_LISTED ? `${shown.join(", ")} and ${names.length - MAX_LISTED} more` : shown.join(", ");
}

export function rectAddressOn(sheet: string, rect: CellRect): string {
  return rangeAddress(rect.row + 1, rect.column + 1, rect.row + rect.rowCount, rect.column + rect.columnCount, sheet);
}

function areaRect(area: { startRow: number; startColumn: number; endRow: number; endColumn: number }): CellRect {
  return { row: area.startRow - 1, column: area.startColumn - 1, rowCount: area.endRow - area.startRow + 1, columnCount: area.endColumn - area.startColumn + 1 };
}

/** The sheet's used range as a rectangle, or null when the sheet is empty. */
export function usedRectOf(map: WorkbookMap, sheet: string): CellRect | null {
  const used = map.sheets.find((s) => s.name === sheet)?.usedRange;
  const area = used ? parseAreaAddress(used) : null;
  return area ? areaRect(area) : null;
}

function findSheet(map: WorkbookMap, name: string): string {
  const exact = map.sheets.find((s) => s.name === name) ?? map.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!exact) throw new ReadToolError(`This workbook has no sheet named "${name}". Its sheets are ${listed(map.sheets.map((s) => s.name))}.`);
  return exact.name;
}

function byName(map: WorkbookMap, text: string): string | null {
  const wanted = text.trim().toLowerCase();
  for (const sheet of map.sheets) {
    const table = sheet.tables.find((t) => t.name.toLowerCase() === wanted);
    if (table) return table.address;
  }
  const name = map.namedRanges.find((n) => n.name.toLowerCase() === wanted);
  return name ? name.refersTo.replace(/^=/, "").replace(/\$/g, "") : null;
}

export function resolveReadAddress(map: WorkbookMap, address: string): ResolvedRead {
  const text = address.trim();
  if (text.includes(",")) throw new ReadToolError(`"${text.slice(0, 80)}" names several areas; read one rectangular range at a time.`);
  const area = parseAreaAddress(text) ?? (() => {
    const target = byName(map, text);
    return target ? parseAreaAddress(target) : null;
  })();
  if (!area) {
    throw new ReadToolError(
      `"${text.slice(0, 80)}" is not an A1 range (such as Sheet1!A1:D20), a table or a named range of this workbook. Call list_sheets to see what exists.`,
    );
  }
  const sheet = findSheet(map, area.sheet ?? map.activeSheet);
  let rect = areaRect(area);
  const wholeLines = area.endRow === 1_048_576 || area.endColumn === 16_384;
  if (wholeLines) {
    const used = usedRectOf(map, sheet);
    const clipped = used ? intersectRect(rect, used) : null;
    // Nothing there: an empty first cell says so without reading a million empty ones.
    rect = clipped ?? { row: rect.row, column: rect.column, rowCount: 1, columnCount: 1 };
  }
  return { sheet, rect, address: rectAddressOn(sheet, rect) };
}
