import { PricingPlans } from "@/components/billing/pricing-plans";
import { getPlanPrices } from "@/lib/billing/get-plan-prices";

/**
 * The plans and their limits; the anchor #pricing is linked from the header and elsewhere. The
 * list itself is the billing component, so the landing page and billing read one plan table
 * (limits from ENTITLEMENTS, which the server enforces; prices from Stripe when billing is on,
 * else from the plan table).
 */
export async function Pricing() {
  const prices = await getPlanPrices();
  return (
    <section id="pricing" aria-labelledby="pricing-title" className="border-t bg-muted/40">
      <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
        <h2 id="pricing-title" className="text-3xl font-semibold tracking-tight">
          Plans
        </h2>
        <p className="mt-2 max-w-2xl text-muted-foreground">
          Every plan includes the add-in, the dashboard and API keys. Plans differ in how much you can ask. Prices are
          per account; you can cancel a paid plan at any time.
        </p>
        <div className="mt-10">
          <PricingPlans prices={prices} />
        </div>
      </div>
    </section>
  );
}
