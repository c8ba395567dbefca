// The analysis of the chosen range, as the engine computed it: what the data is, each column's
// type and statistics, what stands out, and the formulas, charts and pivots that fit — all with
// real ranges from this sheet. Everything from the sheet is rendered as text.
import { CircleAlert, Info, TriangleAlert } from "lucide-react";
import type { ColumnAnalysis, Insight, Recommendation, TableAnalysis } from "@/lib/excel";
import { CopyButton } from "@/components/dashboard/copy-button";
import { Badge } from "@/components/ui/badge";
import type { Grid } from "@/lib/workbook/read-grid";
import type { SheetRect } from "@/lib/workbook/sheet-range";
import { ColumnChart } from "./column-chart";
import { formatNumber, formatStat } from "./format-stat";
import { plainInsight } from "./plain-words";

const n = (value: number) => value.toLocaleString("en-US");

/** The engine's names for kinds of data, in words a reader without statistics knows. */
const DATA_KIND: Record<TableAnalysis["dataType"], string> = {
  numerical: "Mostly numbers",
  categorical: "Mostly text",
  temporal: "Dates and values",
  mixed: "A mix",
  empty: "Empty",
};

const COLUMN_KIND: Record<ColumnAnalysis["type"], string> = {
  number: "number",
  currency: "currency",
  percent: "percent",
  date: "date",
  text: "text",
  boolean: "yes/no",
  empty: "empty",
  error: "errors",
};

/** Column headings: the plain word first, the statistician's in small print where they differ. */
const HEADINGS: { label: string; technical?: string }[] = [
  { label: "Column" },
  { label: "Kind" },
  { label: "Filled cells" },
  { label: "Empty cells" },
  { label: "Different values" },
  { label: "Smallest" },
  { label: "Largest" },
  { label: "Average", technical: "mean" },
  { label: "Middle value", technical: "median" },
  { label: "Typical distance from average", technical: "standard deviation" },
  { label: "Most common" },
];

