// The task pane's view of workspaces: which ones the user is in (GET /api/workspaces), and the
// write mode a workspace lets them use. An API key cannot list workspaces (managing them needs a
// signed-in session): the pane then offers only the personal space.
import type { WriteMode } from "@/lib/db/schema";
import { readApiError } from "./api-error";
import type { ApiResult, Fetcher } from "./api-client";

export interface PaneWorkspace {
  id: string;
  name: string;
  role: "owner" | "admin" | "member";
  policies: { maxWriteMode: "ask" | "read_only" | null; forcePiiRedaction: boolean; allowedProviders: string[] | null };
}

export async function listPaneWorkspaces(fetcher: Fetcher): Promise<ApiResult<PaneWorkspace[]>> {
  let response: Response;
  try {
    response = await fetcher("/api/workspaces", { cache: "no-store" });
  } catch {
    return { ok: false, error: { status: 0, code: "network", message: "Could not reach the server." } };
  }
  if (!response.ok) return { ok: false, error: await readApiError(response) };
  const body = (await response.json()) as { workspaces?: PaneWorkspace[] };
  return { ok: true, data: Array.isArray(body.workspaces) ? body.workspaces : [] };
}

const RANK: Record<WriteMode, number> = { read_only: 0, ask: 1, auto: 2 };

/** The user's write mode, no more permissive than the workspace's policy (the server enforces it too). */
export function effectiveWriteMode(mode: WriteMode, workspace: PaneWorkspace | null): WriteMode {
  const max = workspace?.policies.maxWriteMode;
  if (!max) return mode;
  return RANK[mode] > RANK[max] ? max : mode;
}

/** What the pane says about the workspace's policies, or null when none limits the user. */
export function policyNote(workspace: PaneWorkspace | null): string | null {
  if (!workspace) return null;
  const parts: string[] = [];
  if (workspace.policies.maxWriteMode === "read_only") parts.push("answers only read the workbook (no changes are proposed)");
  if (workspace.policies.maxWriteMode === "ask") parts.push("every change waits for your click");
  if (workspace.policies.forcePiiRedaction) parts.push("personal data is masked before it reaches the model");
  if (workspace.policies.allowedProviders) parts.push(`only ${workspace.policies.allowedProviders.join(", ")} may answer`);
  return parts.length > 0 ? `${workspace.name}'s admins set: ${parts.join("; ")}.` : null;
}
