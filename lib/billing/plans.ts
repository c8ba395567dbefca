// The plans a signed-in user can be on and how each maps to a Stripe price: the one table in code.
// Limits live in ENTITLEMENTS; prices live in Stripe (checkout shows them), so nothing here can
// drift from what is charged or enforced.
import { env, type Env } from "@/lib/env";
import type { Plan } from "@/lib/limits/entitlements";

export type BillingPlan = Exclude<Plan, "guest">;
export const PAID_PLANS = ["pro", "team"] as const;
export type PaidPlan = (typeof PAID_PLANS)[number];

export interface PlanInfo {
  plan: BillingPlan;
  name: string;
  summary: string;
  /** The env variable that holds the plan's Stripe price id; null for the free plan. */
  priceEnv: "STRIPE_PRICE_PRO" | "STRIPE_PRICE_TEAM" | null;
  /** Orders plans, so "upgrade" and "the better of two subscriptions" mean something. */
  rank: number;
}

export const BILLING_PLANS = {
  free: { plan: "free", name: "Free", summary: "For trying it on your own workbooks.", priceEnv: null, rank: 0 },
  pro: { plan: "pro", name: "Pro", summary: "For people who work in Excel every day.", priceEnv: "STRIPE_PRICE_PRO", rank: 1 },
  team: { plan: "team", name: "Team", summary: "For heavy use and shared automation.", priceEnv: "STRIPE_PRICE_TEAM", rank: 2 },
} as const satisfies Record<BillingPlan, PlanInfo>;

export function isPaidPlan(value: unknown): value is PaidPlan {
  return typeof value === "string" && (PAID_PLANS as readonly string[]).includes(value);
}

/** The Stripe price a checkout for `plan` charges. */
export function priceIdForPlan(plan: PaidPlan, source: Env = env): string {
  const priceId = source[BILLING_PLANS[plan].priceEnv];
  // env.ts refuses to start with STRIPE_SECRET_KEY but without both prices, so this is a bug.
  if (!priceId) throw new Error(`${BILLING_PLANS[plan].priceEnv} is not set`);
  return priceId;
}

/** The plan a Stripe price grants, or null for a price this deployment does not sell. */
export function planForPriceId(priceId: string | null | undefined, source: Env = env): PaidPlan | null {
  if (!priceId) return null;
  return PAID_PLANS.find((plan) => source[BILLING_PLANS[plan].priceEnv] === priceId) ?? null;
}
