// Chats today, tokens this month and in-cell function calls today against the plan's limits: the
// counters the quota checks enforce. When the counters could not be read, they say so instead of showing zeros.
import Link from "next/link";
import { LocalDateTime } from "@/components/dashboard/local-date-time";
import { Progress } from "@/components/ui/progress";
import type { UsageReport } from "@/lib/limits/get-usage-report";
import { formatInteger, formatUsd } from "./usage-format";

function Meter({ id, label, used, limit, resetsAt, unknown }: { id: string; label: string; used: number; limit: number; resetsAt: string; unknown: boolean }) {
  const share = limit > 0 ? Math.min(100, (used / limit) * 100) : 0;
  return (
    <div className="flex flex-col gap-2 rounded-xl border bg-card p-4 text-card-foreground">
      <div className="flex items-baseline justify-between gap-2">
        <span id={id} className="text-sm text-muted-foreground">
          {label}
        </span>
        <span className="text-sm font-medium tabular-nums">
          {unknown ? `? of ${formatInteger(limit)}` : `${formatInteger(used)} of ${formatInteger(limit)}`}
        </span>
      </div>
      {unknown ? (
        <p className="text-xs text-muted-foreground">The counter cannot be read right now.</p>
      ) : (
        <Progress
          value={Math.min(used, limit)}
          max={limit}
          aria-labelledby={id}
          aria-valuetext={`${formatInteger(used)} of ${formatInteger(limit)} used`}
          indicatorClassName={share >= 90 ? "bg-destructive" : undefined}
        />
      )}
      <p className="text-xs text-muted-foreground">
        Resets <LocalDateTime iso={resetsAt} />
      </p>
    </div>
  );
}

export function QuotaMeters({ usage }: { usage: UsageReport }) {
  const nearLimit = !usage.degraded && (usage.requests.used >= usage.requests.limit * 0.9 || usage.tokens.used >= usage.tokens.limit * 0.9);
  return (
    <section aria-labelledby="quota-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="quota-title" className="font-semibold">
          Your {usage.plan} plan
        </h2>
        <Link href="/dashboard/billing" className="rounded-sm text-sm text-muted-foreground underline-offset-4 outline-none hover:text-foreground hover:underline focus-visible:ring-[3px] focus-visible:ring-ring">
          Plans and billing
        </Link>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Meter id="quota-requests" label="Chats today" used={usage.requests.used} limit={usage.requests.limit} resetsAt={usage.period.resetsAt.requests} unknown={usage.degraded} />
        <Meter id="quota-tokens" label="Tokens this month" used={usage.tokens.used} limit={usage.tokens.limit} resetsAt={usage.period.resetsAt.tokens} unknown={usage.degraded} />
        <Meter id="quota-functions" label="AI function calls today" used={usage.functions.used} limit={usage.functions.limit} resetsAt={usage.functions.resetsAt} unknown={usage.degraded} />
      </div>
      <p className="text-sm text-muted-foreground">
        In-cell functions (=AI.ASK, =AI.CLASSIFY, =AI.EXTRACT): {formatInteger(usage.functions.monthCalls)} computed this month for{" "}
        {formatUsd(usage.functions.costMicros)}, up to {formatInteger(usage.functions.perMinute)} a minute. Recalculated cells are answered from the
        cache: free, and not counted.
      </p>
      {nearLimit ? <p className="text-sm text-warning">You are close to a limit of your plan. Upgrade on the Billing page for more.</p> : null}
    </section>
  );
}
