import { Info } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { BILLING_PLANS, type BillingPlan } from "@/lib/billing/plans";

/** Said plainly when the deployment has no Stripe keys: there is nothing to buy here. */
export function BillingNotConfigured({ plan }: { plan: BillingPlan }) {
  return (
    <Alert data-testid="billing-not-configured">
      <Info aria-hidden="true" />
      <AlertTitle>Billing is not configured on this deployment</AlertTitle>
      <AlertDescription>
        <p>
          Everyone here is on the {BILLING_PLANS[plan].name} plan, with the limits below. There is nothing to buy or
          cancel. The operator enables billing by setting the Stripe keys (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET,
          STRIPE_PRICE_PRO, STRIPE_PRICE_TEAM).
        </p>
      </AlertDescription>
    </Alert>
  );
}
