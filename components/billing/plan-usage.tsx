import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { UsageCounters } from "@/lib/limits/check-quota";
import { ENTITLEMENTS } from "@/lib/limits/entitlements";
import type { BillingPlan } from "@/lib/billing/plans";

const integer = new Intl.NumberFormat("en-US");

/**
 * The plan's limits and, when the counters could be read, what has been used against them.
 * With the KV down the counts are unknown: the limits are shown alone, never made-up zeros.
 */
export function PlanUsage({ plan, usage }: { plan: BillingPlan; usage: UsageCounters | null }) {
  const limits = ENTITLEMENTS[plan];
  const counted = usage && !usage.degraded ? usage : null;
  return (
    <Card aria-labelledby="plan-usage-title">
      <CardHeader>
        <CardTitle id="plan-usage-title">Usage and limits</CardTitle>
        <CardDescription>
          {counted ? "Chats reset every day at 00:00 UTC, tokens on the 1st of each month." : "Usage counts are not available right now; these are your plan's limits."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-5 sm:grid-cols-3">
          <Meter label="Chats today" used={counted?.requests.used} limit={limits.requestsPerDay} />
          <Meter label="Tokens this month" used={counted?.tokens.used} limit={limits.tokensPerMonth} />
          <div className="flex flex-col gap-1">
            <dt className="text-sm text-muted-foreground">Largest selection</dt>
            <dd className="font-medium">{integer.format(limits.maxCellsPerRequest)} cells</dd>
          </div>
        </dl>
      </CardContent>
    </Card>
  );
}

function Meter({ label, used, limit }: { label: string; used: number | undefined; limit: number }) {
  const share = used === undefined ? 0 : Math.min(100, Math.round((used / limit) * 100));
  return (
    <div className="flex flex-col gap-1">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="flex flex-col gap-2">
        <span className="font-medium">
          {used === undefined ? `${integer.format(limit)} included` : `${integer.format(used)} of ${integer.format(limit)}`}
        </span>
        {used === undefined ? null : (
          <span
            role="progressbar"
            aria-label={label}
            aria-valuemin={0}
            aria-valuemax={limit}
            aria-valuenow={Math.min(used, limit)}
            className="h-2 overflow-hidden rounded-full bg-muted"
          >
            <span className={share >= 90 ? "block h-full bg-destructive" : "block h-full bg-primary"} style={{ width: `${share}%` }} />
          </span>
        )}
      </dd>
    </div>
  );
}
