import { Info } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { BILLING_PLANS, type BillingPlan } from "@/lib/billing/plans";

/**
 * Said plainly when this deployment does not sell plans: there is nothing to buy here. Which
 * settings turn billing on is the operator's business (the health page and the server log say).
 */
export function BillingNotConfigured({ plan }: { plan: BillingPlan }) {
  return (
    <Alert data-testid="billing-off">
      <Info aria-hidden="true" />
      <AlertTitle>Plans are not sold on this site</AlertTitle>
      <AlertDescription>
        <p>
          Everyone here is on the {BILLING_PLANS[plan].name} plan at no charge, with the limits below. There is nothing
          to buy or cancel. If you need higher limits, ask whoever runs this site.
        </p>
      </AlertDescription>
    </Alert>
  );
}
