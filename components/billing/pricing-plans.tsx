// The plans for the landing page's pricing section: names, summaries and prices from the billing
// plan table (prices from Stripe when billing is on, lib/billing/get-plan-prices.ts), limits from
// ENTITLEMENTS, so the page cannot promise what the server does not enforce or checkout charge.
// A paid plan's button goes through sign-up to the billing page with that plan highlighted.
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { env } from "@/lib/env";
import { billingEnabled } from "@/lib/billing/billing-mode";
import type { PlanPrices } from "@/lib/billing/get-plan-prices";
import { BILLING_PLANS, formatPlanPrice, type BillingPlan } from "@/lib/billing/plans";
import { cn } from "@/lib/utils";
import { PlanLimits } from "./plan-limits";

const ORDER: BillingPlan[] = ["free", "pro", "team"];

function signUpHref(plan: BillingPlan, billing: boolean): string {
  if (!billing || plan === "free") return "/sign-up";
  return `/sign-up?next=${encodeURIComponent(`/dashboard/billing?plan=${plan}`)}`;
}

/** A server component: drop it inside the pricing section (it renders the list, no heading). */
export function PricingPlans({ prices }: { prices: PlanPrices }) {
  const billing = billingEnabled();
  const featured: BillingPlan = billing ? "pro" : env.DEFAULT_PLAN;
  return (
    <div className="flex flex-col gap-6">
      {billing ? null : (
        <p className="text-sm text-muted-foreground" data-testid="pricing-billing-off">
          For now, every account on this site gets the {BILLING_PLANS[env.DEFAULT_PLAN].name} plan at no charge.
        </p>
      )}
      <ul className="grid gap-6 md:grid-cols-3">
        {ORDER.map((plan) => {
          const info = BILLING_PLANS[plan];
          const isFeatured = plan === featured;
          const cta = !billing ? "Sign up" : plan === "free" ? "Start free" : `Choose ${info.name}`;
          return (
            <li
              key={plan}
              aria-labelledby={`pricing-plan-${plan}`}
              className={cn(
                "flex flex-col gap-6 rounded-xl border bg-card p-6 text-card-foreground shadow-sm",
                isFeatured && "border-primary ring-1 ring-primary",
              )}
            >
              <div>
                <h3 id={`pricing-plan-${plan}`} className="text-lg font-semibold">
                  {info.name}
                </h3>
                <p className="mt-1 text-sm text-muted-foreground">{info.summary}</p>
              </div>
              <PlanPriceLine price={prices[plan]} perSeat={plan === "team"} />
              <PlanLimits plan={plan} />
              <Button asChild variant={isFeatured ? "default" : "outline"} className="mt-auto">
                <Link href={signUpHref(plan, billing)}>{cta}</Link>
              </Button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** "$15 a month" ("a seat a month" for Team), large, with the unit in words for screen readers and people alike. */
export function PlanPriceLine({ price, perSeat = false }: { price: PlanPrices[BillingPlan]; perSeat?: boolean }) {
  const free = price.amount === 0;
  return (
    <p className="flex items-baseline gap-1" data-testid="plan-price">
      <span className="text-3xl font-semibold tracking-tight">{free ? "$0" : formatPlanPrice(price)}</span>{" "}
      <span className="text-sm text-muted-foreground">{free ? "forever" : `${perSeat ? "a seat " : ""}${price.interval === "month" ? "a month" : "a year"}`}</span>
    </p>
  );
}
