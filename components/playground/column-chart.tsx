"use client";

// A chart of the range, chosen for what the data is: a numeric column over time when there is a
// date column, its total per group when a text column sorts the rows into a few groups, or how
// its values spread (each value counted when there are few, ranges when there are many, and a
// sentence instead of a chart when every value is the same). The user can pick the column and
// the view; the numbers are also available as a table, and a plain sentence states the takeaway.
import { useId, useMemo, useState } from "react";
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ColumnAnalysis, TableAnalysis } from "@/lib/excel";
import type { Grid } from "@/lib/workbook/read-grid";
import type { SheetRect } from "@/lib/workbook/sheet-range";
import { ChartDataTable } from "@/components/charts/chart-data-table";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { categoryColumn, isAdditiveColumn, isNumericColumn, spread, totalsByCategory, trend, type ChartPoint } from "./chart-data";
import { formatNumber, formatStat } from "./format-stat";

type View = "trend" | "category" | "spread";

const axisTick = { fontSize: 11, fill: "var(--muted-foreground)" };
const tooltipStyle = { background: "var(--popover)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--popover-foreground)", fontSize: 12 };

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

interface Plan {
  view: View;
  title: string;
  summary: string;
  points: ChartPoint[];
  /** Bars (groups, counts, ranges) or a line (over time); none when a sentence says it all. */
  shape: "bar" | "line" | "none";
  /** Headings of the table of numbers. */
  columns: [string, string];
  format: (n: number) => string;
}

function share(part: number, whole: number): string {
  return whole > 0 && part >= 0 ? ` (${Math.round((part / whole) * 100)}% of the total)` : "";
}

function plan(view: View, table: TableAnalysis, grid: Grid, rect: SheetRect, column: ColumnAnalysis, dateColumn: ColumnAnalysis | null, category: ColumnAnalysis | null): Plan {
  const money = (n: number) => formatStat(n, column);
  // Rates, prices and temperatures are compared by their average, never added up.
  const additive = isAdditiveColumn(column);
  const per = additive ? "Total" : "Average";
  if (view === "trend" && dateColumn) {
    const points = trend(grid, rect, table, dateColumn, column);
    // Totals per month when there are many dates, else per date (monthly data has one date a month).
    const unit = points[0]?.label.length === 7 ? "month" : "date";
    const highest = points.reduce<ChartPoint | null>((a, b) => (!a || b.value > a.value ? b : a), null);
    const summary =
      points.length === 0 || !highest
        ? `No rows have both a ${dateColumn.header} and a ${column.header}.`
        : `${count(points.length, unit)} from ${points[0].label} to ${points[points.length - 1].label}. The first ${unit} ${additive ? "totals" : "averages"} ${money(points[0].value)}, the last ${money(points[points.length - 1].value)}; the highest is ${highest.label} with ${money(highest.value)}.`;
    return { view, title: `${column.header} by ${dateColumn.header}`, summary, points, shape: points.length > 1 ? "line" : "none", columns: [dateColumn.header, `${per} ${column.header}`], format: money };
  }
  if (view === "category" && category) {
    const points = totalsByCategory(grid, rect, table, category, column);
    const total = points.reduce((sum, p) => sum + p.value, 0);
    const top = points[0];
    const bottom = points[points.length - 1];
    const summary =
      points.length === 0
        ? `No rows have both a ${category.header} and a ${column.header}.`
        : `${count(points.length, "group")} by ${category.header}. ${top.label} is highest with ${money(top.value)}${additive ? share(top.value, total) : ""}${points.length > 1 ? `; ${bottom.label} is lowest with ${money(bottom.value)}` : ""}.`;
    return { view, title: `${per} ${column.header} per ${category.header}`, summary, points, shape: points.length > 0 ? "bar" : "none", columns: [category.header, `${per} ${column.header}`], format: money };
  }
  const values = spread(grid, rect, table, column);
  const base = { view: "spread" as const, columns: [`${column.header}`, "Rows"] as [string, string], format: formatNumber };
  switch (values.kind) {
    case "none":
      return { ...base, title: `Values of ${column.header}`, summary: `${column.header} has no numbers to chart.`, points: [], shape: "none" };
    case "single":
      return {
        ...base,
        title: `Values of ${column.header}`,
        summary: `${values.count === 1 ? "The only value" : `All ${count(values.count, "value")}`} in ${column.header} ${values.count === 1 ? "is" : "are"} ${formatStat(values.value, column)}, so there is nothing to compare in a chart.`,
        points: [],
        shape: "none",
      };
    case "counts": {
      const common = values.points.reduce((a, b) => (b.value > a.value ? b : a));
      return {
        ...base,
        title: `How often each ${column.header} value appears`,
        summary: `${count(values.points.length, "different value")} in ${count(values.total, "row")}. The most common is ${common.label}, in ${count(common.value, "row")}.`,
        points: values.points,
        shape: "bar",
      };
    }
    case "ranges": {
      const fullest = values.points.reduce((a, b) => (b.value > a.value ? b : a));
      return {
        ...base,
        title: `How ${column.header} values spread`,
        summary: `${count(values.total, "value")} sorted into ${values.points.length} ranges of equal width. The most, ${fullest.value.toLocaleString("en-US")}, are between ${fullest.label.replace(" – ", " and ")}.`,
        points: values.points,
        shape: "bar",
        columns: [`${column.header} between`, "Rows"],
      };
    }
  }
}

