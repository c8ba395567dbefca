// Finds the selection's time axis (a date column, a month or year column, or period headers such
// as Jan..Dec / Q1..Q4 / 2021..2024) and measures the trend of its figures over it.

import * as cc from "@/lib/excel/classify-cell";
import { civilMonth } from "@/lib/excel/civil-date";
import { isAdditive, isMeasureRole } from "@/lib/excel/column-roles";
import { isNumericType, type ColumnWork } from "@/lib/excel/column-stats";
import { formatForType, formatPercentChange } from "@/lib/excel/format-value";
import type { ScannedTable } from "@/lib/excel/scan-table";
import type { ColumnType, Insight } from "@/lib/excel/types";

// Read once: transpiled imports are getters, too slow to call once per cell.
const { monthNumber, K_DATE, K_TEXT, K_NUMBER, K_CURRENCY, K_PERCENT } = cc;

type Basis = Extract<Insight, { kind: "trend" }>["basis"];

export interface TimeAxis {
  basis: Basis;
  /** The axis column for column-based axes. */
  column: ColumnWork | null;
  /** Period columns in order for header-based axes (Jan..Dec). */
  periods: ColumnWork[];
  /** Labels of `periods`. */
  labels: string[];
  /** For a date column: the calendar period its figures are grouped by (yearly data by year). */
  period: "day" | "month" | "year";
}

const MONTH_LABELS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const QUARTER_RE = /^(?:(?:FY)?\s*(\d{4})\s*[- ]?\s*)?Q([1-4])(?:\s*[- ]?\s*(?:FY)?\s*'?(\d{2}|\d{4}))?$/i;
const YEAR_HEADER_RE = /^(?:FY\s*)?(19|20)\d{2}$/i;

/** Period columns named in the header row, in order, when there are at least three. */
function headerPeriods(table: ScannedTable, columns: ColumnWork[]): TimeAxis | null {
  if (!table.hasHeader) return null;
  const numeric = columns.filter((c) => isNumericType(c.analysis.type));
  const months = numeric.filter((c) => monthNumber(c.analysis.header) > 0);
  if (months.length >= 3) {
    // Consecutive months, allowing a fiscal year that wraps (Apr..Mar).
    const ordered = months.every((c, i) => i === 0 || monthNumber(c.analysis.header) === (monthNumber(months[i - 1].analysis.header) % 12) + 1);
    if (ordered) {
      return { basis: "month_headers", column: null, periods: months, labels: months.map((c) => MONTH_LABELS[monthNumber(c.analysis.header) - 1]), period: "month" };
    }
  }
  // Dates in the header row ("Jan 2024", 2024-01-31 month ends).
  const dated = numeric.filter((c) => c.scan.kinds[0] === K_DATE);
  if (dated.length >= 2 && dated.every((c, i) => i === 0 || c.scan.nums[0] > dated[i - 1].scan.nums[0])) {
    return { basis: "period_headers", column: null, periods: dated, labels: dated.map((c) => c.analysis.header), period: "month" };
  }
  const keyed = numeric
    .map((c) => {
      const h = c.analysis.header.trim();
      const q = QUARTER_RE.exec(h);
      if (q) {
        const year = Number(q[1] ?? q[3] ?? 0);
        return { c, key: (year < 100 ? year + 2000 : year) * 4 + Number(q[2]) };
      }
      if (YEAR_HEADER_RE.test(h)) return { c, key: Number(h.replace(/\D/g, "")) * 4 };
      return null;
    })
    .filter((x): x is { c: ColumnWork; key: number } => x !== null);
  if (keyed.length >= 2 && keyed.every((x, i) => i === 0 || x.key > keyed[i - 1].key)) {
    return { basis: "period_headers", column: null, periods: keyed.map((x) => x.c), labels: keyed.map((x) => x.c.analysis.header), period: "month" };
  }
  return null;
}

function columnAxis(columns: ColumnWork[]): TimeAxis | null {
  const date = columns.find((c) => c.analysis.type === "date" && (c.sorted?.length ?? 0) >= 3);
  if (date) return { basis: "date_column", column: date, periods: [], labels: [], period: "month" };
  const month = columns.find((c) => {
    if (c.analysis.type !== "text" || c.scan.textCapped) return false;
    const { textKeys, textCounts } = c.scan;
    const allowedOthers = c.analysis.count * 0.2;
    let others = 0;
    let distinct = 0;
    for (let id = 0; id < textKeys.length; id++) {
      const count = textCounts[id];
      if (count <= 0) continue;
      const key = textKeys[id];
      if (key.length <= 12 && monthNumber(key) > 0) distinct++;
      else {
        others += count;
        if (others > allowedOthers) return false;
      }
    }
    return distinct >= 3;
  });
  if (month) return { basis: "month_column", column: month, periods: [], labels: [], period: "month" };
  const year = columns.find((c) => {
    const n = c.analysis.numeric;
    return c.analysis.type === "number" && c.analysis.role === "year" && n !== null && n.min >= 1800 && n.max <= 2200 && c.analysis.distinct >= 3;
  });
  if (year) return { basis: "year_column", column: year, periods: [], labels: [], period: "year" };
  return null;
}

export function detectTimeAxis(table: ScannedTable, columns: ColumnWork[]): TimeAxis | null {
  const axis = headerPeriods(table, columns) ?? columnAxis(columns);
  if (axis?.basis === "date_column" && axis.column?.analysis.date) {
    const { minSerial, maxSerial } = axis.column.analysis.date;
    const span = maxSerial - minSerial;
    // Yearly data (one date a year, or many years) is compared year by year, not by month.
    axis.period = span > 4 * 366 || (span > 366 && oneDayPerYear(table, axis.column.scan)) ? "year" : span > 62 ? "month" : "day";
  }
  return axis;
}

/**
 * Whether a column is a measure worth trending, averaging or charting: numeric and an additive
 * or non-additive measure by its role (never an identifier, code, year or coordinate), not the axis.
 */
export function isMeasure(c: ColumnWork, axis: TimeAxis | null): boolean {
  if (!isNumericType(c.analysis.type) || c.analysis.numeric === null) return false;
  if (axis?.column === c) return false;
  return isMeasureRole(c.analysis.role);
}

interface Fit {
  first: number;
  last: number;
  mean: number;
}

/** Least-squares line through the points; returns its value at the first and last x. */
function linearFit(xs: number[], ys: number[]): Fit {
  const n = xs.length;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let sAbs = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i];
    sy += ys[i];
    sxx += xs[i] * xs[i];
    sxy += xs[i] * ys[i];
    sAbs += Math.abs(ys[i]);
  }
  const denom = n * sxx - sx * sx;
  const slope = denom === 0 ? 0 : (n * sxy - sx * sy) / denom;
  const intercept = (sy - slope * sx) / n;
  return { first: intercept + slope * xs[0], last: intercept + slope * xs[n - 1], mean: sAbs / n };
}

