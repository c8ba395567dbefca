// Per-column figures from a scanned table: inferred type, counts, errors, numeric statistics
// (exact, from one sort of a typed array), date range, distinct and top values.

import * as cc from "@/lib/excel/classify-cell";
import { sheetRowOf } from "@/lib/excel/build-tables";
import { columnRole } from "@/lib/excel/column-roles";
import { rangeAddress } from "@/lib/excel/parse-address";
import { sortNumbers } from "@/lib/excel/sort-numbers";
import type { ColumnScan, ScannedTable } from "@/lib/excel/scan-table";
import type { CellKind, ColumnAnalysis, ColumnType, DateStats, NumericStats, TopValue } from "@/lib/excel/types";

// Read once: transpiled imports are getters, too slow to call once per cell.
const { excelSerialToIso, formatCode, F_GENERAL, F_NUMBER, KIND_COUNT, KIND_NAMES, K_BOOLEAN, K_CURRENCY, K_DATE, K_EMPTY, K_ERROR, K_NUMBER, K_PERCENT, K_TEXT } = cc;

const TOP_VALUES = 5;

/** A column's public analysis plus what later stages need: its values sorted. */
export interface ColumnWork {
  scan: ColumnScan;
  analysis: ColumnAnalysis;
  /** The column's numbers (numeric family, or date serials for dates), ascending. */
  sorted: Float64Array | null;
  /** Kind codes that feed `sorted`. */
  statKinds: readonly number[];
  /** The type the column would have without its error cells (equals the type otherwise). */
  baseType: ColumnType;
}

export function isNumericType(type: ColumnType): boolean {
  return type === "number" || type === "currency" || type === "percent";
}

function inferType(counts: Int32Array): number {
  let nonEmpty = 0;
  for (let k = 1; k < KIND_COUNT; k++) nonEmpty += counts[k];
  if (nonEmpty === 0) return K_EMPTY;
  const errors = counts[K_ERROR];
  if (errors * 2 >= nonEmpty) return K_ERROR;
  const n = counts[K_NUMBER];
  const c = counts[K_CURRENCY];
  const p = counts[K_PERCENT];
  const family = n + c + p;
  const date = counts[K_DATE];
  const text = counts[K_TEXT];
  const bool = counts[K_BOOLEAN];
  if (family > 0 && family >= date && family >= text && family >= bool) {
    if (c > 0 && c >= p && c * 3 >= family) return K_CURRENCY;
    if (p * 2 >= family) return K_PERCENT;
    return K_NUMBER;
  }
  if (date > 0 && date >= text && date >= bool) return K_DATE;
  if (text >= bool) return K_TEXT;
  return K_BOOLEAN;
}

const DATE_HEADER_RE = /(^|[^a-z])(date|dates|day|dated|period|posted|when|time|timestamp|datetime|created|updated|modified|dt|datum|fecha)([^a-z]|$)|date$|time$|_at$|At$/i;
/** 1970-01-01 … 2100-12-31 as Excel serials. */
const SERIAL_MIN = 25_569;
const SERIAL_MAX = 73_415;

/**
 * Serial numbers without a date format (older add-ins send no formats) are dates when the header
 * says so (date-times keep their fraction of a day), or when the values do: whole-day serials of
 * 1970–2100 running in order. Without this a "Date" column reads as numbers around 45,000 and
 * gets summed.
 */
function looksLikeUnformattedDates(scan: ColumnScan, bodyStart: number): boolean {
  const byHeader = DATE_HEADER_RE.test(scan.header);
  if (scan.formatCounts) {
    for (const f of scan.formatCounts.keys()) {
      const code = formatCode(f);
      if (code !== F_GENERAL && code !== F_NUMBER) return false;
    }
  }
  const { kinds, nums } = scan;
  let seen = 0;
  let previous = -Infinity;
  let inOrder = true;
  let fractions = false;
  for (let r = bodyStart; r < kinds.length; r++) {
    if (kinds[r] !== K_NUMBER) continue;
    const v = nums[r];
    if (v < SERIAL_MIN || v > SERIAL_MAX) return false;
    if (v !== Math.floor(v)) fractions = true;
    if (v < previous) inOrder = false;
    previous = v;
    seen++;
  }
  if (seen === 0) return false;
  if (byHeader) return true;
  // No header word: whole days, in order, over a plausible span (not amounts that happen to
  // fall between 25,569 and 73,415).
  const span = previous - nums[bodyStart];
  return !fractions && inOrder && seen >= 5 && scan.textNumbers === 0 && span >= 1 && span <= seen * 40;
}

