// Reads rows of one rectangle of a worksheet in pieces small enough for a single request:
// contiguous runs are split into chunks of at most `chunkCells` cells, and short runs (sampled
// rows) share a request until it is full. One context.sync per request.
import type { CellValue } from "@/lib/excel";
import type { Rect } from "./rect";

/** 0-based sheet row and column of the top-left cell, and how many columns to read. */
export type Columns = Pick<Rect, "row" | "column" | "columnCount">;

export interface Grids {
  values: CellValue[][];
  formulas: CellValue[][];
  numberFormat: string[][];
}

interface Piece {
  offset: number;
  count: number;
}

function piecesOf(runs: { start: number; count: number }[], rowsPerChunk: number): Piece[] {
  const pieces: Piece[] = [];
  for (const run of runs) {
    for (let done = 0; done < run.count; done += rowsPerChunk) {
      pieces.push({ offset: run.start + done, count: Math.min(rowsPerChunk, run.count - done) });
    }
  }
  return pieces;
}

export interface ChunkedReadOptions {
  /** Receives each request's rows as soon as they arrive; they are then not kept in the result. */
  onChunk?: (grids: Grids) => void;
  /** Checked before each request: an aborted read stops with the signal's reason. */
  signal?: AbortSignal;
  /**
   * `all` (default) loads formulas with every piece. `needed` loads them only where the analysis
   * uses them — the last piece (total rows) and pieces holding error values (the formula behind
   * an error) — in one more request; elsewhere the formulas grid repeats the values, as Office.js
   * reports it for constants. A million-cell read then moves a third less data.
   */
  formulas?: "all" | "needed";
}

function hasErrorValue(rows: CellValue[][]): boolean {
  for (const row of rows) for (const v of row) if (typeof v === "string" && v.charCodeAt(0) === 35) return true;
  return false;
}

export async function readRowsChunked(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  rect: Columns,
  runs: { start: number; count: number }[],
  chunkCells: number,
  options: ChunkedReadOptions = {},
): Promise<Grids> {
  const out: Grids = { values: [], formulas: [], numberFormat: [] };
  if (rect.columnCount <= 0) return out;
  const rowsPerChunk = Math.max(1, Math.floor(chunkCells / rect.columnCount));
  const pieces = piecesOf(runs, rowsPerChunk);

  const allFormulas = options.formulas !== "needed";
  const lastPiece = pieces[pieces.length - 1];
  let batch: { piece: Piece; range: Excel.Range }[] = [];
  let batchCells = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    options.signal?.throwIfAborted();
    await context.sync();
    const withFormulas = new Set<Excel.Range>();
    if (!allFormulas) {
      for (const { piece, range } of batch) {
        if (piece === lastPiece || hasErrorValue(range.values as CellValue[][])) {
          range.load("formulas");
          withFormulas.add(range);
        }
      }
      if (withFormulas.size > 0) await context.sync();
    }
    const sink: Grids = options.onChunk ? { values: [], formulas: [], numberFormat: [] } : out;
    for (const { range } of batch) {
      const values = range.values as CellValue[][];
      for (const row of values) sink.values.push(row);
      const formulas = allFormulas || withFormulas.has(range) ? (range.formulas as CellValue[][]) : values;
      for (const row of formulas) sink.formulas.push(row);
      for (const row of range.numberFormat as string[][]) sink.numberFormat.push(row);
    }
    options.onChunk?.(sink);
    batch = [];
    batchCells = 0;
  };

  for (const piece of pieces) {
    const cells = piece.count * rect.columnCount;
    if (batchCells > 0 && batchCells + cells > chunkCells) await flush();
    const range = sheet.getRangeByIndexes(rect.row + piece.offset, rect.column, piece.count, rect.columnCount);
    range.load(allFormulas ? "values, formulas, numberFormat" : "values, numberFormat");
    batch.push({ piece, range });
    batchCells += cells;
  }
  await flush();
  return out;
}
