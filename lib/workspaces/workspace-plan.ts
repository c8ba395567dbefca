// The plan and seat count behind a workspace's pooled quota. With billing on, a workspace with a
// team subscription is on the team plan with as many seats as it pays for; one without is on the
// free plan for its members (at most the free allowance). With billing off, every workspace is on
// the deployment's default plan, one seat per member.
import { billingEnabled } from "@/lib/billing/billing-mode";
import type { SeatCounts } from "@/lib/db/workspaces";
import { env } from "@/lib/env";
import type { Plan } from "@/lib/limits/entitlements";
import { FREE_WORKSPACE_SEATS, workspaceSeatLimit } from "./seat-limit";

export interface WorkspacePlan {
  plan: Exclude<Plan, "guest">;
  /** The multiplier of the plan's limits: the pooled quota is this many seats' worth. */
  seats: number;
}

export function workspacePlan(counts: SeatCounts): WorkspacePlan {
  if (!billingEnabled()) return { plan: env.DEFAULT_PLAN, seats: Math.max(1, counts.members) };
  if (counts.paid > 0) return { plan: "team", seats: counts.paid };
  return { plan: "free", seats: Math.max(1, Math.min(counts.members, FREE_WORKSPACE_SEATS)) };
}

/** The seats as the API shows them. */
export function seatsView(counts: SeatCounts) {
  return { used: counts.members, pendingInvites: counts.pendingInvites, paid: counts.paid, limit: workspaceSeatLimit(counts) };
}

/** The quota identifier a workspace's chats count against (lib/limits/check-quota.ts). */
export function workspaceQuotaIdentifier(workspaceId: string): string {
  return `workspace:${workspaceId}`;
}