/**
 * Direction and change in percent (unrounded: it is rounded once, where it is shown). Percent
 * changes only make sense on a ratio scale: for averages of rates, temperatures or scores the
 * change is given in the column's own units instead (`relative` false).
 */
function trendOf(
  first: number,
  last: number,
  meanAbs: number,
  relative = true,
): { direction: "up" | "down" | "flat"; changePercent: number | null } {
  const change = last - first;
  const scale = Math.max(Math.abs(first), meanAbs);
  const direction = scale === 0 || Math.abs(change) / scale < 0.03 ? "flat" : change > 0 ? "up" : "down";
  const changePercent = relative && first > 0 ? ((last - first) / first) * 100 : null;
  return { direction, changePercent };
}

/** The stored change: one decimal, rounded once from the exact value. */
function storedChange(p: number | null): number | null {
  return p === null ? null : Math.round(p * 10) / 10;
}

function describe(series: string, direction: string, change: number | null, from: string, to: string, fromValue: string, toValue: string, fitted: boolean, absolute?: string): string {
  const pct = change === null ? (absolute ? ` (${absolute})` : "") : ` (${formatPercentChange(change)})`;
  if (direction === "flat") return `${series} stays roughly flat from ${from} to ${to}${fitted ? "" : ` (${fromValue} → ${toValue})`}.`;
  const verb = direction === "up" ? "rises" : "falls";
  return fitted
    ? `${series} ${verb} over time: the trend line goes from ${fromValue} in ${from} to ${toValue} in ${to}${pct}.`
    : `${series} ${verb} from ${fromValue} in ${from} to ${toValue} in ${to}${pct}.`;
}

const MAX_SERIES = 3;

function measureType(c: ColumnWork): ColumnType {
  return c.analysis.type;
}

