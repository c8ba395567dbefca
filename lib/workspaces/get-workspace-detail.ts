// One workspace as its member sees it: the summary read under RLS (a non-member gets not_found),
// with the seats and the plan behind its pooled quota.
import "server-only";
import { getSeatCounts, getWorkspace } from "@/lib/db/workspaces";
import type { DbClaims } from "@/lib/db/with-rls";
import { AppError } from "@/lib/errors/app-error";
import { seatsView, workspacePlan } from "./workspace-plan";

export const WORKSPACE_NOT_FOUND = "Workspace not found: it does not exist or you are not a member.";

export async function getWorkspaceDetail({ claims, id }: { claims: DbClaims; id: string }) {
  const workspace = await getWorkspace({ claims, id });
  if (!workspace) throw new AppError("not_found", WORKSPACE_NOT_FOUND);
  const counts = await getSeatCounts({ workspaceId: id });
  return { ...workspace, plan: workspacePlan(counts).plan, seats: seatsView(counts) };
}
