// Which plan's entitlements apply to a chat request. Guests get the guest plan; signed-in users
// get DEFAULT_PLAN until billing resolves their subscription (lib/billing refines this one
// function, so the context limit and quotas follow the plan everywhere).
import type { Principal } from "@/lib/auth/principal";
import { env } from "@/lib/env";
import { ENTITLEMENTS, type Plan } from "@/lib/limits/entitlements";

export function chatPlanFor(principal: Principal): Plan {
  return principal.kind === "guest" ? "guest" : env.DEFAULT_PLAN;
}

/** Cells of Excel context one request may carry on `plan`. */
export function maxCellsFor(plan: Plan): number {
  return ENTITLEMENTS[plan].maxCellsPerRequest;
}