/** Share of distinct text values that look like codes: `00501`, `AB-1234`, `X12`. */
function codeLikeShare(scan: ColumnScan): number {
  let seen = 0;
  let codes = 0;
  for (let id = 0; id < scan.textKeys.length && seen < 500; id++) {
    if (scan.textCounts[id] <= 0) continue;
    seen++;
    if (/^(0\d+|[A-Za-z]{0,4}[-/]?\d{2,}[A-Za-z0-9-]*|\d+[-/]\d+[-\d]*)$/.test(scan.textKeys[id].trim())) codes++;
  }
  return seen === 0 ? 0 : codes / seen;
}

/** Excel's QUARTILE.INC / PERCENTILE.INC on sorted values. */
function percentileInc(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * p;
  const lo = Math.floor(pos);
  const frac = pos - lo;
  return lo + 1 < n ? sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

function collect(scan: ColumnScan, bodyStart: number, statKinds: readonly number[]): Float64Array {
  const { kinds, nums } = scan;
  const wanted = new Uint8Array(KIND_COUNT);
  let count = 0;
  for (const k of statKinds) {
    wanted[k] = 1;
    count += scan.kindCounts[k];
  }
  const out = new Float64Array(count);
  let i = 0;
  for (let r = bodyStart; r < kinds.length && i < count; r++) if (wanted[kinds[r]]) out[i++] = nums[r];
  return out;
}

function numericStats(sorted: Float64Array): NumericStats {
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = sorted[i] - mean;
    ss += d * d;
  }
  return {
    count: n,
    sum,
    min: sorted[0],
    max: sorted[n - 1],
    mean,
    median: percentileInc(sorted, 0.5),
    std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    q1: percentileInc(sorted, 0.25),
    q3: percentileInc(sorted, 0.75),
  };
}

function dateStats(sorted: Float64Array): DateStats {
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  return {
    count: sorted.length,
    min: excelSerialToIso(min),
    max: excelSerialToIso(max),
    minSerial: min,
    maxSerial: max,
    spanDays: Math.round((max - min) * 100) / 100,
  };
}

/** Keeps the most frequent entries without sorting every distinct value. */
function topOf(keys: string[], counts: number[], limit: number): TopValue[] {
  const top: TopValue[] = [];
  for (let i = 0; i < keys.length; i++) {
    const count = counts[i];
    if (count <= 0) continue;
    if (top.length < limit) {
      top.push({ value: keys[i], count });
      top.sort((a, b) => b.count - a.count);
    } else if (count > top[limit - 1].count) {
      top[limit - 1] = { value: keys[i], count };
      top.sort((a, b) => b.count - a.count);
    }
  }
  return top;
}

function runs(sorted: Float64Array, render: (n: number) => string): { distinct: number; top: TopValue[] } {
  const keys: string[] = [];
  const counts: number[] = [];
  let distinct = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    distinct++;
    if (keys.length < 1000) {
      keys.push(render(sorted[i]));
      counts.push(j - i);
    }
    i = j;
  }
  return { distinct, top: distinct <= 10 && distinct < sorted.length ? topOf(keys, counts, TOP_VALUES) : [] };
}

/** Distinct numbers and dates that are not part of the column's statistics (numbers in a text column). */
function otherValuesDistinct(scan: ColumnScan, bodyStart: number, statKinds: readonly number[]): number {
  const { kinds, nums } = scan;
  let other = 0;
  for (let k = K_NUMBER; k <= K_DATE; k++) if (!statKinds.includes(k)) other += scan.kindCounts[k];
  if (other === 0) return 0;
  const seen = new Set<string>();
  for (let r = bodyStart; r < kinds.length; r++) {
    const k = kinds[r];
    if (k >= K_NUMBER && k <= K_DATE && !statKinds.includes(k)) seen.add(`${k === K_DATE ? "d" : "n"}${nums[r]}`);
  }
  return seen.size;
}

function dominantFormat(formats: Map<string, number> | null): string | null {
  if (!formats) return null;
  let best: string | null = null;
  let bestCount = 0;
  for (const [format, count] of formats) {
    if (count > bestCount) {
      best = format;
      bestCount = count;
    }
  }
  return best;
}

function kindRecord(counts: Int32Array): Record<CellKind, number> {
  const out = {} as Record<CellKind, number>;
  for (let k = 0; k < KIND_COUNT; k++) out[KIND_NAMES[k]] = counts[k];
  return out;
}

