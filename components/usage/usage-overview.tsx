// The overview's usage section: plan limits, the window's headline figures and daily charts of
// chats, tokens and cost, rendered on the server from the same report GET /api/usage answers
// with. With no usage yet it says so plainly.
import { modelLabel } from "@/lib/ai/model-label";
import Link from "next/link";
import { loadSection, SectionError } from "@/components/dashboard/section-error";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { DbClaims } from "@/lib/db/with-rls";
import { getUsageReport } from "@/lib/limits/get-usage-report";
import { DailyChart } from "./daily-chart";
import { QuotaMeters } from "./quota-meters";
import { StatTiles } from "./stat-tiles";
import { UsagePeriodSelect } from "./usage-period-select";
import { formatCompact, formatInteger, formatUsd } from "./usage-format";

function busiest<Row extends { date: string }>(rows: Row[], value: (row: Row) => number): Row | null {
  let best: Row | null = null;
  for (const row of rows) if (value(row) > 0 && (!best || value(row) > value(best))) best = row;
  return best;
}

export async function UsageOverview({ userId, claims, days }: { userId: string; claims: DbClaims; days: number }) {
  const load = await loadSection(getUsageReport({ userId, claims, days }));
  if (!load.ok) return <SectionError id="usage-error" message={`Usage could not be loaded: ${load.message}`} />;

  const usage = load.data;
  // The chart stacks answers from a model (or the offline analyst) on answers from the cache.
  const daily = usage.daily.map((day) => ({ ...day, modelRequests: day.requests - day.cachedRequests }));
  const requests = daily.reduce((sum, day) => sum + day.requests, 0);
  const tokens = daily.reduce((sum, day) => sum + day.promptTokens + day.completionTokens, 0);
  const cost = daily.reduce((sum, day) => sum + day.costMicros, 0);
  const peakRequests = busiest(daily, (d) => d.requests);
  const peakTokens = busiest(daily, (d) => d.promptTokens + d.completionTokens);
  const peakCost = busiest(daily, (d) => d.costMicros);
  // A column for in-cell functions only when some model computed any.
  const withFunctions = usage.byModel.some((row) => row.functionCalls > 0);

  return (
    <div className="flex flex-col gap-6">
      <QuotaMeters usage={usage} />
      <section aria-labelledby="usage-title" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="usage-title" className="font-semibold">
            Usage
          </h2>
          <UsagePeriodSelect days={usage.period.days} />
        </div>
        <StatTiles usage={usage} />
        {requests === 0 ? (
          <div className="flex flex-col items-start gap-3 rounded-xl border border-dashed p-6 text-sm text-muted-foreground">
            <p>
              No chats in the last {usage.period.days} days, so there is nothing to chart yet. Each question you ask in the
              Excel add-in or the playground is counted here with its tokens and cost.
            </p>
            <Button asChild size="sm">
              <Link href="/dashboard/playground">Ask about a workbook</Link>
            </Button>
          </div>
        ) : (
          <div className="grid items-start gap-3 lg:grid-cols-2">
            <DailyChart
              title="Chats per day"
              summary={`${formatInteger(requests)} chats in ${usage.period.days} days${peakRequests ? `, most on ${peakRequests.date} (${formatInteger(peakRequests.requests)})` : ""}; ${formatInteger(usage.cache.hits)} answered from the cache.`}
              rows={daily}
              series={[
                { key: "modelRequests", label: "Answered", color: "var(--primary)" },
                { key: "cachedRequests", label: "From cache", color: "var(--muted-foreground)" },
              ]}
              format="integer"
              emptyText="No chats in this period."
            />
            <DailyChart
              title="Tokens per day"
              summary={`${formatInteger(tokens)} tokens in ${usage.period.days} days${peakTokens ? `, most on ${peakTokens.date} (${formatInteger(peakTokens.promptTokens + peakTokens.completionTokens)})` : ""}.`}
              rows={daily}
              series={[
                { key: "promptTokens", label: "Prompt", color: "var(--primary)" },
                { key: "completionTokens", label: "Completion", color: "var(--warning)" },
              ]}
              format="compact"
              emptyText="No model tokens in this period: the offline analyst and cached answers use none."
            />
            <DailyChart
              title="Cost per day"
              summary={
                cost === 0
                  ? `No cost in ${usage.period.days} days: the answers came from the offline analyst or the cache, which cost nothing.`
                  : `${formatUsd(cost)} in ${usage.period.days} days${peakCost ? `, most on ${peakCost.date} (${formatUsd(peakCost.costMicros)})` : ""}.`
              }
              rows={daily}
              series={[{ key: "costMicros", label: "Cost", color: "var(--primary)" }]}
              format="usd"
              emptyText="No cost in this period."
            />
            {usage.byModel.length > 0 ? (
              <div className="flex flex-col gap-2 rounded-xl border bg-card p-4 text-card-foreground">
                <h3 className="font-medium">By model</h3>
                <div className="overflow-x-auto">
                  <table className="w-full text-left text-sm tabular-nums">
                    <thead>
                      <tr className="border-b text-xs text-muted-foreground">
                        <th scope="col" className="py-1.5 pr-3 font-medium">
                          Model
                        </th>
                        <th scope="col" className="py-1.5 pr-3 text-right font-medium">
                          Chats
                        </th>
                        {withFunctions ? (
                          <th scope="col" className="py-1.5 pr-3 text-right font-medium">
                            Cell functions
                          </th>
                        ) : null}
                        <th scope="col" className="py-1.5 pr-3 text-right font-medium">
                          Tokens
                        </th>
                        <th scope="col" className="py-1.5 text-right font-medium">
                          Cost
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {usage.byModel.map((row) => (
                        <tr key={`${row.provider}/${row.model}`} className="border-b last:border-0">
                          <th scope="row" className="py-1.5 pr-3 font-normal break-all">
                            {modelLabel(row.provider, row.model)}
                          </th>
                          <td className="py-1.5 pr-3 text-right">{formatInteger(row.requests)}</td>
                          {withFunctions ? <td className="py-1.5 pr-3 text-right">{formatInteger(row.functionCalls)}</td> : null}
                          <td className="py-1.5 pr-3 text-right">{formatCompact(row.tokens)}</td>
                          <td className="py-1.5 text-right">{formatUsd(row.costMicros)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            ) : null}
          </div>
        )}
      </section>
    </div>
  );
}

/** Stands in for the section while the server reads the report. */
export function UsageOverviewSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading usage" className="flex flex-col gap-3">
      <Skeleton className="h-28 w-full" />
      <Skeleton className="h-20 w-full" />
      <Skeleton className="h-56 w-full" />
    </div>
  );
}
