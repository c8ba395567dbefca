// The plan whose entitlements a signed-in user gets right now. Quota and usage code calls this
// on every chat, so it is one indexed query (subscriptions_user_entitled_idx) and no Stripe call.
import "server-only";
import { env } from "@/lib/env";
import { findEntitledPlan } from "@/lib/db/billing";
import type { DbClaims } from "@/lib/db/with-rls";
import { billingEnabled } from "./billing-mode";
import type { BillingPlan } from "./plans";

/**
 * Billing off: DEFAULT_PLAN for everyone. Billing on: the plan of the user's best `trialing` or
 * `active` subscription, else free. Pass `claims` to read under the user's RLS context;
 * without them the read runs as the server (e.g. for an API-key caller resolved elsewhere).
 * `entitled`: that subscription's plan already read by the caller (a chat turn reads it with
 * the user's preferences, lib/db/chat-turns.ts), so it is not read again.
 */
export async function getUserPlan({ userId, claims, entitled }: { userId: string; claims?: DbClaims; entitled?: BillingPlan | null }): Promise<BillingPlan> {
  if (!billingEnabled()) return env.DEFAULT_PLAN;
  return (entitled !== undefined ? entitled : await findEntitledPlan({ userId, claims })) ?? "free";
}
