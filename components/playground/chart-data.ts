// Series for the analysis chart, computed from the range's real cells: a histogram of one
// numeric column, or its total per period along a date column.
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

/** The numeric column's total per day, or per month when there are more than 60 days. */
export function trend(grid: Grid, rect: SheetRect, table: TableAnalysis, dateColumn: ColumnAnalysis, valueColumn: ColumnAnalysis): ChartPoint[] {
  const dates = numbers(grid, rect, table, dateColumn);
  const values = numbers(grid, rect, table, valueColumn);
  const byDay = new Map<string, number>();
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i];
    const v = values[i];
    if (d === null || v === null || !Number.isFinite(d) || !Number.isFinite(v)) continue;
    const day = excelSerialToIso(Math.floor(d)).slice(0, 10);
    byDay.set(day, (byDay.get(day) ?? 0) + v);
  }
  let points = [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([label, value]) => ({ label, value }));
  if (points.length > 60) {
    const byMonth = new Map<string, number>();
    for (const p of points) byMonth.set(p.label.slice(0, 7), (byMonth.get(p.label.slice(0, 7)) ?? 0) + p.value);
    points = [...byMonth.entries()].map(([label, value]) => ({ label, value }));
  }
  return points;
}

export function isNumericColumn(column: ColumnAnalysis): boolean {
  return column.numeric !== null && (column.type === "number" || column.type === "currency" || column.type === "percent");
}