/** Trend insights along the axis: the total for period headers, up to three measures otherwise. */
export function detectTrends(table: ScannedTable, columns: ColumnWork[], axis: TimeAxis | null): Insight[] {
  if (!axis) return [];
  const out: Insight[] = [];
  if (axis.column === null) {
    // Periods of rates or prices are compared by their average, never added up.
    const additive = axis.periods.every((c) => isAdditive(c.analysis.role));
    const sums = axis.periods.map((c) => (additive ? (c.analysis.numeric?.sum ?? 0) : (c.analysis.numeric?.mean ?? 0)));
    if (sums.length < 2) return [];
    const type = measureType(axis.periods[0]);
    const symbol = axis.periods[0].analysis.currencySymbol;
    const meanAbs = sums.reduce((a, b) => a + Math.abs(b), 0) / sums.length;
    const { direction, changePercent } = trendOf(sums[0], sums[sums.length - 1], meanAbs, additive);
    const from = axis.labels[0];
    const to = axis.labels[axis.labels.length - 1];
    const absolute = additive ? undefined : signed(sums[sums.length - 1] - sums[0], type, symbol);
    let message = describe(additive ? "The total" : "The average", direction, changePercent, from, to, formatForType(sums[0], type, symbol), formatForType(sums[sums.length - 1], type, symbol), false, absolute);
    const leader = additive ? biggestMover(table, columns, axis) : null;
    if (leader) message += ` ${leader}`;
    out.push({
      kind: "trend",
      severity: "info",
      message,
      basis: axis.basis,
      direction,
      changePercent: storedChange(changePercent),
      series: additive ? "Total" : "Average",
      aggregation: additive ? "total" : "average",
      from,
      to,
    });
    return out;
  }

  const axisScan = axis.column.scan;
  const rows = table.rows;
  const keys = new Float64Array(rows).fill(NaN);
  const useMonths = axis.period === "month";
  const useYears = axis.period === "year";
  if (axis.basis === "date_column") {
    for (let r = table.bodyStart; r < rows; r++) {
      if (axisScan.kinds[r] !== K_DATE) continue;
      const serial = axisScan.nums[r];
      if (useYears) keys[r] = civilMonth(serial).y;
      else if (useMonths) {
        const { y, m } = civilMonth(serial);
        keys[r] = y * 12 + (m - 1);
      } else keys[r] = Math.floor(serial);
    }
  } else if (axis.basis === "month_column") {
    const values = axisScan.source.area.values;
    for (let r = table.bodyStart; r < rows; r++) {
      if (axisScan.kinds[r] !== K_TEXT) continue;
      const m = monthNumber(String(values[r][axisScan.source.offset]));
      if (m > 0) keys[r] = m;
    }
  } else {
    for (let r = table.bodyStart; r < rows; r++) if (axisScan.kinds[r] === K_NUMBER) keys[r] = axisScan.nums[r];
  }

  const label = (key: number): string => {
    if (axis.basis === "date_column") {
      if (useYears) return String(key);
      if (useMonths) return `${MONTH_LABELS[key % 12]} ${Math.floor(key / 12)}`;
      return axis.column?.analysis.date ? formatForType(key, "date") : String(key);
    }
    if (axis.basis === "month_column") return MONTH_LABELS[key - 1];
    return String(key);
  };

  const measures = columns.filter((c) => isMeasure(c, axis)).slice(0, MAX_SERIES);
  for (const measure of measures) {
    // Additive measures are totalled per period; rates, prices and temperatures averaged.
    const additive = isAdditive(measure.analysis.role);
    // One lookup per row: each bucket keeps its sum and count.
    const buckets = new Map<number, { sum: number; n: number }>();
    const { kinds, nums } = measure.scan;
    for (let r = table.bodyStart; r < rows; r++) {
      const key = keys[r];
      if (Number.isNaN(key)) continue;
      const k = kinds[r];
      if (k !== K_NUMBER && k !== K_CURRENCY && k !== K_PERCENT) continue;
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        bucket = { sum: 0, n: 0 };
        buckets.set(key, bucket);
      }
      bucket.sum += nums[r];
      bucket.n++;
    }
    if (buckets.size < 3) continue;
    const xs = [...buckets.keys()].sort((a, b) => a - b);
    const ys = xs.map((x) => {
      const b = buckets.get(x) ?? { sum: 0, n: 1 };
      return additive ? b.sum : b.sum / b.n;
    });
    const type = measureType(measure);
    const symbol = measure.analysis.currencySymbol;
    // Calendar buckets from a date column may be partial at both ends: a fitted line is fairer
    // than the first and last bucket. Month and year columns compare actual totals.
    const fitted = axis.basis === "date_column";
    const fit = fitted ? linearFit(xs, ys) : { first: ys[0], last: ys[ys.length - 1], mean: ys.reduce((a, b) => a + Math.abs(b), 0) / ys.length };
    const { direction, changePercent } = trendOf(fit.first, fit.last, fit.mean, additive);
    const from = label(xs[0]);
    const to = label(xs[xs.length - 1]);
    const series = measure.analysis.header;
    const period =
      axis.basis === "date_column" ? (useYears ? "year" : useMonths ? "month" : "day") : axis.basis === "month_column" ? "month" : "year";
    const per = `${additive ? "total" : "average"} per ${period}`;
    const message = describe(
      `${series} (${per})`,
      direction,
      changePercent,
      from,
      to,
      formatForType(fit.first, type, symbol),
      formatForType(fit.last, type, symbol),
      fitted,
      additive ? undefined : signed(fit.last - fit.first, type, symbol),
    );
    out.push({
      kind: "trend",
      severity: "info",
      message,
      basis: axis.basis,
      direction,
      changePercent: storedChange(changePercent),
      series,
      aggregation: additive ? "total" : "average",
      from,
      to,
    });
  }
  return out;
}

