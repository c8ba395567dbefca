// The one figure the offline analysis gives for an aggregate question about a range ("total of
// sales", "average price", "how many orders"), or null when the question is not one. The figures
// come from the analysis engine (lib/excel) that the offline analyst also reports from; this is
// the narrow door =AI.ASK uses, so a smarter question answerer can replace what is behind it.
import { analyzeExcelContext, parseExcelContext, type ColumnAnalysis } from "@/lib/excel";
import type { CellScalar } from "./function-args";

type Aggregate = "sum" | "mean" | "median" | "min" | "max" | "count";

const AGGREGATES: [Aggregate, RegExp][] = [
  ["mean", /\b(average|mean|avg)\b/i],
  ["median", /\bmedian\b/i],
  ["min", /\b(min|minimum|lowest|smallest|least)\b/i],
  ["max", /\b(max|maximum|highest|largest|biggest|greatest|most)\b/i],
  ["count", /\b(count|how many|number of)\b/i],
  ["sum", /\b(sum|total|add up|altogether)\b/i],
];

function aggregateOf(question: string): Aggregate | null {
  return AGGREGATES.find(([, pattern]) => pattern.test(question))?.[0] ?? null;
}

/** The column the question names by its header, else the only numeric column. */
function chooseColumn(question: string, columns: ColumnAnalysis[]): ColumnAnalysis | null {
  const lower = question.toLowerCase();
  const named = columns.filter((c) => c.header && lower.includes(c.header.toLowerCase()));
  if (named.length === 1) return named[0];
  const numeric = columns.filter((c) => c.numeric);
  return numeric.length === 1 ? numeric[0] : null;
}

export function offlineAnalystFigure(input: { question: string; rows: CellScalar[][] }): number | null {
  const aggregate = aggregateOf(input.question);
  if (!aggregate) return null;
  const context = parseExcelContext({ selectedRange: { values: input.rows } }, { maxCells: 1_000_000 });
  const analysis = analyzeExcelContext(context);
  const column = chooseColumn(input.question, analysis.columns);
  if (!column) return null;
  if (aggregate === "count") return column.count;
  const stats = column.numeric;
  if (!stats || stats.count === 0) return null;
  const value = stats[aggregate];
  return Number.isFinite(value) ? Math.round(value * 1e10) / 1e10 : null;
}
