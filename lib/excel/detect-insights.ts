// Data-quality and shape findings a user would want pointed out: blanks, outliers (IQR rule),
// high variability, duplicate rows, error cells and numbers stored as text. Trends come from
// detect-trends. Every finding carries a short sentence and the cells it is about.

import * as cc from "@/lib/excel/classify-cell";
import { cellAt, sheetRowOf, type TableColumnSource } from "@/lib/excel/build-tables";
import { isMeasureRole } from "@/lib/excel/column-roles";
import { isNumericType, type ColumnWork } from "@/lib/excel/column-stats";
import { describeCell, formatForType, formatNumber } from "@/lib/excel/format-value";
import { cellAddress } from "@/lib/excel/parse-address";
import type { ScannedTable } from "@/lib/excel/scan-table";
import type { CellExample, Insight } from "@/lib/excel/types";

// Read once: transpiled imports are getters, too slow to call once per cell.
const { K_BOOLEAN, K_CURRENCY, K_DATE, K_ERROR, K_NUMBER, K_PERCENT, K_TEXT } = cc;

const MAX_EXAMPLES = 5;
const MAX_COLUMN_FINDINGS = 5;

function label(c: ColumnWork): string {
  const { header, column } = c.analysis;
  return header === `Column ${column}` ? header : `${header} (${column})`;
}

