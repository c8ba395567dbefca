// Browser calls to the billing routes (/api/billing/*). The session cookie authenticates them;
// each answers {url} of a Stripe-hosted page to send the browser to.
import { postJson } from "@/components/auth/post-json";
import type { PaidPlan } from "@/lib/billing/plans";

export type StripeRedirect = { kind: "checkout"; plan: PaidPlan } | { kind: "portal" };

export function requestStripeUrl(target: StripeRedirect) {
  return target.kind === "checkout"
    ? postJson<{ url: string }>("/api/billing/checkout", { plan: target.plan })
    : postJson<{ url: string }>("/api/billing/portal");
}