export function analyzeColumns(table: ScannedTable): ColumnWork[] {
  const { bodyStart, rows, source } = table;
  const firstDataRow = sheetRowOf(source, bodyStart);
  const lastDataRow = sheetRowOf(source, rows - 1);
  // Text that reads as a number only matters in a sheet with real numbers (not a pasted CSV).
  const typedSheet = table.columns.some((c) => c.typedNumbers > 0);
  return table.columns.map((scan, index) => {
    let typeCode = inferType(scan.kindCounts);
    if (typeCode === K_NUMBER && looksLikeUnformattedDates(scan, bodyStart)) {
      for (let r = bodyStart; r < scan.kinds.length; r++) if (scan.kinds[r] === K_NUMBER) scan.kinds[r] = K_DATE;
      scan.kindCounts[K_DATE] += scan.kindCounts[K_NUMBER];
      scan.kindCounts[K_NUMBER] = 0;
      typeCode = K_DATE;
    }
    const type = KIND_NAMES[typeCode];
    const counts = scan.kindCounts;
    // An error-ridden column still has figures worth describing (and summing with AGGREGATE).
    let baseCode = typeCode;
    if (typeCode === K_ERROR) {
      const withoutErrors = Int32Array.from(counts);
      withoutErrors[K_ERROR] = 0;
      baseCode = inferType(withoutErrors);
    }
    const baseType = baseCode === K_EMPTY ? type : KIND_NAMES[baseCode];
    const cells = rows - bodyStart - table.excludedRows.length;
    const missing = counts[K_EMPTY];
    const statKinds = isNumericType(baseType) ? [K_NUMBER, K_CURRENCY, K_PERCENT] : baseType === "date" ? [K_DATE] : [];
    const sorted = statKinds.length > 0 ? sortNumbers(collect(scan, bodyStart, statKinds)) : null;

    // Distinct values of every type: the stats values by runs, text by id, and any other
    // numbers or dates in the column (numbers in a text column) by value.
    let distinct = 0;
    let topValues: TopValue[] = [];
    let textDistinct = 0;
    for (const c of scan.textCounts) if (c > 0) textDistinct++;
    if (scan.overflow) textDistinct += scan.overflow.estimate();
    if (sorted && sorted.length > 0) {
      const render = baseType === "date" ? excelSerialToIso : (n: number) => String(n);
      const r = runs(sorted, render);
      distinct = r.distinct + textDistinct;
      topValues = r.top;
    } else {
      distinct = textDistinct;
      topValues = topOf(scan.textKeys, scan.textCounts, TOP_VALUES);
    }
    distinct += otherValuesDistinct(scan, bodyStart, statKinds);

    const errorsByType: Record<string, number> = {};
    if (scan.errorCounts) for (const [key, count] of scan.errorCounts) if (count > 0) errorsByType[key] = count;

    const lastRow = sheetRowOf(source, table.lastBodyRow);
    const analysis: ColumnAnalysis = {
      index,
      column: scan.letter,
      header: scan.header,
      type,
      role: columnRole({
        header: scan.header,
        hasHeader: table.hasHeader,
        type: baseType,
        count: cells - missing - counts[K_ERROR],
        distinct,
        sorted: isNumericType(baseType) ? sorted : null,
        codeLikeText: baseType === "text" ? codeLikeShare(scan) : 0,
        numberFormat: dominantFormat(scan.formatCounts),
      }),
      numbersAsText: typedSheet ? scan.textNumbers : 0,
      kindCounts: kindRecord(counts),
      cells,
      count: cells - missing,
      missing,
      errors: counts[K_ERROR],
      errorsByType,
      distinct,
      distinctCapped: scan.textCapped && !(sorted && sorted.length > 0),
      topValues,
      numeric: sorted && sorted.length > 0 && isNumericType(baseType) ? numericStats(sorted) : null,
      date: sorted && sorted.length > 0 && baseType === "date" ? dateStats(sorted) : null,
      numberFormat: dominantFormat(scan.formatCounts),
      currencySymbol: baseType === "currency" ? (scan.currencySymbol ?? "$") : null,
      dataRange: rangeAddress(firstDataRow, scan.source.sheetColumn, Math.max(firstDataRow, Math.min(lastDataRow, lastRow)), scan.source.sheetColumn),
    };
    return { scan, analysis, sorted, statKinds, baseType };
  });
}
