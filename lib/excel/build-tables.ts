// Turns the selection's areas into tables to analyse. Areas that share the same rows (a
// Ctrl-click of columns A and C, the usual way to pick chart data) become one table whose
// columns keep their real letters; any other area is a table of its own.

import { rangeAddress } from "@/lib/excel/parse-address";
import type { CellValue, ExcelArea, ExcelContext } from "@/lib/excel/types";

export interface TableColumnSource {
  area: ExcelArea;
  /** Column offset inside `area.values`. */
  offset: number;
  /** 1-based sheet column. */
  sheetColumn: number;
}

export interface TableSource {
  sheet: string | null;
  startRow: number;
  rowCount: number;
  columns: TableColumnSource[];
  /** Sheet-local address(es), e.g. `A1:A20,C1:C20`. */
  address: string;
  /** Sheet row of each table row when the rows are a sample; null when they are contiguous. */
  sheetRows: number[] | null;
}

export function buildTables(context: ExcelContext): TableSource[] {
  const groups: { key: string; areas: ExcelArea[] }[] = [];
  for (const area of context.areas) {
    // A sampled area (rows not contiguous) cannot share rows with another: it stands alone.
    const key = area.sheetRows ? `\u0001${groups.length}` : `${area.sheet ?? ""}\u0000${area.startRow}\u0000${area.rowCount}`;
    // Overlapping columns would analyse the same cells twice; such an area stands alone.
    const group = groups.find(
      (g) =>
        g.key === key &&
        !g.areas.some((a) => a.startColumn < area.startColumn + area.columnCount && area.startColumn < a.startColumn + a.columnCount),
    );
    if (group) group.areas.push(area);
    else groups.push({ key, areas: [area] });
  }
  return groups.map(({ areas }) => {
    const sorted = [...areas].sort((a, b) => a.startColumn - b.startColumn);
    const columns: TableColumnSource[] = [];
    for (const area of sorted) {
      for (let c = 0; c < area.columnCount; c++) columns.push({ area, offset: c, sheetColumn: area.startColumn + c });
    }
    const first = sorted[0];
    return {
      sheet: first.sheet,
      startRow: first.startRow,
      rowCount: first.rowCount,
      columns,
      sheetRows: sorted.length === 1 ? (first.sheetRows ?? null) : null,
      address: sorted
        .map((a) => rangeAddress(a.startRow, a.startColumn, a.startRow + a.rowCount - 1, a.startColumn + a.columnCount - 1))
        .join(","),
    };
  });
}

/** The 1-based sheet row of table row `r` (sampled rows keep their real numbers). */
export function sheetRowOf(source: TableSource, r: number): number {
  return source.sheetRows?.[r] ?? source.startRow + r;
}

/** The cell at table row `r` of a column; ragged rows read as null. */
export function cellAt(column: TableColumnSource, r: number): CellValue {
  const row = column.area.values[r];
  if (!row) return null;
  const v = row[column.offset];
  return v === undefined ? null : v;
}

/** The formula at table row `r`, when the add-in sent formulas. */
export function formulaAt(column: TableColumnSource, r: number): CellValue {
  const row = column.area.formulas?.[r];
  if (!row) return null;
  const v = row[column.offset];
  return v === undefined ? null : v;
}
