// Rows of one range arriving in chunks (the add-in reads a large selection a piece at a time),
// gathered into the grids the engine analyses. Formulas and number formats are kept only once a
// chunk carries some: until then they cost nothing, and the rows before are filled in the way
// Office.js reports them (a formula grid repeats plain values; no format reads as General).

import type { CellValue } from "@/lib/excel/types";

export interface RowChunk {
  values: CellValue[][];
  /** Omit (or null) when no cell of the chunk holds a formula. */
  formulas?: CellValue[][] | null;
  /** Omit (or null) when every cell of the chunk is General. */
  numberFormat?: (string | null)[][] | null;
  /**
   * Instead of `numberFormat`: one format per column, the same on every row of the chunk (the
   * usual case). Every row then shares this one array, so nothing is copied per row.
   */
  columnFormats?: (string | null)[] | null;
}

/** One format per column when every row of `grid` has the same formats, else null. */
export function uniformColumnFormats(grid: (string | null)[][]): (string | null)[] | null {
  const first = grid[0];
  if (!first) return null;
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    if (row.length !== first.length) return null;
    for (let c = 0; c < row.length; c++) if (row[c] !== first[c]) return null;
  }
  return first;
}

export interface AccumulatedGrids {
  values: CellValue[][];
  formulas: CellValue[][] | null;
  numberFormat: (string | null)[][] | null;
}

const NO_FORMAT: (string | null)[] = [];

export class RowAccumulator {
  private readonly values: CellValue[][] = [];
  private formulas: CellValue[][] | null = null;
  private numberFormat: (string | null)[][] | null = null;

  get rowCount(): number {
    return this.values.length;
  }

  add(chunk: RowChunk): void {
    const start = this.values.length;
    for (const row of chunk.values) this.values.push(row);
    if (chunk.formulas) {
      this.formulas ??= this.values.slice(0, start);
      for (const row of chunk.formulas) this.formulas.push(row);
    } else if (this.formulas) {
      for (const row of chunk.values) this.formulas.push(row);
    }
    if (chunk.numberFormat) {
      this.numberFormat ??= Array.from({ length: start }, () => NO_FORMAT);
      for (const row of chunk.numberFormat) this.numberFormat.push(row);
    } else if (chunk.columnFormats) {
      this.numberFormat ??= Array.from({ length: start }, () => NO_FORMAT);
      for (let i = 0; i < chunk.values.length; i++) this.numberFormat.push(chunk.columnFormats);
    } else if (this.numberFormat) {
      for (let i = 0; i < chunk.values.length; i++) this.numberFormat.push(NO_FORMAT);
    }
  }

  grids(): AccumulatedGrids {
    return { values: this.values, formulas: this.formulas, numberFormat: this.numberFormat };
  }
}
