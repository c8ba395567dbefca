// The plans for the landing page's pricing section: names and summaries from the billing plan
// table, limits from ENTITLEMENTS, so the page cannot promise what the server does not enforce.
// A paid plan's button goes through sign-up to the billing page with that plan highlighted.
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { env } from "@/lib/env";
import { billingEnabled } from "@/lib/billing/billing-mode";
import { BILLING_PLANS, type BillingPlan } from "@/lib/billing/plans";
import { cn } from "@/lib/utils";
import { PlanLimits } from "./plan-limits";

const ORDER: BillingPlan[] = ["free", "pro", "team"];

function signUpHref(plan: BillingPlan, billing: boolean): string {
  if (!billing || plan === "free") return "/sign-up";
  return `/sign-up?next=${encodeURIComponent(`/dashboard/billing?plan=${plan}`)}`;
}

/** A server component: drop it inside the pricing section (it renders the list, no heading). */
export function PricingPlans() {
  const billing = billingEnabled();
  const featured: BillingPlan = billing ? "pro" : env.DEFAULT_PLAN;
  return (
    <div className="flex flex-col gap-6">
      {billing ? null : (
        <p className="text-sm text-muted-foreground" data-testid="pricing-billing-off">
          Billing is not configured on this deployment: every account gets the {BILLING_PLANS[env.DEFAULT_PLAN].name} plan at no
          charge.
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
