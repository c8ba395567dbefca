// Which plan a signed-in user is on, for quotas and GET /api/usage: the one place the limits ask.
// Billing decides (lib/billing/get-user-plan.ts: the best trialing/active subscription, or
// DEFAULT_PLAN when billing is off). Guests never reach this: they are "guest".
import "server-only";
import { getUserPlan } from "@/lib/billing/get-user-plan";
import type { DbClaims } from "@/lib/db/with-rls";
import type { Plan } from "./entitlements";

/** Pass `claims` to read the subscription under the user's RLS context. */
export async function resolvePlan({ userId, claims, entitled }: { userId: string; claims?: DbClaims; entitled?: Parameters<typeof getUserPlan>[0]["entitled"] }): Promise<Exclude<Plan, "guest">> {
  if (!userId) throw new TypeError("resolvePlan: userId is required");
  return getUserPlan({ userId, claims, entitled });
}
