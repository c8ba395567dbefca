// A proposal's address (already normalised by the server: one rectangle, optionally
// sheet-qualified) as a worksheet and range proxy in this Excel.run context, plus its numeric
// bounds so snapshots can be read and written back in chunks.
import { rangeAddress } from "@/lib/excel";
import { parseRect, type Rect } from "@/lib/addin/rect";

export interface ResolvedRange {
  sheet: Excel.Worksheet;
  sheetName: string;
  range: Excel.Range;
  rect: Rect;
  /** The sheet-qualified address shown on the card and kept for undo. */
  address: string;
}

/** Resolves `address` on its own sheet, or on the active sheet when it names none. */
export async function resolveRange(context: Excel.RequestContext, address: string): Promise<ResolvedRange> {
  const parsed = parseRect(address);
  if (!parsed) throw new Error(`"${address}" is not a range this add-in can change.`);
  const worksheets = context.workbook.worksheets;
  const sheet = parsed.sheet ? worksheets.getItem(parsed.sheet) : worksheets.getActiveWorksheet();
  sheet.load("name");
  await context.sync();
  const rect: Rect = { row: parsed.row, column: parsed.column, rowCount: parsed.rowCount, columnCount: parsed.columnCount };
  return {
    sheet,
    sheetName: sheet.name,
    range: sheet.getRangeByIndexes(rect.row, rect.column, rect.rowCount, rect.columnCount),
    rect,
    address: rangeAddress(rect.row + 1, rect.column + 1, rect.row + rect.rowCount, rect.column + rect.columnCount, sheet.name),
  };
}
