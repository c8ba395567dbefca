// What the billing page shows: the plan the user gets, and the subscription behind it.
import "server-only";
import { env } from "@/lib/env";
import { getSubscriptionSummary } from "@/lib/db/billing";
import type { DbClaims } from "@/lib/db/with-rls";
import { billingEnabled } from "./billing-mode";
import { entitledPlan } from "./entitled-plan";
import type { BillingPlan } from "./plans";
import { isoTimestampOrNull } from "@/lib/db/row-values";

export interface BillingStatus {
  mode: "stripe" | "off";
  /** The plan whose limits apply now (follows the subscription status). */
  plan: BillingPlan;
  /** The subscription's plan even when its status no longer grants it (e.g. past_due). */
  subscribedPlan: BillingPlan | null;
  /** Stripe's subscription status, or null without a subscription. */
  status: string | null;
  cancelAtPeriodEnd: boolean;
  /** When the subscription ends if it is set to cancel (ISO), else null. */
  cancelAt: string | null;
  /** When the current period ends: the renewal date (ISO). */
  currentPeriodEnd: string | null;
  trialEnd: string | null;
  /** Whether the user has a Stripe customer, i.e. something to manage in the portal. */
  hasCustomer: boolean;
}


export async function getBillingStatus({ claims }: { claims: DbClaims }): Promise<BillingStatus> {
  if (!billingEnabled()) {
    return {
      mode: "off",
      plan: env.DEFAULT_PLAN,
      subscribedPlan: null,
      status: null,
      cancelAtPeriodEnd: false,
      cancelAt: null,
      currentPeriodEnd: null,
      trialEnd: null,
      hasCustomer: false,
    };
  }
  const { hasCustomer, subscription } = await getSubscriptionSummary({ claims });
  const cancelAt = subscription?.cancelAt ?? (subscription?.cancelAtPeriodEnd ? subscription.currentPeriodEnd : null);
  return {
    mode: "stripe",
    plan: entitledPlan(subscription),
    subscribedPlan: subscription?.plan ?? null,
    status: subscription?.status ?? null,
    cancelAtPeriodEnd: subscription?.cancelAtPeriodEnd ?? false,
    cancelAt: isoTimestampOrNull(cancelAt ?? null),
    currentPeriodEnd: isoTimestampOrNull(subscription?.currentPeriodEnd ?? null),
    trialEnd: isoTimestampOrNull(subscription?.trialEnd ?? null),
    hasCustomer,
  };
}
