// Microsoft sign-in: a user of an Entra tenant joins, as a member, every workspace an admin has
// linked to that tenant (workspaces.entra_tenant_id), while it has a seat free. Safe to call on
// every sign-in: a user who is a member already keeps their role.
import "server-only";
import { addUserToTenantWorkspaces } from "@/lib/db/workspaces";
import { workspaceSeatLimit } from "./seat-limit";

/** Returns the ids of the workspaces the user joined now (none when they were in all of them already). */
export function joinTenantWorkspaces({ userId, tenantId }: { userId: string; tenantId: string }): Promise<string[]> {
  return addUserToTenantWorkspaces({ userId, tenantId, seatLimit: workspaceSeatLimit });
}
