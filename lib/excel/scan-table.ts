// The one pass over every cell: classify it, keep its number in a typed array, count kinds,
// text values, errors and formats, and fold it into a per-row hash for duplicate detection.
// Everything later (statistics, insights, recommendations) reads these arrays, never the cells.

import * as cc from "@/lib/excel/classify-cell";
import { DistinctSketch } from "@/lib/excel/distinct-sketch";
import { formatNumber } from "@/lib/excel/format-value";
import { columnLetter } from "@/lib/excel/parse-address";
import type { TableColumnSource, TableSource } from "@/lib/excel/build-tables";

// Read once: transpiled imports are getters, too slow to call once per cell.
const { classifyInto, excelSerialToIso, formatCode, KIND_COUNT, K_BOOLEAN, K_CURRENCY, K_DATE, K_EMPTY, K_ERROR, K_NUMBER, K_PERCENT, K_TEXT, numberSlot } = cc;

/**
 * Distinct text values counted exactly per column (enough for top values and categories); values
 * first seen after that are counted by a sketch, so `distinct` becomes an estimate.
 */
const TEXT_DISTINCT_CAP = 5_000;

export interface ColumnScan {
  source: TableColumnSource;
  letter: string;
  /** Kind code per table row (header row included). */
  kinds: Uint8Array;
  /** Number per table row where the kind carries one (number, currency, percent, date, boolean). */
  nums: Float64Array;
  /** Data-row cells per kind code (header excluded once decided). */
  kindCounts: Int32Array;
  /** Text and boolean values → id; `textCounts[id]` is how often it occurs in data rows. */
  textIds: Map<string, number> | null;
  textKeys: string[];
  textCounts: number[];
  textCapped: boolean;
  /** Distinct values first seen after the cap, estimated. */
  overflow: DistinctSketch | null;
  errorCounts: Map<string, number> | null;
  formatCounts: Map<string, number> | null;
  currencySymbol: string | null;
  header: string;
  /** Data cells whose value is text that reads as a number (Excel's SUM skips them). */
  textNumbers: number;
  /** Data cells Office.js sent as real numbers (so the sheet is typed, not pasted text). */
  typedNumbers: number;
}

export interface ScannedTable {
  source: TableSource;
  /** Rows in the table, header included. */
  rows: number;
  hasHeader: boolean;
  /** First data row index (0 or 1). */
  bodyStart: number;
  columns: ColumnScan[];
  /** Per-row hashes and non-empty cell counts, for duplicate detection. */
  rowHash1: Int32Array;
  rowHash2: Int32Array;
  rowFilled: Int32Array;
  /** Table rows recognised as totals or subtotals (kind `K_EXCLUDED` in every column). */
  excludedRows: number[];
  /** Last table row that is data: trailing totals come after it. */
  lastBodyRow: number;
}

const CURRENCY_RE = /[$€£¥₹₩₽₺₪฿₫₦₴₱]/;

const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);

/** A cell-level hash for a string we no longer track by id (the distinct cap was reached). */
function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h;
}

function uniformFormat(column: TableColumnSource): string | null | undefined {
  const nf = column.area.numberFormat;
  if (!nf) return null;
  // A single format for a larger range applies to every cell.
  if (nf.length === 1 && nf[0].length === 1 && (column.area.rowCount > 1 || column.area.columnCount > 1)) return nf[0][0];
  return undefined;
}

