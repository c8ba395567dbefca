// Browser calls to the workspace routes, with the session cookie. The wire shapes are the
// server's own (type-only imports: nothing server-side is bundled).
import { fetchApi } from "@/components/dashboard/fetch-api";
import type { WorkspaceSummary } from "@/lib/db/workspaces";

type Role = WorkspaceSummary["role"];
type Policies = WorkspaceSummary["policies"];

const base = (id: string) => `/api/workspaces/${encodeURIComponent(id)}`;

export const createWorkspace = (name: string) => fetchApi<WorkspaceSummary>("/api/workspaces", { method: "POST", json: { name } });

export const updatePolicies = (id: string, policies: Partial<Policies>) =>
  fetchApi<WorkspaceSummary>(base(id), { method: "PATCH", json: { policies } });

export const deleteWorkspace = (id: string) => fetchApi<{ deleted: true }>(base(id), { method: "DELETE" });

export const createInvite = (id: string, role: "admin" | "member") =>
  fetchApi<{ url: string; token: string; expiresAt: string }>(`${base(id)}/invites`, { method: "POST", json: { role } });

export const revokeInvite = (id: string, inviteId: string) =>
  fetchApi<{ revoked: true }>(`${base(id)}/invites/${encodeURIComponent(inviteId)}`, { method: "DELETE" });

export const changeRole = (id: string, userId: string, role: Role) =>
  fetchApi<{ role: Role }>(`${base(id)}/members/${encodeURIComponent(userId)}`, { method: "PATCH", json: { role } });

export const removeMember = (id: string, userId: string) =>
  fetchApi<{ role: null }>(`${base(id)}/members/${encodeURIComponent(userId)}`, { method: "DELETE" });

export const acceptInvite = (token: string) =>
  fetchApi<{ workspaceId: string; joined: boolean }>(`/api/invites/${encodeURIComponent(token)}/accept`, { method: "POST" });

export const buySeats = (id: string, seats: number) => fetchApi<{ url: string }>(`${base(id)}/checkout`, { method: "POST", json: { seats } });

export const openSeatsPortal = (id: string) => fetchApi<{ url: string }>(`${base(id)}/portal`, { method: "POST" });
