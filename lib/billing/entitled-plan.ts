// Access follows the subscription's status: only `trialing` and `active` grant the subscription's
// plan; past_due, unpaid, paused, incomplete, canceled… grant free.
import type { BillingPlan } from "./plans";

const ENTITLING_STATUSES = ["trialing", "active"] as const;

function isEntitlingStatus(status: string | null | undefined): boolean {
  return (ENTITLING_STATUSES as readonly (string | null | undefined)[]).includes(status);
}

export function entitledPlan(subscription: { status: string; plan: BillingPlan } | null | undefined): BillingPlan {
  return subscription && isEntitlingStatus(subscription.status) ? subscription.plan : "free";
}