function percent(ratio: number): string {
  const p = ratio * 100;
  return `${p >= 10 ? Math.round(p) : Math.round(p * 10) / 10}%`;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatNumber(n)} ${n === 1 ? word : many}`;
}

function sheetRow(table: ScannedTable, r: number): number {
  return sheetRowOf(table.source, r);
}

function missingData(table: ScannedTable, columns: ColumnWork[]): Insight[] {
  const out: Insight[] = [];
  const dataRows = table.rows - table.bodyStart;
  if (dataRows === 0) return out;
  let totalMissing = 0;
  let columnsWithBlanks = 0;
  for (const c of columns) {
    totalMissing += c.analysis.missing;
    if (c.analysis.missing > 0) columnsWithBlanks++;
  }
  const totalCells = dataRows * columns.length;
  const ratio = totalMissing / totalCells;
  if (columnsWithBlanks >= 2 && ratio >= 0.05) {
    out.push({
      kind: "missing_data",
      severity: ratio >= 0.2 ? "warning" : "info",
      message: `${percent(ratio)} of the data cells are blank (${formatNumber(totalMissing)} of ${formatNumber(totalCells)}).`,
      column: null,
      header: null,
      missing: totalMissing,
      ratio,
    });
  }
  const sparse = columns
    .filter((c) => c.analysis.missing / dataRows >= 0.1)
    .sort((a, b) => b.analysis.missing - a.analysis.missing)
    .slice(0, MAX_COLUMN_FINDINGS);
  for (const c of sparse) {
    const r = c.analysis.missing / dataRows;
    const empty = c.analysis.missing === dataRows;
    out.push({
      kind: "missing_data",
      severity: empty ? "info" : r >= 0.3 ? "warning" : "info",
      message: empty
        ? `${label(c)} is empty.`
        : `${label(c)} has ${plural(c.analysis.missing, "blank cell")} (${percent(r)}); averages and counts skip them.`,
      column: c.analysis.column,
      header: c.analysis.header,
      missing: c.analysis.missing,
      ratio: r,
    });
  }
  return out;
}

function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Outliers by Tukey's rule: below Q1 − 1.5·IQR or above Q3 + 1.5·IQR. */
function outliers(table: ScannedTable, columns: ColumnWork[]): Insight[] {
  const out: Insight[] = [];
  for (const c of columns) {
    const stats = c.analysis.numeric;
    const sorted = c.sorted;
    // Codes, IDs, years and coordinates have no outliers: only measures do.
    if (!stats || !sorted || sorted.length < 5 || !isMeasureRole(c.analysis.role)) continue;
    const iqr = stats.q3 - stats.q1;
    if (!(iqr > 0)) continue;
    const lowerFence = stats.q1 - 1.5 * iqr;
    const upperFence = stats.q3 + 1.5 * iqr;
    const below = lowerBound(sorted, lowerFence);
    const above = sorted.length - upperBound(sorted, upperFence);
    const count = below + above;
    if (count === 0) continue;
    const examples: CellExample[] = [];
    const wanted = new Set(c.statKinds);
    const { kinds, nums } = c.scan;
    for (let r = table.bodyStart; r < table.rows && examples.length < MAX_EXAMPLES; r++) {
      if (!wanted.has(kinds[r])) continue;
      const v = nums[r];
      if (v < lowerFence || v > upperFence) examples.push({ address: cellAddress(sheetRow(table, r), c.scan.source.sheetColumn), value: cellAt(c.scan.source, r) });
    }
    const fmt = (n: number) => formatForType(n, c.analysis.type, c.analysis.currencySymbol);
    const bounds =
      below === 0 ? `above ${fmt(upperFence)}` : above === 0 ? `below ${fmt(lowerFence)}` : `outside ${fmt(lowerFence)}–${fmt(upperFence)}`;
    const where = examples.length > 0 ? `, e.g. ${examples.slice(0, 3).map((e) => `${e.address} (${describeCell(e.value)})`).join(", ")}` : "";
    out.push({
      kind: "outliers",
      severity: count / sorted.length > 0.05 ? "warning" : "info",
      message: `${label(c)} has ${plural(count, "outlier")} ${bounds}${where}.`,
      column: c.analysis.column,
      header: c.analysis.header,
      count,
      lowerFence,
      upperFence,
      examples,
    });
  }
  return out.slice(0, MAX_COLUMN_FINDINGS);
}

/** Coefficient of variation above 1 on non-negative figures: the spread is larger than the mean. */
function highVariability(columns: ColumnWork[]): Insight[] {
  const out: Insight[] = [];
  for (const c of columns) {
    const s = c.analysis.numeric;
    if (!s || s.count < 3 || s.min < 0 || !(s.mean > 0) || !isMeasureRole(c.analysis.role)) continue;
    const cv = s.std / s.mean;
    if (cv <= 1) continue;
    const fmt = (n: number) => formatForType(n, c.analysis.type, c.analysis.currencySymbol);
    out.push({
      kind: "high_variability",
      severity: "info",
      message: `${label(c)} varies a lot: standard deviation ${fmt(s.std)} against a mean of ${fmt(s.mean)} (CV ${formatNumber(cv)}); the median (${fmt(s.median)}) is the more typical value.`,
      column: c.analysis.column,
      header: c.analysis.header,
      cv,
    });
  }
  return out.slice(0, MAX_COLUMN_FINDINGS);
}

function sameRow(sources: TableColumnSource[], a: number, b: number): boolean {
  for (const s of sources) {
    const x = cellAt(s, a);
    const y = cellAt(s, b);
    if (x !== y && !((x === null || x === "") && (y === null || y === ""))) return false;
  }
  return true;
}

/** Rows repeating an earlier row exactly; hashes from the scan, confirmed cell by cell. */
export function countDuplicateRows(table: ScannedTable): { count: number; exampleRows: number[] } {
  const seen = new Map<number, number>();
  const sources = table.columns.map((c) => c.source);
  const exampleRows: number[] = [];
  let count = 0;
  for (let r = table.bodyStart; r < table.rows; r++) {
    if (table.rowFilled[r] === 0) continue;
    const key = (table.rowHash1[r] >>> 0) * 2_097_152 + (table.rowHash2[r] >>> 11);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, r);
    else if (sameRow(sources, first, r)) {
      count++;
      if (exampleRows.length < MAX_EXAMPLES) exampleRows.push(sheetRow(table, r));
    }
  }
  return { count, exampleRows };
}

function duplicates(table: ScannedTable, dup: { count: number; exampleRows: number[] }): Insight[] {
  if (dup.count === 0 || table.columns.length < 2) return [];
  return [
    {
      kind: "duplicates",
      severity: table.columns.length >= 3 ? "warning" : "info",
      message: `${plural(dup.count, "row repeats", "rows repeat")} an earlier row exactly (e.g. row${dup.exampleRows.length > 1 ? "s" : ""} ${dup.exampleRows.slice(0, 3).join(", ")}); check for double entries before totalling.`,
      count: dup.count,
      exampleRows: dup.exampleRows,
    },
  ];
}

function errors(table: ScannedTable, columns: ColumnWork[]): Insight[] {
  const byType: Record<string, number> = {};
  let count = 0;
  for (const c of columns) {
    for (const [type, n] of Object.entries(c.analysis.errorsByType)) {
      byType[type] = (byType[type] ?? 0) + n;
      count += n;
    }
  }
  if (count === 0) return [];
  const examples: CellExample[] = [];
  outer: for (let r = table.bodyStart; r < table.rows; r++) {
    for (const c of columns) {
      if (c.scan.kinds[r] !== K_ERROR) continue;
      examples.push({ address: cellAddress(sheetRow(table, r), c.scan.source.sheetColumn), value: cellAt(c.scan.source, r) });
      if (examples.length >= MAX_EXAMPLES) break outer;
    }
  }
  const cells = (table.rows - table.bodyStart) * columns.length;
  const types = Object.entries(byType)
    .sort((a, b) => b[1] - a[1])
    .map(([type, n]) => `${formatNumber(n)} × ${type}`)
    .join(", ");
  return [
    {
      kind: "errors",
      severity: count / cells >= 0.1 ? "critical" : "warning",
      message: `${plural(count, "cell shows", "cells show")} an error (${types}), first at ${examples[0]?.address ?? "?"}; SUM and AVERAGE over them fail.`,
      count,
      byType,
      examples,
    },
  ];
}

/** Text in a numeric or date column is silently skipped by SUM and AVERAGE. */
function mixedTypes(table: ScannedTable, columns: ColumnWork[]): Insight[] {
  const out: Insight[] = [];
  for (const c of columns) {
    const type = c.analysis.type;
    if (!isNumericType(type) && type !== "date") continue;
    const k = c.scan.kindCounts;
    const count = k[K_TEXT] + k[K_BOOLEAN] + (type === "date" ? 0 : k[K_DATE]);
    if (count === 0) continue;
    let example: CellExample | null = null;
    for (let r = table.bodyStart; r < table.rows; r++) {
      const kind = c.scan.kinds[r];
      if (kind === K_TEXT || kind === K_BOOLEAN || (type !== "date" && kind === K_DATE)) {
        example = { address: cellAddress(sheetRow(table, r), c.scan.source.sheetColumn), value: cellAt(c.scan.source, r) };
        break;
      }
    }
    const what = type === "date" ? "dates" : "numbers";
    out.push({
      kind: "mixed_types",
      severity: "warning",
      message: `${label(c)} has ${plural(count, "non-numeric entry", "non-numeric entries")} among ${what}${example ? ` (e.g. ${describeCell(example.value)} in ${example.address})` : ""}; formulas skip or fail on them.`,
      column: c.analysis.column,
      header: c.analysis.header,
      count,
    });
  }
  return out.slice(0, MAX_COLUMN_FINDINGS);
}

/**
 * Numbers stored as text in a sheet that has real numbers: Excel's SUM and AVERAGE skip them,
 * so a formula over the column gives a different figure than the one computed here. Only
 * reported for typed workbooks (a pasted CSV is all text) and never for codes, whose text is
 * right (zip codes with leading zeros stay text).
 */
function numbersAsText(table: ScannedTable, columns: ColumnWork[]): Insight[] {
  const typedSheet = columns.some((c) => c.scan.typedNumbers > 0);
  if (!typedSheet) return [];
  const out: Insight[] = [];
  for (const c of columns) {
    const count = c.scan.textNumbers;
    if (count === 0 || c.analysis.role === "identifier") continue;
    const examples: CellExample[] = [];
    for (let r = table.bodyStart; r < table.rows && examples.length < MAX_EXAMPLES; r++) {
      const k = c.scan.kinds[r];
      if (k !== K_NUMBER && k !== K_CURRENCY && k !== K_PERCENT) continue;
      const v = cellAt(c.scan.source, r);
      if (typeof v === "string") examples.push({ address: cellAddress(sheetRow(table, r), c.scan.source.sheetColumn), value: v });
    }
    const all = count === c.analysis.count;
    out.push({
      kind: "numbers_as_text",
      severity: "warning",
      message: `${label(c)} has ${all ? `all its ${plural(count, "number")}` : plural(count, "number")} stored as text${examples[0] ? ` (e.g. ${describeCell(examples[0].value)} in ${examples[0].address})` : ""}: Excel's SUM and AVERAGE skip them, so formulas over ${c.analysis.dataRange} disagree with the figures here. Convert them with Data › Text to Columns or =VALUE().`,
      column: c.analysis.column,
      header: c.analysis.header,
      count,
      examples,
    });
  }
  return out.slice(0, MAX_COLUMN_FINDINGS);
}

export function detectInsights(table: ScannedTable, columns: ColumnWork[], dup: { count: number; exampleRows: number[] }): Insight[] {
  return [
    ...errors(table, columns),
    ...missingData(table, columns),
    ...numbersAsText(table, columns),
    ...mixedTypes(table, columns),
    ...duplicates(table, dup),
    ...outliers(table, columns),
    ...highVariability(columns),
  ];
}
