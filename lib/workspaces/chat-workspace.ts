// A chat in a workspace: who may start one (members only: anyone else gets the same 404 as for a
// workspace that does not exist), whose quota it draws on (the workspace's pool), and the admin
// policies applied to it on the server whatever the client asks: the write mode capped, PII
// redaction forced, only the allowed providers called. Read from the database on every turn, so
// a removed member or a changed policy takes effect with the next request.
import "server-only";
import type { Preferences } from "@/lib/db/profiles";
import type { WriteMode } from "@/lib/db/schema";
import type { DbClaims } from "@/lib/db/with-rls";
import { getSeatCounts, getWorkspace, type WorkspacePolicies } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors/app-error";
import type { Plan } from "@/lib/limits/entitlements";
import type { ProviderChain } from "@/lib/ai/providers/provider-types";
import { WORKSPACE_NOT_FOUND } from "./get-workspace-detail";
import { workspacePlan, workspaceQuotaIdentifier } from "./workspace-plan";

export interface ChatWorkspace {
  id: string;
  plan: Plan;
  /** The pooled quota is the plan's limits times this. */
  seats: number;
  /** `workspace:<id>`: the pool's quota counters. */
  identifier: string;
  policies: WorkspacePolicies;
}

/** The workspace for a chat turn; not_found unless the caller is a member. */
export async function loadChatWorkspace({ claims, workspaceId }: { claims: DbClaims; workspaceId: string }): Promise<ChatWorkspace> {
  const workspace = await getWorkspace({ claims, id: workspaceId });
  if (!workspace) throw new AppError("not_found", WORKSPACE_NOT_FOUND);
  const { plan, seats } = workspacePlan(await getSeatCounts({ workspaceId: workspace.id }));
  return { id: workspace.id, plan, seats, identifier: workspaceQuotaIdentifier(workspace.id), policies: workspace.policies };
}

const WRITE_RANK: Record<WriteMode, number> = { read_only: 0, ask: 1, auto: 2 };

/** The member's write mode, no more permissive than the workspace allows. */
function capWriteMode(mode: WriteMode, max: WorkspacePolicies["maxWriteMode"]): WriteMode {
  if (!max) return mode;
  return WRITE_RANK[mode] > WRITE_RANK[max] ? max : mode;
}

/** The member's preferences with the workspace's policies applied. */
export function withWorkspacePolicies(preferences: Preferences, workspace: ChatWorkspace | null): Preferences {
  if (!workspace) return preferences;
  const { policies } = workspace;
  return {
    ...preferences,
    writeMode: capWriteMode(preferences.writeMode, policies.maxWriteMode),
    piiRedaction: preferences.piiRedaction || policies.forcePiiRedaction,
  };
}

/**
 * Only the providers the workspace allows. With none of them configured the chain is empty and
 * the offline analyst answers: the workspace's data never goes to a provider it did not allow.
 */
export function allowedProviders(chain: ProviderChain, workspace: ChatWorkspace | null): ProviderChain {
  const allowed = workspace?.policies.allowedProviders;
  if (!allowed) return chain;
  return { ...chain, providers: chain.providers.filter((p) => (allowed as readonly string[]).includes(p.name)) };
}
