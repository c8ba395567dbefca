"use client";

// One daily series as a bar chart, with the same numbers in a table for screen readers (and a
// visible toggle to read them as a table). Series are stacked when there are several.
import { useId } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartDataTable } from "@/components/charts/chart-data-table";
import { formatCompact, formatDay, formatInteger, formatUsd, formatUsdTick } from "./usage-format";

/** How values read: named rather than passed as functions, so a server component can choose. */
const FORMATS = {
  integer: { value: formatInteger, tick: formatInteger },
  compact: { value: formatCompact, tick: formatCompact },
  usd: { value: formatUsd, tick: formatUsdTick },
} as const;

export type ChartFormat = keyof typeof FORMATS;

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

export function DailyChart<Row extends { date: string }>({
  title,
  summary,
  rows,
  series,
  format: formatName,
  emptyText,
}: {
  title: string;
  /** One sentence with the takeaway, read before the chart. */
  summary: string;
  rows: Row[];
  series: ChartSeries[];
  /** Values in the tooltip and the table; axis labels use the short form of the same format. */
  format: ChartFormat;
  /** Shown instead of a flat chart when every value is zero. */
  emptyText: string;
}) {
  const id = useId();
  const { value: format, tick: tickFormat } = FORMATS[formatName];
  const value = (row: Row, key: string) => Number((row as Record<string, unknown>)[key] ?? 0);
  const allZero = rows.every((row) => series.every((s) => value(row, s.key) === 0));
  return (
    <figure aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} className="flex min-w-0 flex-col gap-2 rounded-xl border bg-card p-4 text-card-foreground">
      <figcaption className="flex flex-col gap-0.5">
        <span id={`${id}-title`} className="font-medium">
          {title}
        </span>
        <span id={`${id}-summary`} className="text-xs text-muted-foreground">
          {summary}
        </span>
      </figcaption>
      {allZero ? (
        <p className="flex min-h-24 items-center justify-center rounded-lg border border-dashed p-4 text-center text-sm text-muted-foreground">{emptyText}</p>
      ) : (
      <div aria-hidden="true" className="h-48 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="date" tickFormatter={formatDay} tick={{ fontSize: 11, fill: "var(--muted-foreground)" }} tickLine={false} axisLine={false} minTickGap={16} />
            <YAxis tickFormatter={tickFormat} tick={{ fontSize: 11, fill: "var(--muted-foreground)" }} tickLine={false} axisLine={false} width={52} allowDecimals={false} />
            <Tooltip
              cursor={{ fill: "var(--muted)" }}
              labelFormatter={(label) => formatDay(String(label))}
              formatter={(v, name) => [format(Number(v)), String(name)]}
              contentStyle={{ background: "var(--popover)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--popover-foreground)", fontSize: 12 }}
            />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="a" fill={s.color} radius={series.length === 1 ? [3, 3, 0, 0] : 0} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      )}
      {series.length > 1 && !allZero ? (
        <ul aria-hidden="true" className="flex flex-wrap gap-3 text-xs text-muted-foreground">
          {series.map((s) => (
            <li key={s.key} className="inline-flex items-center gap-1.5">
              <span className="size-2.5 rounded-sm" style={{ background: s.color }} />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <ChartDataTable
        caption={`${title}, per day`}
        columns={["Day (UTC)", ...series.map((s) => s.label)]}
        rows={rows.map((row) => ({ key: row.date, label: row.date, values: series.map((s) => format(value(row, s.key))) }))}
      />
    </figure>
  );
}
