// What an edit is about to overwrite, kept so Undo can put it back exactly: formulas (which
// hold the constants too), number formats, the per-cell formatting an edit changes, and column
// widths. Read and written back in row bands so no single request exceeds Excel's payload limit
// (~5 MB on the web); per-cell properties are heavy, so their bands are smaller.
import type { CellValue } from "@/lib/excel";
import { rowBands, type Rect } from "@/lib/addin/rect";

/** Largest edit whose content (formulas + number formats) is kept for undo. */
const UNDO_CONTENT_CELLS = 200_000;
/** Largest edit whose per-cell formatting is kept for undo. */
export const UNDO_FORMAT_CELLS = 50_000;
const CONTENT_BAND_CELLS = 30_000;
const PROPERTIES_BAND_CELLS = 5_000;

export interface SnapshotOptions {
  /** Formulas hold constants too, so restoring them restores every value. */
  formulas?: boolean;
  numberFormat?: boolean;
  /** Which cell properties to keep (only what the edit changes, to keep snapshots small). */
  formats?: Excel.CellPropertiesLoadOptions;
  columnWidths?: boolean;
}

export interface RangeSnapshot {
  sheetName: string;
  rect: Rect;
  formulas?: CellValue[][];
  numberFormat?: string[][];
  cellProperties?: Excel.SettableCellProperties[][];
  columnWidths?: number[];
}

/** Why a snapshot of this size cannot be kept, or null when it can. */
export function snapshotTooLarge(rect: Rect, options: SnapshotOptions): string | null {
  const cells = rect.rowCount * rect.columnCount;
  const fmt = (n: number) => n.toLocaleString("en-US");
  if ((options.formulas || options.numberFormat) && cells > UNDO_CONTENT_CELLS) {
    return `${fmt(cells)} cells is more than undo can keep (${fmt(UNDO_CONTENT_CELLS)}); this change cannot be undone.`;
  }
  if (options.formats && cells > UNDO_FORMAT_CELLS) {
    return `${fmt(cells)} cells is more formatting than undo can keep (${fmt(UNDO_FORMAT_CELLS)}); this change cannot be undone.`;
  }
  return null;
}

function bandRange(sheet: Excel.Worksheet, band: Rect): Excel.Range {
  return sheet.getRangeByIndexes(band.row, band.column, band.rowCount, band.columnCount);
}

/** Only the settable part: getCellProperties also reports address and other read-only fields. */
function settable(properties: Excel.CellProperties[][]): Excel.SettableCellProperties[][] {
  return properties.map((row) => row.map((cell) => ({ format: cell.format })));
}

export async function captureRange(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  sheetName: string,
  rect: Rect,
  options: SnapshotOptions,
): Promise<RangeSnapshot> {
  const snapshot: RangeSnapshot = { sheetName, rect };
  if (options.formulas || options.numberFormat) {
    const formulas: CellValue[][] = [];
    const numberFormat: string[][] = [];
    const load = [options.formulas ? "formulas" : "", options.numberFormat ? "numberFormat" : ""].filter(Boolean).join(", ");
    for (const band of rowBands(rect, CONTENT_BAND_CELLS)) {
      const range = bandRange(sheet, band);
      range.load(load);
      await context.sync();
      if (options.formulas) formulas.push(...(range.formulas as CellValue[][]));
      if (options.numberFormat) numberFormat.push(...(range.numberFormat as string[][]));
    }
    if (options.formulas) snapshot.formulas = formulas;
    if (options.numberFormat) snapshot.numberFormat = numberFormat;
  }
  if (options.formats) {
    snapshot.cellProperties = [];
    for (const band of rowBands(rect, PROPERTIES_BAND_CELLS)) {
      const result = bandRange(sheet, band).getCellProperties(options.formats);
      await context.sync();
      snapshot.cellProperties.push(...settable(result.value));
    }
  }
  if (options.columnWidths) {
    const result = bandRange(sheet, { ...rect, rowCount: 1 }).getColumnProperties({ format: { columnWidth: true } });
    await context.sync();
    snapshot.columnWidths = result.value.map((column) => column.format?.columnWidth ?? 0);
  }
  return snapshot;
}

function sliceRows<T>(grid: T[][], band: Rect, rect: Rect): T[][] {
  return grid.slice(band.row - rect.row, band.row - rect.row + band.rowCount);
}

export async function restoreRange(context: Excel.RequestContext, sheet: Excel.Worksheet, snapshot: RangeSnapshot): Promise<void> {
  const { rect } = snapshot;
  if (snapshot.cellProperties) {
    for (const band of rowBands(rect, PROPERTIES_BAND_CELLS)) {
      bandRange(sheet, band).setCellProperties(sliceRows(snapshot.cellProperties, band, rect));
      await context.sync();
    }
  }
  if (snapshot.columnWidths) {
    bandRange(sheet, { ...rect, rowCount: 1 }).setColumnProperties(snapshot.columnWidths.map((columnWidth) => ({ format: { columnWidth } })));
    await context.sync();
  }
  if (snapshot.formulas || snapshot.numberFormat) {
    for (const band of rowBands(rect, CONTENT_BAND_CELLS)) {
      const range = bandRange(sheet, band);
      // Formats first: a text-formatted cell must be text again before "00123" goes back in.
      if (snapshot.numberFormat) range.numberFormat = sliceRows(snapshot.numberFormat, band, rect);
      if (snapshot.formulas) range.formulas = sliceRows(snapshot.formulas, band, rect) as unknown as string[][];
      await context.sync();
    }
  }
}