function scanColumn(column: TableColumnSource, j: number, rows: number, h1: Int32Array, h2: Int32Array, filled: Int32Array): ColumnScan {
  const values = column.area.values;
  const off = column.offset;
  const formats = column.area.numberFormat;
  const uniform = uniformFormat(column);
  const kinds = new Uint8Array(rows);
  const nums = new Float64Array(rows);
  const kindCounts = new Int32Array(KIND_COUNT);
  let textIds: Map<string, number> | null = null;
  const textKeys: string[] = [];
  const textCounts: number[] = [];
  let textCapped = false;
  let overflow: DistinctSketch | null = null;
  let errorCounts: Map<string, number> | null = null;
  let formatCounts: Map<string, number> | null = null;
  let currencySymbol: string | null = null;
  let textNumbers = 0;
  let typedNumbers = 0;
  const salt = Math.imul(j + 1, 0x27d4eb2d);

  let lastFormat: string | null | undefined = uniform === undefined ? null : uniform;
  let code = formatCode(lastFormat);
  let run = 0;

  for (let r = 0; r < rows; r++) {
    const row = values[r];
    const v = row === undefined ? null : row[off];
    if (uniform === undefined) {
      const fr = formats?.[r];
      const f = fr === undefined ? null : fr[off] ?? null;
      if (f !== lastFormat) {
        if (run > 0 && lastFormat) {
          formatCounts ??= new Map();
          formatCounts.set(lastFormat, (formatCounts.get(lastFormat) ?? 0) + run);
        }
        run = 0;
        lastFormat = f;
        code = formatCode(f);
      }
      run++;
    }
    const k = classifyInto(v, code);
    kinds[r] = k;
    kindCounts[k]++;
    if (k === K_EMPTY) continue;
    let cell: number;
    if (k === K_TEXT || k === K_BOOLEAN) {
      const key = k === K_BOOLEAN ? (numberSlot[0] === 1 ? "TRUE" : "FALSE") : (v as string);
      if (k === K_BOOLEAN) nums[r] = numberSlot[0];
      textIds ??= new Map();
      let id = textIds.get(key);
      if (id === undefined) {
        if (textIds.size < TEXT_DISTINCT_CAP) {
          id = textKeys.length;
          textIds.set(key, id);
          textKeys.push(key);
          textCounts.push(1);
          cell = id + 0x1000;
        } else {
          textCapped = true;
          cell = stringHash(key);
          overflow ??= new DistinctSketch();
          overflow.add(cell);
        }
      } else {
        textCounts[id]++;
        cell = id + 0x1000;
      }
    } else if (k === K_ERROR) {
      const key = (v as string).trim().toUpperCase();
      errorCounts ??= new Map();
      errorCounts.set(key, (errorCounts.get(key) ?? 0) + 1);
      cell = stringHash(key);
    } else {
      const n = numberSlot[0];
      nums[r] = n;
      if (typeof v === "string") {
        if (k !== K_DATE) textNumbers++;
      } else if (typeof v === "number") typedNumbers++;
      f64[0] = n;
      cell = i32[0] ^ Math.imul(i32[1], 0x9e3779b1);
      if (k === K_CURRENCY && currencySymbol === null) {
        const source = typeof v === "string" ? v : (lastFormat ?? "");
        currencySymbol = CURRENCY_RE.exec(source)?.[0] ?? null;
      }
    }
    cell ^= salt;
    filled[r]++;
    h1[r] = Math.imul(h1[r] ^ cell, 16777619);
    h2[r] = Math.imul((h2[r] + cell) ^ (h2[r] >>> 13), 0x5bd1e995);
  }
  if (run > 0 && lastFormat) {
    formatCounts ??= new Map();
    formatCounts.set(lastFormat, (formatCounts.get(lastFormat) ?? 0) + run);
  } else if (uniform) {
    formatCounts = new Map([[uniform, rows]]);
  }

  return {
    source: column,
    letter: columnLetter(column.sheetColumn),
    kinds,
    nums,
    kindCounts,
    textIds,
    textKeys,
    textCounts,
    textCapped,
    overflow,
    errorCounts,
    formatCounts,
    currencySymbol,
    header: `Column ${columnLetter(column.sheetColumn)}`,
    textNumbers,
    typedNumbers,
  };
}

const NUMERIC_KINDS = new Set([K_NUMBER, K_CURRENCY, K_PERCENT]);

function isYearLike(scan: ColumnScan): boolean {
  const n = scan.nums[0];
  return scan.kinds[0] === K_NUMBER && Number.isInteger(n) && n >= 1900 && n <= 2100;
}

