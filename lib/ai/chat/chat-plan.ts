// Which plan's entitlements apply to a chat request: guests get the guest plan; signed-in users
// the plan billing resolves from their subscription (DEFAULT_PLAN while billing is off), so the
// context limit and quotas follow the plan everywhere.
import type { Principal } from "@/lib/auth/principal";
import { ENTITLEMENTS, type Plan } from "@/lib/limits/entitlements";
import { resolvePlan } from "@/lib/limits/resolve-plan";

/** `entitled`: the subscription's plan when the caller already read it (readTurn). */
export async function chatPlanFor(principal: Principal, entitled?: Parameters<typeof resolvePlan>[0]["entitled"]): Promise<Plan> {
  if (principal.kind === "guest") return "guest";
  return resolvePlan({ userId: principal.userId, claims: principal.claims, entitled });
}

/** Cells of Excel context one request may carry on `plan`. */
export function maxCellsFor(plan: Plan): number {
  return ENTITLEMENTS[plan].maxCellsPerRequest;
}
