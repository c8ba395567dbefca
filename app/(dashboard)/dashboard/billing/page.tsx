// The billing page: the plan whose limits apply, the subscription behind it, usage against
// the limits, and the way to Stripe (Checkout to upgrade, the portal to manage). With billing
// off it says there is nothing to buy and shows the plan everyone is on.
import type { Metadata } from "next";
import { BillingNotConfigured } from "@/components/billing/billing-not-configured";
import { CheckoutNotice } from "@/components/billing/checkout-notice";
import { CurrentPlanCard } from "@/components/billing/current-plan-card";
import { PlanUsage } from "@/components/billing/plan-usage";
import { UpgradeOptions } from "@/components/billing/upgrade-options";
import { PageHeader } from "@/components/dashboard/page-header";
import { loadWorkspaceSeats, WorkspaceSeats } from "@/components/workspaces/workspace-seats";
import { requireUser } from "@/lib/auth/current-user";
import { getBillingStatus } from "@/lib/billing/get-billing-status";
import { getPlanPrices } from "@/lib/billing/get-plan-prices";
import { isPaidPlan } from "@/lib/billing/plans";
import { getUsageCounters } from "@/lib/limits/check-quota";

export const metadata: Metadata = { title: "Billing" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
// Statuses after which Stripe will never bill the subscription again: a new checkout is the way back.
const ENDED = new Set(["canceled", "incomplete_expired"]);

export default async function BillingPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/dashboard/billing");
  const params = await searchParams;
  const status = await getBillingStatus({ claims: user.claims });
  // The same counters the quota check reads; they fail open (degraded) when the KV is down.
  const usage = await getUsageCounters({ plan: status.plan, identifier: `user:${user.userId}` }).catch(() => null);

  const checkout = first(params.checkout);
  const requested = first(params.plan);
  const canUpgrade = status.mode === "stripe" && (status.status === null || ENDED.has(status.status));

  return (
    <>
      <PageHeader title="Billing" description="Your plan, its limits and your subscription." />
      {status.mode === "off" ? <BillingNotConfigured plan={status.plan} /> : null}
      {status.mode === "stripe" && (checkout === "success" || checkout === "canceled") ? (
        <CheckoutNotice outcome={checkout} planActive={status.plan !== "free"} />
      ) : null}
      <CurrentPlanCard status={status} />
      <PlanUsage plan={status.plan} usage={usage} />
      <WorkspaceSeats rows={await loadWorkspaceSeats(user.claims)} />
      {canUpgrade ? <UpgradeOptions highlight={isPaidPlan(requested) ? requested : undefined} prices={await getPlanPrices()} /> : null}
    </>
  );
}
