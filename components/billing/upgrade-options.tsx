import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { BILLING_PLANS, PAID_PLANS, type PaidPlan } from "@/lib/billing/plans";
import { cn } from "@/lib/utils";
import { PlanLimits } from "./plan-limits";
import { StripeRedirectButton } from "./stripe-redirect-button";

/** The paid plans, each with a button to Stripe Checkout. Prices are shown by Checkout. */
export function UpgradeOptions({ highlight }: { highlight?: PaidPlan }) {
  return (
    <section aria-labelledby="upgrade-title" className="flex flex-col gap-3">
      <div>
        <h2 id="upgrade-title" className="text-lg font-semibold">
          Upgrade
        </h2>
        <p className="text-sm text-muted-foreground">
          Paid plans are billed monthly through Stripe; the price is shown before you pay, and you can cancel at any time.
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
                <CardContent>
                  <PlanLimits plan={plan} />
                </CardContent>
                <CardFooter className="mt-auto">
                  <StripeRedirectButton target={{ kind: "checkout", plan }} variant={highlight === plan || (!highlight && plan === "pro") ? "default" : "outline"}>
                    Upgrade to {info.name}
                  </StripeRedirectButton>
                </CardFooter>
              </Card>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