/** For a Region × Jan..Dec grid: which row grew the most, by first vs last period. */
function biggestMover(table: ScannedTable, columns: ColumnWork[], axis: TimeAxis): string | null {
  const labelColumn = columns.find((c) => c.analysis.type === "text");
  if (!labelColumn) return null;
  const first = axis.periods[0].scan;
  const last = axis.periods[axis.periods.length - 1].scan;
  const values = labelColumn.scan.source.area.values;
  let best = -Infinity;
  let bestLabel = "";
  let rowsCompared = 0;
  for (let r = table.bodyStart; r < table.rows; r++) {
    const a = first.nums[r];
    const b = last.nums[r];
    if (labelColumn.scan.kinds[r] !== K_TEXT || !(a > 0) || !isNumericCode(first.kinds[r]) || !isNumericCode(last.kinds[r])) continue;
    rowsCompared++;
    const change = (b - a) / a;
    if (change > best) {
      best = change;
      bestLabel = String(values[r][labelColumn.scan.source.offset]).trim();
    }
  }
  if (rowsCompared < 2 || !Number.isFinite(best)) return null;
  const span = `from ${axis.labels[0]} to ${axis.labels[axis.labels.length - 1]}`;
  return best > 0
    ? `Largest increase: ${bestLabel} (${formatPercentChange(best * 100)} ${span}).`
    : `Smallest decline: ${bestLabel} (${formatPercentChange(best * 100)} ${span}).`;
}

/** `+1.9`, `-0.4 pp` for percentages, `+$12.00`: a change in the column's own units. */
function signed(change: number, type: ColumnType, symbol: string | null): string {
  const sign = change > 0 ? "+" : change < 0 ? "-" : "";
  if (type === "percent") return `${sign}${formatForType(Math.abs(change) * 100, "number")} pp`;
  return `${sign}${formatForType(Math.abs(change), type, symbol)}`;
}

/** Whether every date falls on the same day of the year (one observation a year). */
function oneDayPerYear(table: ScannedTable, scan: ColumnWork["scan"]): boolean {
  let day = -1;
  for (let r = table.bodyStart; r < table.rows; r++) {
    if (scan.kinds[r] !== K_DATE) continue;
    const serial = Math.floor(scan.nums[r]);
    const { y, m } = civilMonth(serial);
    const key = m * 40 + (serial - civilMonthStart(y, m));
    if (day === -1) day = key;
    else if (key !== day) return false;
  }
  return day !== -1;
}

/** Excel serial of the first day of a month. */
function civilMonthStart(y: number, m: number): number {
  return Math.floor(Date.UTC(y, m - 1, 1) / 86_400_000 + 25_569);
}

function isNumericCode(k: number): boolean {
  return k === K_NUMBER || k === K_CURRENCY || k === K_PERCENT;
}
