// What applying a proposal must keep so Undo restores the sheet exactly, and — shown on the
// card before the user applies — when that is not fully possible. Pure: decided from the
// proposal and the size of its range, before Excel is touched.
import type { Rect } from "@/lib/addin/rect";
import type { Proposal } from "./proposal";
import { snapshotTooLarge, UNDO_FORMAT_CELLS, type SnapshotOptions } from "./range-snapshot";

/** Everything a sort moves with the rows, so undo can move it back. */
const MOVED_CELL_FORMATS: Excel.CellPropertiesLoadOptions = {
  format: {
    fill: { color: true, pattern: true },
    font: { bold: true, italic: true, color: true, underline: true, strikethrough: true, name: true, size: true },
    horizontalAlignment: true,
    wrapText: true,
    borders: { color: true, style: true, weight: true },
  },
};

/** What a new table's style paints over. */
const TABLE_FORMATS: Excel.CellPropertiesLoadOptions = {
  format: { fill: { color: true, pattern: true }, font: { bold: true, color: true }, borders: { color: true, style: true, weight: true } },
};

export interface UndoPlan {
  snapshot: SnapshotOptions | null;
  /** Shown on the card before applying; null when undo will be exact. */
  note: string | null;
  /** False when nothing can be restored at all. */
  undoable: boolean;
}

function formatOptions(input: Extract<Proposal, { toolName: "format_range" }>["input"]): SnapshotOptions {
  const fill = input.fillColor !== undefined;
  const font = input.bold !== undefined || input.italic !== undefined || input.fontColor !== undefined;
  const cellFormat: Excel.CellPropertiesFormatLoadOptions = {};
  if (fill) cellFormat.fill = { color: true, pattern: true };
  if (font) cellFormat.font = { bold: input.bold !== undefined, italic: input.italic !== undefined, color: input.fontColor !== undefined };
  if (input.horizontalAlignment !== undefined) cellFormat.horizontalAlignment = true;
  if (input.wrapText !== undefined) cellFormat.wrapText = true;
  return {
    numberFormat: input.numberFormat !== undefined,
    formats: Object.keys(cellFormat).length > 0 ? { format: cellFormat } : undefined,
    columnWidths: input.columnWidth !== undefined || input.autofitColumns === true,
  };
}

export function planUndo(proposal: Proposal, rect: Rect): UndoPlan {
  switch (proposal.toolName) {
    case "write_range": {
      const snapshot: SnapshotOptions = { formulas: true, numberFormat: true };
      const tooLarge = snapshotTooLarge(rect, snapshot);
      return tooLarge ? { snapshot: null, note: tooLarge, undoable: false } : { snapshot, note: null, undoable: true };
    }
    case "format_range": {
      const snapshot = formatOptions(proposal.input);
      const tooLarge = snapshotTooLarge(rect, snapshot);
      return tooLarge ? { snapshot: null, note: tooLarge, undoable: false } : { snapshot, note: null, undoable: true };
    }
    case "sort_range": {
      const content: SnapshotOptions = { formulas: true, numberFormat: true };
      const contentTooLarge = snapshotTooLarge(rect, content);
      if (contentTooLarge) return { snapshot: null, note: contentTooLarge, undoable: false };
      if (snapshotTooLarge(rect, { formats: MOVED_CELL_FORMATS })) {
        return {
          snapshot: content,
          note: `Undo puts the values and formulas back in their original order, but not the cell formatting (over ${UNDO_FORMAT_CELLS.toLocaleString("en-US")} cells).`,
          undoable: true,
        };
      }
      return { snapshot: { ...content, formats: MOVED_CELL_FORMATS }, note: null, undoable: true };
    }
    case "create_table": {
      const snapshot: SnapshotOptions = { formats: TABLE_FORMATS };
      const formatsKept = !snapshotTooLarge(rect, snapshot);
      const notes: string[] = [];
      if (!formatsKept) notes.push("Undo converts the table back to a range but cannot restore the cells' previous formatting (too many cells).");
      if (!proposal.input.hasHeaders) notes.push("Excel adds a header row above the data; undo removes the table but may leave that row.");
      return { snapshot: formatsKept ? snapshot : null, note: notes.length > 0 ? notes.join(" ") : null, undoable: true };
    }
    case "add_conditional_format":
    case "filter_range":
    case "add_chart":
      // Undo deletes what was added (or re-applies the previous filter): nothing to snapshot.
      return { snapshot: null, note: null, undoable: true };
  }
}
