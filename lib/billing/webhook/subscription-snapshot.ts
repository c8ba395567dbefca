// Reads the fields we keep from a subscription as Stripe returns it now. Parsed with zod rather
// than trusted from the SDK's types, because the shape moves between API versions (the period
// dates moved from the subscription to its items) and a surprise must fail loudly, not store
// nulls.
import { z } from "zod";
import { logger } from "@/lib/observability/logger";
import { BILLING_PLANS, planForPriceId, type BillingPlan } from "../plans";

const idOf = z.union([z.string(), z.object({ id: z.string() })]).transform((value) => (typeof value === "string" ? value : value.id));
const timestamp = z.number().int().nullish();

const stripeSubscription = z.object({
  id: z.string(),
  customer: idOf,
  status: z.string(),
  cancel_at_period_end: z.boolean().default(false),
  cancel_at: timestamp,
  canceled_at: timestamp,
  trial_end: timestamp,
  current_period_start: timestamp,
  current_period_end: timestamp,
  metadata: z.record(z.string(), z.string()).nullish(),
  items: z.object({
    data: z.array(
      z.object({
        price: z.object({ id: z.string() }).nullish(),
        quantity: z.number().int().min(0).nullish(),
        current_period_start: timestamp,
        current_period_end: timestamp,
      }),
    ),
  }),
});

export interface SubscriptionSnapshot {
  id: string;
  customerId: string;
  status: string;
  priceId: string | null;
  plan: BillingPlan;
  cancelAtPeriodEnd: boolean;
  cancelAt: Date | null;
  canceledAt: Date | null;
  trialEnd: Date | null;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  metadataUserId: string | null;
  /** Seats: the quantity of the item that grants the plan (a team subscription is sold per seat). */
  quantity: number;
  /** Set by a workspace's checkout: the workspace the subscription pays seats for. */
  metadataWorkspaceId: string | null;
}

const date = (seconds: number | null | undefined) => (typeof seconds === "number" ? new Date(seconds * 1000) : null);

export function subscriptionSnapshot(input: unknown): SubscriptionSnapshot {
  const s = stripeSubscription.parse(input);
  // The item that grants the best plan decides; a price this deployment does not sell grants
  // nothing beyond free (logged, since it usually means STRIPE_PRICE_* changed).
  const items = s.items.data.map((item) => ({ item, plan: planForPriceId(item.price?.id) }));
  const best = items.reduce<(typeof items)[number] | undefined>(
    (winner, candidate) =>
      !winner || BILLING_PLANS[candidate.plan ?? "free"].rank > BILLING_PLANS[winner.plan ?? "free"].rank ? candidate : winner,
    undefined,
  );
  if (!best?.plan) {
    logger.warn({ subscriptionId: s.id, priceIds: items.map(({ item }) => item.price?.id ?? null) }, "subscription has no price of a known plan");
  }
  return {
    id: s.id,
    customerId: s.customer,
    status: s.status,
    priceId: best?.item.price?.id ?? null,
    plan: best?.plan ?? "free",
    cancelAtPeriodEnd: s.cancel_at_period_end,
    cancelAt: date(s.cancel_at),
    canceledAt: date(s.canceled_at),
    trialEnd: date(s.trial_end),
    currentPeriodStart: date(best?.item.current_period_start ?? s.current_period_start),
    currentPeriodEnd: date(best?.item.current_period_end ?? s.current_period_end),
    metadataUserId: s.metadata?.userId ?? null,
    quantity: best?.item.quantity ?? 1,
    metadataWorkspaceId: s.metadata?.workspaceId ?? null,
  };
}
