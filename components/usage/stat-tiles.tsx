// The headline figures of the usage window: chats, tokens, this month's cost and the share of
// answers served from the cache.
import type { UsageReport } from "@/lib/limits/get-usage-report";
import { formatCompact, formatInteger, formatPercent, formatUsd } from "./usage-format";

export function StatTiles({ usage }: { usage: UsageReport }) {
  const requests = usage.daily.reduce((sum, day) => sum + day.requests, 0);
  const tokens = usage.daily.reduce((sum, day) => sum + day.promptTokens + day.completionTokens, 0);
  const tiles = [
    { label: `Chats, last ${usage.period.days} days`, value: formatInteger(requests), title: undefined },
    { label: `Tokens, last ${usage.period.days} days`, value: formatCompact(tokens), title: `${formatInteger(tokens)} tokens` },
    { label: "Cost this month", value: formatUsd(usage.cost.monthMicros), title: undefined },
    {
      label: "Answered from cache",
      value: usage.cache.total === 0 ? "–" : formatPercent(usage.cache.hitRate),
      title: usage.cache.total === 0 ? "No answers yet" : `${formatInteger(usage.cache.hits)} of ${formatInteger(usage.cache.total)} answers`,
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {tiles.map((tile) => (
        <div key={tile.label} className="flex flex-col gap-1 rounded-xl border bg-card p-4 text-card-foreground">
          <dt className="text-xs text-muted-foreground">{tile.label}</dt>
          <dd className="text-xl font-semibold tabular-nums" title={tile.title}>
            {tile.value}
            {tile.title ? <span className="sr-only"> ({tile.title})</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
