"use client";

// The overview's usage section: plan limits, the window's headline figures and daily charts of
// chats, tokens and cost, from GET /api/usage. With no usage yet it says so plainly.
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import type { UsageResponse } from "@/app/api/usage/schema";
import { FormError } from "@/components/auth/form-error";
import { fetchApi } from "@/components/dashboard/fetch-api";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { DailyChart } from "./daily-chart";
import { QuotaMeters } from "./quota-meters";
import { StatTiles } from "./stat-tiles";
import { formatCompact, formatInteger, formatUsd, formatUsdTick } from "./usage-format";

const WINDOWS = [7, 30, 90] as const;

type Load = { status: "loading" } | { status: "ready"; usage: UsageResponse } | { status: "error"; message: string };

function busiest<Row extends { date: string }>(rows: Row[], value: (row: Row) => number): Row | null {
  let best: Row | null = null;
  for (const row of rows) if (value(row) > 0 && (!best || value(row) > value(best))) best = row;
  return best;
}

export function UsageOverview() {
  const [days, setDays] = useState<number>(30);
  const [load, setLoad] = useState<Load>({ status: "loading" });

  const refresh = useCallback(async () => {
    const result = await fetchApi<UsageResponse>(`/api/usage?days=${days}`);
    setLoad(result.ok ? { status: "ready", usage: result.data } : { status: "error", message: result.message });
  }, [days]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (load.status === "loading") {
    return (
      <div aria-busy="true" aria-label="Loading usage" className="flex flex-col gap-3">
        <Skeleton className="h-28 w-full" />
        <Skeleton className="h-20 w-full" />
        <Skeleton className="h-56 w-full" />
      </div>
    );
  }
  if (load.status === "error") {
    return (
      <div className="flex flex-col items-start gap-3">
        <FormError id="usage-error" message={`Usage could not be loaded: ${load.message}`} />
        <Button size="sm" variant="outline" onClick={() => void refresh()}>
          Try again
        </Button>
      </div>
    );
  }

  const { usage } = load;
  // The chart stacks answers from a model (or the offline analyst) on answers from the cache.
  const daily = usage.daily.map((day) => ({ ...day, modelRequests: day.requests - day.cachedRequests }));
  const requests = daily.reduce((sum, day) => sum + day.requests, 0);
  const tokens = daily.reduce((sum, day) => sum + day.promptTokens + day.completionTokens, 0);
  const cost = daily.reduce((sum, day) => sum + day.costMicros, 0);
  const peakRequests = busiest(daily, (d) => d.requests);
  const peakTokens = busiest(daily, (d) => d.promptTokens + d.completionTokens);
  const peakCost = busiest(daily, (d) => d.costMicros);

  return (
    <div className="flex flex-col gap-6">
      <QuotaMeters usage={usage} />
      <section aria-labelledby="usage-title" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="usage-title" className="font-semibold">
            Usage
          </h2>
          <div className="flex items-center gap-2">
            <label htmlFor="usage-window" className="text-sm text-muted-foreground">
              Period
            </label>
            <div className="w-36">
              <NativeSelect id="usage-window" value={days} onChange={(event) => setDays(Number(event.target.value))}>
                {WINDOWS.map((n) => (
                  <option key={n} value={n}>
                    Last {n} days
                  </option>
                ))}
              </NativeSelect>
            </div>
          </div>
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
              format={formatInteger}
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
              format={formatCompact}
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
              format={formatUsd}
              tickFormat={formatUsdTick}
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
                            {row.provider === "offline" ? "Offline analyst" : `${row.provider} · ${row.model}`}
                          </th>
                          <td className="py-1.5 pr-3 text-right">{formatInteger(row.requests)}</td>
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
