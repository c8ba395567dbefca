// Series for the analysis chart, computed from the range's real cells, and which chart suits
// the data: a numeric column's total per period along a date column, its total per category
// (Region, Product), or how its values spread — each value counted on its own when there are
// only a few different ones, grouped into ranges when there are many, and no chart at all when
// every value is the same (a bar chart of five ones tells nobody anything).
import { classifyCell, excelSerialToIso, type CellValue, type ColumnAnalysis, type TableAnalysis } from "@/lib/excel";
import type { Grid } from "@/lib/workbook/read-grid";
import { columnNumber } from "@/lib/excel";
import type { SheetRect } from "@/lib/workbook/sheet-range";
import { formatStat } from "./format-stat";

export interface ChartPoint {
  label: string;
  value: number;
}

/** The column's data cells as numbers (text like "$1,200" is read as Excel would), skipping the rest. */
function columnCells(grid: Grid, rect: SheetRect, table: TableAnalysis, column: ColumnAnalysis): { value: CellValue; format: string | null }[] {
  const c = columnNumber(column.column) - 1 - rect.column;
  const first = table.firstDataRow - (rect.row + 1);
  const last = table.lastDataRow - (rect.row + 1);
  const cells: { value: CellValue; format: string | null }[] = [];
  for (let r = Math.max(0, first); r <= last && r < grid.values.length; r++) cells.push({ value: grid.values[r]?.[c] ?? null, format: grid.numberFormat[r]?.[c] ?? null });
  return cells;
}

function numbers(grid: Grid, rect: SheetRect, table: TableAnalysis, column: ColumnAnalysis): (number | null)[] {
  return columnCells(grid, rect, table, column).map(({ value, format }) => classifyCell(value, format).number);
}

/** Equal-width bins (Sturges' rule, 5–20 of them) over the column's values. */
export function histogram(grid: Grid, rect: SheetRect, table: TableAnalysis, column: ColumnAnalysis): ChartPoint[] {
  const values = numbers(grid, rect, table, column).filter((n): n is number => n !== null && Number.isFinite(n));
  if (values.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return [{ label: formatStat(min, column), value: values.length }];
  const bins = Math.min(20, Math.max(5, Math.ceil(Math.log2(values.length) + 1)));
  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - min) / width))]++;
  return counts.map((count, i) => ({ label: `${formatStat(min + i * width, column)} – ${formatStat(min + (i + 1) * width, column)}`, value: count }));
}

/** Sums and counts per key, read as totals (additive measures) or averages (rates, prices, temperatures…). */
class Buckets {
  private readonly sums = new Map<string, { sum: number; n: number }>();
  add(key: string, value: number, n = 1): void {
    const b = this.sums.get(key);
    if (b) {
      b.sum += value;
      b.n += n;
    } else this.sums.set(key, { sum: value, n });
  }
  entries(): [string, { sum: number; n: number }][] {
    return [...this.sums.entries()];
  }
}

/** Whether a column's values add up (its total means something) or are compared by their average. */
export function isAdditiveColumn(column: ColumnAnalysis): boolean {
  return column.role === "additive_measure";
}

/**
 * The numeric column per day, or per month when there are more than 60 days: the total for an
 * additive measure, the average for a rate, price or temperature.
 */
export function trend(grid: Grid, rect: SheetRect, table: TableAnalysis, dateColumn: ColumnAnalysis, valueColumn: ColumnAnalysis): ChartPoint[] {
  const dates = numbers(grid, rect, table, dateColumn);
  const values = numbers(grid, rect, table, valueColumn);
  const additive = isAdditiveColumn(valueColumn);
  const byDay = new Buckets();
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i];
    const v = values[i];
    if (d === null || v === null || !Number.isFinite(d) || !Number.isFinite(v)) continue;
    byDay.add(excelSerialToIso(Math.floor(d)).slice(0, 10), v);
  }
  let buckets = byDay.entries().sort(([a], [b]) => (a < b ? -1 : 1));
  if (buckets.length > 60) {
    const byMonth = new Buckets();
    for (const [day, b] of buckets) byMonth.add(day.slice(0, 7), b.sum, b.n);
    buckets = byMonth.entries();
  }
  return buckets.map(([label, b]) => ({ label, value: additive ? b.sum : b.sum / b.n }));
}

/** At most this many different values are counted one by one rather than grouped into ranges. */
const MAX_COUNTED_VALUES = 12;
/** A text column groups the rows when it has 2 to this many different values, each used twice on average. */
const MAX_CATEGORIES = 20;

export type Spread =
  | { kind: "none" }
  /** Every value is the same: nothing to compare, so no chart. */
  | { kind: "single"; value: number; count: number }
  /** A bar per different value, in value order. */
  | { kind: "counts"; points: ChartPoint[]; total: number }
  /** Equal-width ranges (a histogram). */
  | { kind: "ranges"; points: ChartPoint[]; total: number };

/** How a numeric column's values spread, drawn in the way that suits how many different values it has. */
export function spread(grid: Grid, rect: SheetRect, table: TableAnalysis, column: ColumnAnalysis): Spread {
  const values = numbers(grid, rect, table, column).filter((n): n is number => n !== null && Number.isFinite(n));
  if (values.length === 0) return { kind: "none" };
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  if (counts.size === 1) return { kind: "single", value: values[0], count: values.length };
  if (counts.size <= MAX_COUNTED_VALUES) {
    const points = [...counts.entries()].sort(([a], [b]) => a - b).map(([value, count]) => ({ label: formatStat(value, column), value: count }));
    return { kind: "counts", points, total: values.length };
  }
  return { kind: "ranges", points: histogram(grid, rect, table, column), total: values.length };
}

/** The first text column that sorts the rows into a few groups (Region, Product), or null. */
export function categoryColumn(table: TableAnalysis): ColumnAnalysis | null {
  return table.columns.find((c) => c.type === "text" && !c.distinctCapped && c.distinct >= 2 && c.distinct <= MAX_CATEGORIES && c.distinct * 2 <= c.count) ?? null;
}

function categoryLabels(grid: Grid, rect: SheetRect, table: TableAnalysis, category: ColumnAnalysis): (string | null)[] {
  return columnCells(grid, rect, table, category).map(({ value }) => {
    const text = value === null || value === undefined ? "" : String(value).trim();
    return text === "" ? null : text;
  });
}

/**
 * The numeric column's total per category (its average for non-additive measures), largest
 * first; without a value column, the rows per category.
 */
export function totalsByCategory(grid: Grid, rect: SheetRect, table: TableAnalysis, category: ColumnAnalysis, valueColumn: ColumnAnalysis | null): ChartPoint[] {
  const labels = categoryLabels(grid, rect, table, category);
  const values = valueColumn ? numbers(grid, rect, table, valueColumn) : null;
  const additive = !valueColumn || isAdditiveColumn(valueColumn);
  const totals = new Buckets();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label === null) continue;
    const v = values ? values[i] : 1;
    if (v === null || !Number.isFinite(v)) continue;
    totals.add(label, v);
  }
  return totals
    .entries()
    .map(([label, b]) => ({ label, value: additive ? b.sum : b.sum / b.n }))
    .sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : 1));
}

/** A measure worth charting: numeric, and not an identifier, code, year or coordinate. */
export function isNumericColumn(column: ColumnAnalysis): boolean {
  const measure = column.role === "additive_measure" || column.role === "non_additive_measure";
  return measure && column.numeric !== null && (column.type === "number" || column.type === "currency" || column.type === "percent");
}