/** Dominant kind of the data rows below row 0 (empty ignored). */
function bodyKind(scan: ColumnScan): number {
  let best = K_EMPTY;
  let bestCount = 0;
  for (let k = 1; k < KIND_COUNT; k++) {
    const count = scan.kindCounts[k] - (scan.kinds[0] === k ? 1 : 0);
    if (count > bestCount) {
      best = k;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Row 0 is a header when it is all labels (text, year numbers or dates) and at least one column
 * changes character below it (text over numbers, a year over figures); for all-text tables, when
 * every label is unique to row 0.
 */
function detectHeader(columns: ColumnScan[], rows: number): boolean {
  if (rows < 2) return false;
  let texts = 0;
  let years = 0;
  let nonEmpty = 0;
  for (const c of columns) {
    const k = c.kinds[0];
    if (k === K_EMPTY) continue;
    nonEmpty++;
    if (k === K_TEXT) texts++;
    else if (isYearLike(c)) years++;
    else if (k !== K_DATE) return false;
  }
  if (nonEmpty === 0) return false;
  let signal = false;
  let allTextBodies = true;
  for (const c of columns) {
    const k0 = c.kinds[0];
    const body = bodyKind(c);
    if (body !== K_TEXT && body !== K_EMPTY) allTextBodies = false;
    if (k0 === K_TEXT && body !== K_TEXT && body !== K_EMPTY) signal = true;
    if (k0 === K_DATE && body !== K_DATE && NUMERIC_KINDS.has(body)) signal = true;
    if (k0 === K_NUMBER && NUMERIC_KINDS.has(body) && (texts > 0 || years > 1)) signal = true;
  }
  if (signal) return true;
  if (!allTextBodies || texts !== nonEmpty) return false;
  // All text: a header names each column once; data values tend to repeat.
  for (const c of columns) {
    if (c.kinds[0] !== K_TEXT) {
      if (c.kindCounts[K_EMPTY] < rows) return false; // a data column without a label
      continue;
    }
    const row = c.source.area.values[0];
    const id = c.textIds?.get(row[c.source.offset] as string);
    if (id === undefined || c.textCounts[id] > 1) return false;
  }
  return true;
}

function headerText(c: ColumnScan): string | null {
  const v = c.source.area.values[0]?.[c.source.offset];
  switch (c.kinds[0]) {
    case K_TEXT:
      return String(v).trim().replace(/\s+/g, " ");
    case K_DATE:
      // A typed header ("Jan 2024") reads better as typed; a date-formatted serial as ISO.
      return typeof v === "string" ? v.trim() : excelSerialToIso(c.nums[0]);
    case K_NUMBER:
      return formatNumber(c.nums[0]).replace(/,/g, "");
    default:
      return null;
  }
}

/** Removes row 0 from the data-row counts once it is known to be the header. */
function dropHeaderRow(c: ColumnScan): void {
  const k = c.kinds[0];
  c.kindCounts[k]--;
  const v = c.source.area.values[0]?.[c.source.offset];
  if ((k === K_TEXT || k === K_BOOLEAN) && c.textIds) {
    const key = k === K_BOOLEAN ? (c.nums[0] === 1 ? "TRUE" : "FALSE") : (v as string);
    const id = c.textIds.get(key);
    if (id !== undefined) c.textCounts[id]--;
  }
  if (typeof v === "string" && (k === K_NUMBER || k === K_CURRENCY || k === K_PERCENT)) c.textNumbers--;
  else if (typeof v === "number" && k !== K_BOOLEAN) c.typedNumbers--;
  const f = c.source.area.numberFormat?.[0]?.[c.source.offset];
  const count = f ? c.formatCounts?.get(f) : undefined;
  if (f && count !== undefined) c.formatCounts?.set(f, count - 1);
}

/** One pass over the table's cells (text read in the culture last set with `setCulture`). */
export function scanTable(source: TableSource): ScannedTable {
  const rows = source.rowCount;
  const rowHash1 = new Int32Array(rows);
  const rowHash2 = new Int32Array(rows);
  const rowFilled = new Int32Array(rows);
  const columns = source.columns.map((col, j) => scanColumn(col, j, rows, rowHash1, rowHash2, rowFilled));
  const hasHeader = detectHeader(columns, rows);
  if (hasHeader) {
    for (const c of columns) {
      dropHeaderRow(c);
      c.header = headerText(c) || c.header;
    }
  }
  return { source, rows, hasHeader, bodyStart: hasHeader ? 1 : 0, columns, rowHash1, rowHash2, rowFilled, excludedRows: [], lastBodyRow: rows - 1 };
}
