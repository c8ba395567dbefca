// The plans a signed-in user can be on, what each costs and how each maps to a Stripe price: the
// one table in code. Limits live in ENTITLEMENTS. The list price here is what the pricing section
// shows when billing is off; with Stripe on, the price Stripe will charge is shown instead
// (lib/billing/get-plan-prices.ts), so the page cannot drift from what checkout charges.
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
  /** The list price, in the currency's minor unit (cents) per month, when Stripe does not say. */
  listPrice: PlanPrice;
}

export interface PlanPrice {
  /** In the currency's minor unit (cents for usd). */
  amount: number;
  /** ISO 4217, lower case as Stripe writes it. */
  currency: string;
  interval: "month" | "year";
}

export const BILLING_PLANS = {
  free: {
    plan: "free",
    name: "Free",
    summary: "For trying it on your own workbooks.",
    priceEnv: null,
    rank: 0,
    listPrice: { amount: 0, currency: "usd", interval: "month" },
  },
  pro: {
    plan: "pro",
    name: "Pro",
    summary: "For people who work in Excel every day.",
    priceEnv: "STRIPE_PRICE_PRO",
    rank: 1,
    listPrice: { amount: 1500, currency: "usd", interval: "month" },
  },
  team: {
    plan: "team",
    name: "Team",
    summary: "For teams: a shared workspace with a pooled quota and admin policies, per seat.",
    priceEnv: "STRIPE_PRICE_TEAM",
    rank: 2,
    listPrice: { amount: 4900, currency: "usd", interval: "month" },
  },
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

/** "$15", "€9.50", "Free". */
export function formatPlanPrice(price: PlanPrice): string {
  if (price.amount === 0) return "Free";
  const currency = price.currency.toUpperCase();
  const digits = new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const major = price.amount / 10 ** digits;
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: Number.isInteger(major) ? 0 : digits,
  }).format(major);
}