function Overview({ table }: { table: TableAnalysis }) {
  const facts = [
    ["Data rows", n(table.rowCount)],
    ["Columns", n(table.columnCount)],
    ["Kind of data", DATA_KIND[table.dataType] ?? table.dataType],
    ["Empty cells", n(table.missingCells)],
    ["Error cells", n(table.errorCells)],
    ["Duplicate rows", n(table.duplicateRows)],
  ];
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm" data-testid="analysis-summary">
        {table.summary}
      </p>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        {facts.map(([label, value]) => (
          <div key={label} className="flex flex-col gap-0.5 rounded-lg border bg-card p-3 text-card-foreground">
            <dt className="text-xs text-muted-foreground">{label}</dt>
            <dd className="font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function stat(column: ColumnAnalysis, key: "min" | "max" | "mean" | "median" | "std"): string {
  // Codes and IDs have no statistics; years and coordinates only their range, years unseparated.
  if (column.numeric && column.role === "identifier") return "–";
  if (column.numeric && (column.role === "year" || column.role === "coordinate")) {
    return key === "min" || key === "max" ? (column.role === "year" ? String(column.numeric[key]) : formatNumber(column.numeric[key])) : "–";
  }
  if (column.numeric) return key === "std" ? formatNumber(column.numeric.std) : formatStat(column.numeric[key], column);
  if (column.date && (key === "min" || key === "max")) return column.date[key];
  return "–";
}

function ColumnsTable({ table }: { table: TableAnalysis }) {
  return (
    // Focusable, so keyboard users can scroll the wide table sideways on narrow screens.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus for keyboard users to scroll it
    <section className="overflow-x-auto rounded-xl border outline-none focus-visible:ring-[3px] focus-visible:ring-ring" tabIndex={0} aria-label="Column statistics">
      <table className="w-full text-left text-sm tabular-nums" data-testid="columns-table">
        <caption className="sr-only">What each column holds: its kind, how many cells are filled, and its smallest, largest, average and most common values</caption>
        <thead className="bg-muted/50 text-xs text-muted-foreground">
          <tr>
            {HEADINGS.map((head) => (
              <th key={head.label} scope="col" className="px-3 py-2 align-bottom font-medium">
                <span className="block min-w-16">{head.label}</span>
                {head.technical ? <span className="block font-normal"> ({head.technical})</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.columns.map((column) => (
            <tr key={column.column} className="border-t align-top">
              <th scope="row" className="px-3 py-2 font-medium">
                <span className="block max-w-48 break-words">{column.header}</span>
                <span className="font-mono text-xs font-normal text-muted-foreground">{column.dataRange}</span>
              </th>
              <td className="px-3 py-2">
                <Badge variant="outline">{COLUMN_KIND[column.type] ?? column.type}</Badge>
              </td>
              <td className="px-3 py-2">{n(column.count)}</td>
              <td className="px-3 py-2">{n(column.missing)}</td>
              <td className="px-3 py-2">
                {column.distinctCapped ? "≈" : ""}
                {n(column.distinct)}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{stat(column, "min")}</td>
              <td className="px-3 py-2 whitespace-nowrap">{stat(column, "max")}</td>
              <td className="px-3 py-2 whitespace-nowrap">{stat(column, "mean")}</td>
              <td className="px-3 py-2 whitespace-nowrap">{stat(column, "median")}</td>
              <td className="px-3 py-2 whitespace-nowrap">{stat(column, "std")}</td>
              <td className="px-3 py-2">
                <span className="block max-w-56 break-words">
                  {(column.numeric && column.role !== "identifier") || column.topValues.length === 0 ? "–" : column.topValues.slice(0, 3).map((top) => `${top.value} (${top.count})`).join(", ")}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const SEVERITY = {
  critical: { icon: CircleAlert, className: "text-destructive", label: "Important" },
  warning: { icon: TriangleAlert, className: "text-warning", label: "Worth checking" },
  info: { icon: Info, className: "text-primary", label: "Note" },
} as const;

function Insights({ insights, table }: { insights: Insight[]; table: TableAnalysis }) {
  if (insights.length === 0) return <p className="text-sm text-muted-foreground">Nothing stands out: no empty cells, unusual values, repeated rows or errors were found.</p>;
  return (
    <ul className="flex flex-col gap-2" data-testid="insights">
      {insights.map((insight, i) => {
        const severity = SEVERITY[insight.severity];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is recomputed whole for each range, never edited in place
          <li key={i} className="flex items-start gap-2 rounded-lg border p-3 text-sm">
            <severity.icon aria-hidden="true" className={`mt-0.5 size-4 shrink-0 ${severity.className}`} />
            <span>
              <span className="sr-only">{severity.label}: </span>
              {plainInsight(insight, table)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function RecommendationItem({ recommendation }: { recommendation: Recommendation }) {
  switch (recommendation.kind) {
    case "formula":
      return (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <div className="flex min-w-0 flex-col gap-1">
            <span>{recommendation.message}</span>
            <code className="font-mono text-xs break-all">{recommendation.formula}</code>
          </div>
          <CopyButton value={recommendation.formula} label="Copy formula" />
        </div>
      );
    case "chart":
      return (
        <span>
          {recommendation.message} <span className="font-mono text-xs text-muted-foreground">({recommendation.range})</span>
        </span>
      );
    case "pivot_table":
      return (
        <span>
          {recommendation.message} <span className="font-mono text-xs text-muted-foreground">({recommendation.range})</span>
        </span>
      );
    case "conditional_format":
      return (
        <span>
          {recommendation.message} <span className="font-mono text-xs text-muted-foreground">({recommendation.range})</span>
        </span>
      );
  }
}

const KIND_LABEL: Record<Recommendation["kind"], string> = { formula: "Formula", chart: "Chart", pivot_table: "Pivot table", conditional_format: "Formatting" };

function Recommendations({ recommendations }: { recommendations: Recommendation[] }) {
  if (recommendations.length === 0) return <p className="text-sm text-muted-foreground">No recommendations for this range.</p>;
  return (
    <ul className="flex flex-col gap-2" data-testid="recommendations">
      {recommendations.map((recommendation, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is recomputed whole for each range, never edited in place
        <li key={i} className="flex flex-col gap-1 rounded-lg border p-3 text-sm">
          <Badge variant="secondary">{KIND_LABEL[recommendation.kind]}</Badge>
          <RecommendationItem recommendation={recommendation} />
        </li>
      ))}
    </ul>
  );
}

export function AnalysisView({ table, otherTables, grid, rect }: { table: TableAnalysis; otherTables: number; grid: Grid; rect: SheetRect }) {
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="analysis-overview" className="flex flex-col gap-3">
        <h3 id="analysis-overview" className="font-semibold">
          Overview
        </h3>
        <Overview table={table} />
        {otherTables > 0 ? <p className="text-xs text-muted-foreground">This range holds {otherTables} more table{otherTables === 1 ? "" : "s"}; the first is shown.</p> : null}
      </section>
      <section aria-labelledby="analysis-chart" className="flex flex-col gap-3">
        <h3 id="analysis-chart" className="font-semibold">
          Chart
        </h3>
        <ColumnChart table={table} grid={grid} rect={rect} />
      </section>
      <section aria-labelledby="analysis-columns" className="flex flex-col gap-3">
        <h3 id="analysis-columns" className="font-semibold">
          Columns
        </h3>
        <p className="text-xs text-muted-foreground sm:hidden">Scroll the table sideways for every statistic.</p>
        <ColumnsTable table={table} />
      </section>
      <section aria-labelledby="analysis-insights" className="flex flex-col gap-3">
        <h3 id="analysis-insights" className="font-semibold">
          Insights
        </h3>
        <Insights insights={table.insights} table={table} />
      </section>
      <section aria-labelledby="analysis-recommendations" className="flex flex-col gap-3">
        <h3 id="analysis-recommendations" className="font-semibold">
          Recommendations
        </h3>
        <Recommendations recommendations={table.recommendations} />
      </section>
    </div>
  );
}
