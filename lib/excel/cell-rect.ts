// A rectangle of cells by 0-based indexes (as Office.js's getRangeByIndexes takes it), shared by
// the task pane, the playground and the agent's read tools.

export interface CellRect {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

/** The part of `rect` inside `bounds`, or null when they do not overlap. */
export function intersectRect(rect: CellRect, bounds: CellRect): CellRect | null {
  const top = Math.max(rect.row, bounds.row);
  const left = Math.max(rect.column, bounds.column);
  const bottom = Math.min(rect.row + rect.rowCount, bounds.row + bounds.rowCount);
  const right = Math.min(rect.column + rect.columnCount, bounds.column + bounds.columnCount);
  if (bottom <= top || right <= left) return null;
  return { row: top, column: left, rowCount: bottom - top, columnCount: right - left };
}
