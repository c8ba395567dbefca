// "What was sent" about a selection: the compact summary the server built (every answer says
// exactly what the model saw). Shared by the playground and the history view.
import type { CompactContextSummary } from "@/lib/excel";

const n = (value: number) => value.toLocaleString("en-US");

function describeContextSent(summary: CompactContextSummary): string {
  const where = summary.address ?? summary.sheet ?? "the selection";
  const rows =
    summary.rowsSampled < summary.totalRows
      ? `${n(summary.rowsSampled)} of ${n(summary.totalRows)} rows as samples`
      : `all ${n(summary.totalRows)} rows`;
  const columns =
    summary.columnsIncluded < summary.totalColumns ? `${n(summary.columnsIncluded)} of ${n(summary.totalColumns)} columns` : `${n(summary.totalColumns)} columns`;
  return `${where}: ${n(summary.totalCells)} cells; the model got statistics, ${rows} and ${columns}, about ${n(summary.estimatedTokens)} tokens${summary.truncated ? " (shortened to fit)" : ""}.`;
}

export function ContextSent({ summary }: { summary: CompactContextSummary }) {
  return <p className="text-xs text-muted-foreground">Sent {describeContextSent(summary)}</p>;
}
