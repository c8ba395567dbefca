import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { BillingStatus } from "@/lib/billing/get-billing-status";
import { BILLING_PLANS } from "@/lib/billing/plans";
import { formatBillingDate } from "./format-billing-date";
import { StripeRedirectButton } from "./stripe-redirect-button";
import { statusCopy } from "./subscription-status";

const BADGE_VARIANT = { good: "default", neutral: "secondary", bad: "destructive" } as const;

/** The plan whose limits apply now, the subscription behind it, and its next date. */
export function CurrentPlanCard({ status }: { status: BillingStatus }) {
  const plan = BILLING_PLANS[status.plan];
  const subscribed = status.subscribedPlan ? BILLING_PLANS[status.subscribedPlan] : null;
  const copy = status.status ? statusCopy(status.status) : null;
  const dates = datesLine(status);

  return (
    <Card aria-labelledby="current-plan-title">
      <CardHeader>
        <CardTitle id="current-plan-title" className="flex flex-wrap items-center gap-2 text-lg">
          <span data-testid="current-plan">{plan.name} plan</span>
          {copy ? (
            <Badge variant={BADGE_VARIANT[copy.tone]} data-testid="subscription-status">
              {copy.label}
            </Badge>
          ) : null}
        </CardTitle>
        <CardDescription>{plan.summary}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 text-sm">
        {subscribed && subscribed.plan !== plan.plan && copy ? (
          <p>
            Your {subscribed.name} subscription: {copy.label.toLowerCase()}. {copy.explanation}
          </p>
        ) : copy?.explanation && status.status !== "active" && status.status !== "trialing" ? (
          <p>{copy.explanation}</p>
        ) : null}
        {dates ? <p data-testid="billing-dates">{dates}</p> : null}
        {status.mode === "stripe" && status.hasCustomer ? (
          <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
            <StripeRedirectButton target={{ kind: "portal" }} variant="outline">
              Manage billing
            </StripeRedirectButton>
            <p className="text-muted-foreground sm:pt-2">
              Invoices, payment method, plan changes and cancellation, in Stripe&apos;s customer portal.
            </p>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

function datesLine(status: BillingStatus): string | null {
  if (status.status !== "active" && status.status !== "trialing") return null;
  if (status.cancelAt) return `Cancels on ${formatBillingDate(status.cancelAt)} (UTC); the plan stays until then and does not renew.`;
  if (status.status === "trialing" && status.trialEnd) {
    return `Trial ends on ${formatBillingDate(status.trialEnd)} (UTC); the subscription then continues as a paid plan unless you cancel it.`;
  }
  if (status.currentPeriodEnd) return `Renews on ${formatBillingDate(status.currentPeriodEnd)} (UTC).`;
  return null;
}
