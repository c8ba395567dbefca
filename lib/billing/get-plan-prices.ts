// What each plan costs, for the pricing section and the billing page. With Stripe on, a paid
// plan's price is the one its Stripe price object says (what checkout will charge), fetched with
// stripe.prices.retrieve and kept for an hour so a busy landing page does not call Stripe per view.
// With billing off, or while Stripe cannot be reached, the list price from the plan table is
// shown; an unreachable Stripe is logged for the operator, never shown to the visitor.
import "server-only";
import type Stripe from "stripe";
import { env, type Env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { billingEnabled } from "./billing-mode";
import { BILLING_PLANS, PAID_PLANS, priceIdForPlan, type BillingPlan, type PlanPrice } from "./plans";
import { getStripe } from "./stripe-client";

const PRICE_CACHE_MS = 60 * 60 * 1000;

export type PlanPrices = Record<BillingPlan, PlanPrice>;

const cache = new Map<string, { price: PlanPrice; expires: number }>();

/** Tests start each case from an empty cache. */
export function clearPlanPriceCache(): void {
  cache.clear();
}

function tablePrices(): PlanPrices {
  return { free: BILLING_PLANS.free.listPrice, pro: BILLING_PLANS.pro.listPrice, team: BILLING_PLANS.team.listPrice };
}

/** A Stripe price as a monthly or yearly amount; null for prices the page cannot state plainly. */
function fromStripe(price: Stripe.Price): PlanPrice | null {
  const amount = price.unit_amount;
  const interval = price.recurring?.interval;
  if (typeof amount !== "number" || price.recurring?.interval_count !== 1) return null;
  if (interval !== "month" && interval !== "year") return null;
  return { amount, currency: price.currency, interval: interval === "month" ? "month" : "year" };
}

async function stripePrice(priceId: string, stripe: Stripe, now: number): Promise<PlanPrice | null> {
  const cached = cache.get(priceId);
  if (cached && cached.expires > now) return cached.price;
  const price = fromStripe(await stripe.prices.retrieve(priceId));
  if (price) cache.set(priceId, { price, expires: now + PRICE_CACHE_MS });
  return price;
}

/** Every plan's price: Stripe's where billing is on and Stripe answers, the plan table's otherwise. */
export async function getPlanPrices({ source = env, stripe }: { source?: Env; stripe?: Stripe } = {}): Promise<PlanPrices> {
  const prices = tablePrices();
  if (!billingEnabled()) return prices;
  const client = stripe ?? getStripe();
  const now = Date.now();
  await Promise.all(
    PAID_PLANS.map(async (plan) => {
      const priceId = priceIdForPlan(plan, source);
      try {
        const price = await stripePrice(priceId, client, now);
        if (price) prices[plan] = price;
        else logger.warn({ plan, priceId }, "Stripe price is not a simple monthly or yearly amount; showing the plan table's price");
      } catch (error) {
        logger.warn({ plan, priceId, err: { message: (error as Error).message } }, "Stripe price lookup failed; showing the plan table's price");
      }
    }),
  );
  return prices;
}
