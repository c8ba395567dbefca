import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import type { PlanPrices } from "@/lib/billing/get-plan-prices";
import { BILLING_PLANS, PAID_PLANS, type PaidPlan } from "@/lib/billing/plans";
import { cn } from "@/lib/utils";
import { PlanLimits } from "./plan-limits";
import { PlanPriceLine } from "./pricing-plans";
import { StripeRedirectButton } from "./stripe-redirect-button";

/** The paid plans with their prices, each with a button to Stripe Checkout. */
export function UpgradeOptions({ highlight, prices }: { highlight?: PaidPlan; prices?: PlanPrices }) {
  return (
    <section aria-labelledby="upgrade-title" className="flex flex-col gap-3">
      <div>
        <h2 id="upgrade-title" className="text-lg font-semibold">
          Upgrade
        </h2>
        <p className="text-sm text-muted-foreground">
          Paid plans are billed through Stripe; you see the total before you pay, and you can cancel at any time.
        </p>
      </div>
      <ul className="grid gap-4 md:grid-cols-2">
        {PAID_PLANS.map((plan) => {
          const info = BILLING_PLANS[plan];
          return (
            <li key={plan}>
              <Card aria-labelledby={`upgrade-${plan}`} className={cn("h-full", highlight === plan && "border-primary ring-1 ring-primary")}>
                <CardHeader>
                  <CardTitle id={`upgrade-${plan}`}>{info.name}</CardTitle>
                  <CardDescription>{info.summary}</CardDescription>
                </CardHeader>
                <CardContent className="flex flex-col gap-4">
                  {prices ? <PlanPriceLine price={prices[plan]} perSeat={plan === "team"} /> : null}
                  <PlanLimits plan={plan} />
                </CardContent>
                <CardFooter className="mt-auto">
                  {plan === "team" ? (
                    // Team is sold per seat, for a workspace: its seats are bought on the workspace's page.
                    <Button asChild variant={highlight === plan ? "default" : "outline"}>
                      <Link href="/dashboard/workspaces">Buy seats for a workspace</Link>
                    </Button>
                  ) : (
                    <StripeRedirectButton target={{ kind: "checkout", plan }} variant={highlight === plan || (!highlight && plan === "pro") ? "default" : "outline"}>
                      Upgrade to {info.name}
                    </StripeRedirectButton>
                  )}
                </CardFooter>
              </Card>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
