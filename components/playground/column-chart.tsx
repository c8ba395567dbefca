"use client";

// A chart of the range: the trend of a numeric column along the date column when there is one,
// or the distribution of a numeric column. The user picks the column and the view; the numbers
// are also available as a table, and a sentence states the takeaway.
import { useId, useMemo, useState } from "react";
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TableAnalysis } from "@/lib/excel";
import type { Grid } from "@/lib/workbook/read-grid";
import type { SheetRect } from "@/lib/workbook/sheet-range";
import { ChartDataTable } from "@/components/charts/chart-data-table";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { histogram, isNumericColumn, trend, type ChartPoint } from "./chart-data";
import { formatNumber, formatStat } from "./format-stat";

type View = "trend" | "distribution";

const axisTick = { fontSize: 11, fill: "var(--muted-foreground)" };
const tooltipStyle = { background: "var(--popover)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--popover-foreground)", fontSize: 12 };

export function ColumnChart({ table, grid, rect }: { table: TableAnalysis; grid: Grid; rect: SheetRect }) {
  const id = useId();
  const numeric = table.columns.filter(isNumericColumn);
  const dateColumn = table.columns.find((column) => column.type === "date") ?? null;
  // Money is usually what the sheet is about: start with the last currency column (Revenue
  // after Unit price), else the first numeric one.
  const preferred = [...numeric].reverse().find((c) => c.type === "currency") ?? numeric[0];
  const [columnLetter, setColumnLetter] = useState(preferred?.column ?? "");
  const [view, setView] = useState<View>(dateColumn ? "trend" : "distribution");
  const column = numeric.find((c) => c.column === columnLetter) ?? numeric[0] ?? null;
  const activeView: View = view === "trend" && dateColumn ? "trend" : "distribution";

  const points: ChartPoint[] = useMemo(() => {
    if (!column) return [];
    return activeView === "trend" && dateColumn ? trend(grid, rect, table, dateColumn, column) : histogram(grid, rect, table, column);
  }, [activeView, column, dateColumn, grid, rect, table]);

  if (!column) {
    return <p className="rounded-xl border border-dashed p-4 text-sm text-muted-foreground">No numeric column to chart in this range.</p>;
  }

  const format = (n: number) => (activeView === "trend" ? formatStat(n, column) : formatNumber(n));
  const title = activeView === "trend" ? `${column.header} by ${dateColumn?.header}` : `Distribution of ${column.header}`;
  const summary =
    points.length === 0
      ? "No values to chart."
      : activeView === "trend"
        ? `${points.length} periods from ${points[0].label} to ${points[points.length - 1].label}; ${formatStat(points[0].value, column)} at the start, ${formatStat(points[points.length - 1].value, column)} at the end.`
        : `${column.count.toLocaleString("en-US")} values in ${points.length} bins; the fullest bin, ${points.reduce((a, b) => (b.value > a.value ? b : a)).label}, holds ${points.reduce((a, b) => (b.value > a.value ? b : a)).value}.`;

  return (
    <figure aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} className="flex min-w-0 flex-col gap-3 rounded-xl border bg-card p-4 text-card-foreground">
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
        {dateColumn ? (
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-view`}>View</Label>
            <NativeSelect id={`${id}-view`} value={activeView} onChange={(event) => setView(event.target.value as View)}>
              <option value="trend">Trend by {dateColumn.header}</option>
              <option value="distribution">Distribution</option>
            </NativeSelect>
          </div>
        ) : null}
      </div>
      <figcaption className="flex flex-col gap-0.5">
        <span id={`${id}-title`} className="font-medium">
          {title}
        </span>
        <span id={`${id}-summary`} className="text-xs text-muted-foreground">
          {summary}
        </span>
      </figcaption>
      <div aria-hidden="true" className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          {activeView === "trend" ? (
            <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid vertical={false} stroke="var(--border)" />
              <XAxis dataKey="label" tick={axisTick} tickLine={false} axisLine={false} minTickGap={20} />
              <YAxis tickFormatter={format} tick={axisTick} tickLine={false} axisLine={false} width={64} />
              <Tooltip formatter={(v) => [format(Number(v)), column.header]} contentStyle={tooltipStyle} />
              <Line type="monotone" dataKey="value" stroke="var(--primary)" strokeWidth={2} dot={points.length <= 40} isAnimationActive={false} />
            </LineChart>
          ) : (
            <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid vertical={false} stroke="var(--border)" />
              <XAxis dataKey="label" tick={false} tickLine={false} axisLine={false} height={4} />
              <YAxis tick={axisTick} tickLine={false} axisLine={false} width={40} allowDecimals={false} />
              <Tooltip formatter={(v) => [formatNumber(Number(v)), "Rows"]} contentStyle={tooltipStyle} cursor={{ fill: "var(--muted)" }} />
              <Bar dataKey="value" fill="var(--primary)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
      <ChartDataTable
        caption={title}
        columns={[activeView === "trend" ? (dateColumn?.header ?? "Period") : `${column.header} range`, activeView === "trend" ? `Total ${column.header}` : "Rows"]}
        rows={points.map((point) => ({ key: point.label, label: point.label, values: [format(point.value)] }))}
      />
    </figure>
  );
}