function RowsPerGroup({ table, grid, rect, category }: { table: TableAnalysis; grid: Grid; rect: SheetRect; category: ColumnAnalysis }) {
  const points = useMemo(() => totalsByCategory(grid, rect, table, category, null), [grid, rect, table, category]);
  const title = `Rows per ${category.header}`;
  const summary = `${count(points.length, "group")}; ${points[0]?.label} has the most rows (${points[0]?.value.toLocaleString("en-US")}).`;
  return <ChartFigure title={title} summary={summary} points={points} shape="bar" columns={[category.header, "Rows"]} format={formatNumber} seriesName="Rows" />;
}

function ChartFigure({
  title,
  summary,
  points,
  shape,
  columns,
  format,
  seriesName,
  controls,
}: {
  title: string;
  summary: string;
  points: ChartPoint[];
  shape: Plan["shape"];
  columns: [string, string];
  format: (n: number) => string;
  seriesName: string;
  controls?: React.ReactNode;
}) {
  const id = useId();
  return (
    <figure aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} className="flex min-w-0 flex-col gap-3 rounded-xl border bg-card p-4 text-card-foreground" data-chart-shape={shape}>
      {controls}
      <figcaption className="flex flex-col gap-0.5">
        <span id={`${id}-title`} className="font-medium">
          {title}
        </span>
        <span id={`${id}-summary`} className="text-sm text-muted-foreground" data-testid="chart-summary">
          {summary}
        </span>
      </figcaption>
      {shape === "none" ? null : (
        <>
          <div aria-hidden="true" className="h-56 w-full">
            <ResponsiveContainer width="100%" height="100%">
              {shape === "line" ? (
                <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
                  <CartesianGrid vertical={false} stroke="var(--border)" />
                  <XAxis dataKey="label" tick={axisTick} tickLine={false} axisLine={false} minTickGap={20} />
                  <YAxis tickFormatter={format} tick={axisTick} tickLine={false} axisLine={false} width={64} />
                  <Tooltip formatter={(v) => [format(Number(v)), seriesName]} contentStyle={tooltipStyle} />
                  <Line type="monotone" dataKey="value" stroke="var(--primary)" strokeWidth={2} dot={points.length <= 40} isAnimationActive={false} />
                </LineChart>
              ) : (
                <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
                  <CartesianGrid vertical={false} stroke="var(--border)" />
                  {/* Group and value labels fit under the bars; range labels are too long and live in the tooltip and table. */}
                  <XAxis dataKey="label" tick={points.length <= 12 && points.every((p) => p.label.length <= 14) ? axisTick : false} tickLine={false} axisLine={false} interval={0} height={points.length <= 12 ? 24 : 4} />
                  <YAxis tickFormatter={format} tick={axisTick} tickLine={false} axisLine={false} width={64} allowDecimals={false} />
                  <Tooltip formatter={(v) => [format(Number(v)), seriesName]} contentStyle={tooltipStyle} cursor={{ fill: "var(--muted)" }} />
                  <Bar dataKey="value" fill="var(--primary)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
                </BarChart>
              )}
            </ResponsiveContainer>
          </div>
          <ChartDataTable caption={title} columns={columns} rows={points.map((point) => ({ key: point.label, label: point.label, values: [format(point.value)] }))} />
        </>
      )}
    </figure>
  );
}

export function ColumnChart({ table, grid, rect }: { table: TableAnalysis; grid: Grid; rect: SheetRect }) {
  const id = useId();
  const numeric = table.columns.filter(isNumericColumn);
  const dateColumn = table.columns.find((column) => column.type === "date") ?? null;
  const category = categoryColumn(table);
  // Money is usually what the sheet is about: start with the last currency column (Revenue
  // after Unit price), else the first numeric one.
  const preferred = [...numeric].reverse().find((c) => c.type === "currency") ?? numeric[0];
  const [columnLetter, setColumnLetter] = useState(preferred?.column ?? "");
  const [view, setView] = useState<View>(dateColumn ? "trend" : category ? "category" : "spread");
  const column = numeric.find((c) => c.column === columnLetter) ?? numeric[0] ?? null;
  const activeView: View = (view === "trend" && !dateColumn) || (view === "category" && !category) ? "spread" : view;

  const chosen = useMemo(() => (column ? plan(activeView, table, grid, rect, column, dateColumn, category) : null), [activeView, column, dateColumn, category, grid, rect, table]);

  if (!column || !chosen) {
    if (category) return <RowsPerGroup table={table} grid={grid} rect={rect} category={category} />;
    return <p className="rounded-xl border border-dashed p-4 text-sm text-muted-foreground">This range has no numbers or groups to chart.</p>;
  }

  const controls = (
    <div className="grid gap-3 sm:grid-cols-2">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-column`}>Column</Label>
        <NativeSelect id={`${id}-column`} value={column.column} onChange={(event) => setColumnLetter(event.target.value)}>
          {numeric.map((c) => (
            <option key={c.column} value={c.column}>
              {c.header} ({c.column})
            </option>
          ))}
        </NativeSelect>
      </div>
      {dateColumn || category ? (
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-view`}>Show</Label>
          <NativeSelect id={`${id}-view`} value={activeView} onChange={(event) => setView(event.target.value as View)}>
            {dateColumn ? <option value="trend">Over time, by {dateColumn.header}</option> : null}
            {category ? (
              <option value="category">
                {column && !isAdditiveColumn(column) ? "Average" : "Total"} per {category.header}
              </option>
            ) : null}
            <option value="spread">How the values spread</option>
          </NativeSelect>
        </div>
      ) : null}
    </div>
  );

  return <ChartFigure {...chosen} seriesName={activeView === "spread" ? "Rows" : column.header} controls={controls} />;
}
