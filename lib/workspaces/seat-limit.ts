// How many members a workspace may have. With billing off (self-hosted, no Stripe) seats are not
// sold, so there is no limit. With billing on, a workspace has the seats its team subscription
// pays for, or a small free allowance to try sharing before buying.
import { billingEnabled } from "@/lib/billing/billing-mode";
import type { SeatCounts } from "@/lib/db/workspaces";

/** Members a workspace without a team subscription may have (billing on). */
export const FREE_WORKSPACE_SEATS = 3;

/** null = unlimited. */
export function workspaceSeatLimit(counts: SeatCounts): number | null {
  if (!billingEnabled()) return null;
  return counts.paid > 0 ? counts.paid : FREE_WORKSPACE_SEATS;
}
