import { CircleCheck, Info } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

/**
 * Shown after Stripe Checkout sends the browser back. The plan changes when Stripe's webhook
 * arrives, which can be a few seconds after the redirect, so success says so.
 */
export function CheckoutNotice({ outcome, planActive }: { outcome: "success" | "canceled"; planActive: boolean }) {
  if (outcome === "canceled") {
    return (
      <Alert role="status">
        <Info aria-hidden="true" />
        <AlertTitle>Checkout canceled</AlertTitle>
        <AlertDescription>Nothing was charged. You can upgrade whenever you like.</AlertDescription>
      </Alert>
    );
  }
  return (
    <Alert role="status">
      <CircleCheck aria-hidden="true" />
      <AlertTitle>Checkout complete</AlertTitle>
      <AlertDescription>
        {planActive
          ? "Your new plan is active."
          : "Your plan switches over as soon as Stripe confirms the subscription, usually within a few seconds. Reload this page to see it."}
      </AlertDescription>
    </Alert>
  );
}
