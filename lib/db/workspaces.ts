// Workspaces, their members and invite links (docs/architecture.md, "Workspaces"). Reads and
// member changes run as the user under RLS, so a non-member finds nothing and a member cannot do
// an admin's job even if a route forgot to check; creating a workspace (with its first owner) and
// accepting an invite are server writes, made as service_role once the caller or token is checked.
import "server-only";
import { sql } from "kysely";
import { AppError } from "@/lib/errors/app-error";
import type { MaxWriteMode, ProviderName, WorkspaceRole } from "./schema";
import { isoTimestamp } from "./row-values";
import { withServiceDb, withUserDb, type DbClaims, type Tx } from "./with-rls";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids that are not UUIDs cannot exist: a 404, not a SQL error. */
function isWorkspaceId(id: string): boolean {
  return UUID_RE.test(id);
}

export interface WorkspacePolicies {
  /** The most a member's write mode may allow: null = no cap. */
  maxWriteMode: MaxWriteMode | null;
  forcePiiRedaction: boolean;
  /** Days workspace conversations are kept; null = each author's own retention. */
  retentionDays: number | null;
  /** Providers that may answer workspace chats; null = every configured one. */
  allowedProviders: ProviderName[] | null;
}

export interface WorkspaceSummary {
  id: string;
  name: string;
  role: WorkspaceRole;
  memberCount: number;
  entraTenantId: string | null;
  policies: WorkspacePolicies;
  createdAt: string;
}

interface WorkspaceRow {
  id: string;
  name: string;
  role: WorkspaceRole;
  member_count: number | string;
  entra_tenant_id: string | null;
  max_write_mode: MaxWriteMode | null;
  force_pii_redaction: boolean;
  retention_days: number | null;
  allowed_providers: ProviderName[] | null;
  created_at: Date | string;
}

function toSummary(row: WorkspaceRow): WorkspaceSummary {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    memberCount: Number(row.member_count),
    entraTenantId: row.entra_tenant_id,
    policies: {
      maxWriteMode: row.max_write_mode,
      forcePiiRedaction: row.force_pii_redaction,
      retentionDays: row.retention_days,
      allowedProviders: row.allowed_providers,
    },
    createdAt: isoTimestamp(row.created_at),
  };
}

function selectWorkspaces(tx: Tx, userId: string) {
  return tx
    .selectFrom("workspaces as w")
    .innerJoin("workspace_members as me", (join) => join.onRef("me.workspace_id", "=", "w.id").on("me.user_id", "=", userId))
    .select([
      "w.id",
      "w.name",
      "me.role",
      "w.entra_tenant_id",
      "w.max_write_mode",
      "w.force_pii_redaction",
      "w.retention_days",
      "w.allowed_providers",
      "w.created_at",
    ])
    .select((eb) =>
      eb.selectFrom("workspace_members as m").select(sql<number>`count(*)::int`.as("n")).whereRef("m.workspace_id", "=", "w.id").as("member_count"),
    );
}

/** The caller's workspaces, oldest membership first. */
export async function listWorkspaces({ claims }: { claims: DbClaims }): Promise<WorkspaceSummary[]> {
  const rows = await withUserDb(claims, (tx) => selectWorkspaces(tx, claims.sub).orderBy("me.created_at").orderBy("w.id").execute());
  return rows.map((row) => toSummary(row as WorkspaceRow));
}

/** One of the caller's workspaces, or null (missing, malformed id, or not a member). */
export async function getWorkspace({ claims, id }: { claims: DbClaims; id: string }): Promise<WorkspaceSummary | null> {
  if (!isWorkspaceId(id)) return null;
  const row = await withUserDb(claims, (tx) => selectWorkspaces(tx, claims.sub).where("w.id", "=", id).executeTakeFirst());
  return row ? toSummary(row as WorkspaceRow) : null;
}

/** How many workspaces one user may own. */
const MAX_OWNED_WORKSPACES = 20;

/** Creates a workspace with the caller as its owner. */
export async function createWorkspace({ userId, name }: { userId: string; name: string }): Promise<string> {
  return withServiceDb(async (tx) => {
    // Serialises concurrent creations by one user, so the cap holds.
    await sql`select pg_advisory_xact_lock(hashtext(${`workspace-create:${userId}`}))`.execute(tx);
    const owned = await tx
      .selectFrom("workspace_members")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("user_id", "=", userId)
      .where("role", "=", "owner")
      .executeTakeFirstOrThrow();
    if (owned.n >= MAX_OWNED_WORKSPACES) {
      throw new AppError("bad_request", `You already own ${MAX_OWNED_WORKSPACES} workspaces; delete one before creating another.`);
    }
    const workspace = await tx.insertInto("workspaces").values({ name, created_by: userId }).returning("id").executeTakeFirstOrThrow();
    await tx.insertInto("workspace_members").values({ workspace_id: workspace.id, user_id: userId, role: "owner" }).execute();
    return workspace.id;
  });
}

export interface WorkspacePatch {
  name?: string;
  maxWriteMode?: MaxWriteMode | null;
  forcePiiRedaction?: boolean;
  retentionDays?: number | null;
  allowedProviders?: ProviderName[] | null;
  entraTenantId?: string | null;
}

/** Renames the workspace or changes its policies (owners and admins, by RLS). False when not allowed or not found. */
export async function updateWorkspace({ claims, id, patch }: { claims: DbClaims; id: string; patch: WorkspacePatch }): Promise<boolean> {
  if (!isWorkspaceId(id)) return false;
  const values = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.maxWriteMode !== undefined ? { max_write_mode: patch.maxWriteMode } : {}),
    ...(patch.forcePiiRedaction !== undefined ? { force_pii_redaction: patch.forcePiiRedaction } : {}),
    ...(patch.retentionDays !== undefined ? { retention_days: patch.retentionDays } : {}),
    ...(patch.allowedProviders !== undefined ? { allowed_providers: patch.allowedProviders } : {}),
    ...(patch.entraTenantId !== undefined ? { entra_tenant_id: patch.entraTenantId } : {}),
  };
  const rows = await withUserDb(claims, (tx) =>
    tx
      .updateTable("workspaces")
      .set({ ...values, updated_at: new Date() })
      .where("id", "=", id)
      .returning("id")
      .execute(),
  );
  return rows.length > 0;
}

/** Deletes the workspace with its shared conversations (owners only, by RLS). */
export async function deleteWorkspace({ claims, id }: { claims: DbClaims; id: string }): Promise<boolean> {
  if (!isWorkspaceId(id)) return false;
  const rows = await withUserDb(claims, (tx) => tx.deleteFrom("workspaces").where("id", "=", id).returning("id").execute());
  return rows.length > 0;
}

// Members ------------------------------------------------------------------------------------

export interface WorkspaceMember {
  userId: string;
  email: string | null;
  displayName: string | null;
  role: WorkspaceRole;
  joinedAt: string;
}

/**
 * The members, owners first. Emails come from auth.users, which `authenticated` cannot read: the
 * membership is read under RLS first (a non-member gets null), the names as service_role after.
 */
export async function listMembers({ claims, workspaceId }: { claims: DbClaims; workspaceId: string }): Promise<WorkspaceMember[] | null> {
  if (!isWorkspaceId(workspaceId)) return null;
  const members = await withUserDb(claims, (tx) =>
    tx.selectFrom("workspace_members").select(["user_id", "role", "created_at"]).where("workspace_id", "=", workspaceId).execute(),
  );
  if (members.length === 0) return null;
  const ids = members.map((m) => m.user_id);
  const people = await withServiceDb((tx) =>
    tx
      .selectFrom("auth.users as u")
      .leftJoin("profiles as p", "p.id", "u.id")
      .select(["u.id", "u.email", "p.display_name"])
      .where("u.id", "in", ids)
      .execute(),
  );
  const byId = new Map(people.map((p) => [p.id, p]));
  const rank: Record<WorkspaceRole, number> = { owner: 0, admin: 1, member: 2 };
  return members
    .map((m) => ({
      userId: m.user_id,
      email: byId.get(m.user_id)?.email ?? null,
      displayName: byId.get(m.user_id)?.display_name ?? null,
      role: m.role,
      joinedAt: isoTimestamp(m.created_at),
    }))
    .sort((a, b) => rank[a.role] - rank[b.role] || a.joinedAt.localeCompare(b.joinedAt));
}

async function ownerCount(tx: Tx, workspaceId: string): Promise<number> {
  const row = await tx
    .selectFrom("workspace_members")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("workspace_id", "=", workspaceId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return row.n;
}

function lastOwner(): AppError {
  return new AppError("bad_request", "A workspace must keep at least one owner: make another member an owner first, or delete the workspace.");
}

/** One member's row as the caller may see it, locked for the change when the caller may update it. */
function memberRow(tx: Tx, workspaceId: string, userId: string, { lock }: { lock: boolean }) {
  const query = tx.selectFrom("workspace_members").select("role").where("workspace_id", "=", workspaceId).where("user_id", "=", userId);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * Changes a member's role. The caller's own role decides (RLS): admins change members and
 * admins, only owners make or unmake owners. Returns the previous role, or null when the member
 * is not there or the caller may not change them.
 */
export async function updateMemberRole(input: { claims: DbClaims; workspaceId: string; userId: string; role: WorkspaceRole }): Promise<WorkspaceRole | null> {
  const { claims, workspaceId, userId, role } = input;
  if (!isWorkspaceId(workspaceId) || !isWorkspaceId(userId)) return null;
  return withUserDb(claims, async (tx) => {
    const current = await memberRow(tx, workspaceId, userId, { lock: true });
    if (!current) return null;
    if (current.role === "owner" && role !== "owner" && (await ownerCount(tx, workspaceId)) <= 1) throw lastOwner();
    const rows = await tx
      .updateTable("workspace_members")
      .set({ role })
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .returning("user_id")
      .execute();
    return rows.length > 0 ? current.role : null;
  });
}

/**
 * Removes a member, or the caller themself (leaving). Returns the removed member's role, or null
 * when they are not there or the caller may not remove them (RLS).
 */
export async function removeMember({ claims, workspaceId, userId }: { claims: DbClaims; workspaceId: string; userId: string }): Promise<WorkspaceRole | null> {
  if (!isWorkspaceId(workspaceId) || !isWorkspaceId(userId)) return null;
  return withUserDb(claims, async (tx) => {
    // No lock: a member leaving has no update right to lock with; the database trigger keeps the
    // last owner even when two removals race.
    const current = await memberRow(tx, workspaceId, userId, { lock: false });
    if (!current) return null;
    if (current.role === "owner" && (await ownerCount(tx, workspaceId)) <= 1) throw lastOwner();
    const rows = await tx
      .deleteFrom("workspace_members")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .returning("user_id")
      .execute();
    return rows.length > 0 ? current.role : null;
  });
}

/** The caller's role in the workspace, or null for a non-member (or a malformed id). */
export async function getMyRole({ claims, workspaceId }: { claims: DbClaims; workspaceId: string }): Promise<WorkspaceRole | null> {
  if (!isWorkspaceId(workspaceId)) return null;
  const row = await withUserDb(claims, (tx) =>
    tx.selectFrom("workspace_members").select("role").where("workspace_id", "=", workspaceId).where("user_id", "=", claims.sub).executeTakeFirst(),
  );
  return row?.role ?? null;
}

// Seats -----------------------------------------------------------------------------------------

export interface SeatCounts {
  /** Members now. */
  members: number;
  /** Invites that can still be accepted. */
  pendingInvites: number;
  /** Seats bought: the quantity of the workspace's trialing or active team subscription(s). */
  paid: number;
}

async function seatCountsIn(tx: Tx, workspaceId: string): Promise<SeatCounts> {
  const row = await sql<{ members: number; pending: number; paid: number }>`
    select
      (select count(*)::int from public.workspace_members m where m.workspace_id = ${workspaceId}) as members,
      (select count(*)::int from public.workspace_invites i
        where i.workspace_id = ${workspaceId} and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()) as pending,
      (select coalesce(sum(s.quantity), 0)::int from public.subscriptions s
        where s.workspace_id = ${workspaceId} and s.plan = 'team' and s.status in ('trialing', 'active')) as paid
  `.execute(tx);
  const counts = row.rows[0];
  return { members: Number(counts?.members ?? 0), pendingInvites: Number(counts?.pending ?? 0), paid: Number(counts?.paid ?? 0) };
}

/** Seat counts of a workspace (server-side: the caller's membership is checked by the route). */
export function getSeatCounts({ workspaceId }: { workspaceId: string }): Promise<SeatCounts> {
  return withServiceDb((tx) => seatCountsIn(tx, workspaceId));
}

/** A seat limit: null = unlimited (billing off), else how many members the workspace may have. */
export type SeatLimitOf = (counts: SeatCounts) => number | null;

// Invites ---------------------------------------------------------------------------------------

export interface NewInvite {
  claims: DbClaims;
  workspaceId: string;
  role: "admin" | "member";
  tokenHash: string;
  expiresAt: Date;
  seatLimit: SeatLimitOf;
}

/**
 * Stores an invite (owners and admins, by RLS) unless the seats are taken: members plus invites
 * still open may not exceed the seat limit. Returns the invite id, or null when the caller may
 * not invite. Serialised per workspace so two invites cannot take the last seat together.
 */
export async function createInvite(input: NewInvite): Promise<string | null> {
  const { claims, workspaceId, role, tokenHash, expiresAt, seatLimit } = input;
  if (!isWorkspaceId(workspaceId)) return null;
  return withUserDb(claims, async (tx) => {
    const admin = await tx
      .selectFrom("workspace_members")
      .select("role")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", claims.sub)
      .where("role", "in", ["owner", "admin"])
      .executeTakeFirst();
    if (!admin) return null;
    await sql`select pg_advisory_xact_lock(hashtext(${`workspace-seats:${workspaceId}`}))`.execute(tx);
    // An admin reads members, open invites and the workspace's subscription under RLS.
    const counts = await seatCountsIn(tx, workspaceId);
    const limit = seatLimit(counts);
    if (limit !== null && counts.members + counts.pendingInvites >= limit) throw seatsTaken(counts, limit);
    const row = await tx
      .insertInto("workspace_invites")
      .values({ workspace_id: workspaceId, role, token_hash: tokenHash, created_by: claims.sub, expires_at: expiresAt })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

function seatsTaken(counts: SeatCounts, limit: number): AppError {
  const pending = counts.pendingInvites > 0 ? ` and ${counts.pendingInvites} open invite${counts.pendingInvites === 1 ? "" : "s"}` : "";
  return new AppError(
    "payment_required",
    `Every seat is taken: this workspace has ${limit} seat${limit === 1 ? "" : "s"}, with ${counts.members} member${counts.members === 1 ? "" : "s"}${pending}. Add seats on the workspace's billing page, or remove a member or an open invite first.`,
    { details: { seats: { limit, members: counts.members, pendingInvites: counts.pendingInvites } } },
  );
}

export interface OpenInvite {
  id: string;
  role: "admin" | "member";
  createdAt: string;
  expiresAt: string;
}

/** Invites not yet accepted, revoked or expired (owners and admins, by RLS). */
export async function listOpenInvites({ claims, workspaceId }: { claims: DbClaims; workspaceId: string }): Promise<OpenInvite[]> {
  if (!isWorkspaceId(workspaceId)) return [];
  const rows = await withUserDb(claims, (tx) =>
    tx
      .selectFrom("workspace_invites")
      .select(["id", "role", "created_at", "expires_at"])
      .where("workspace_id", "=", workspaceId)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", new Date())
      .orderBy("created_at", "desc")
      .execute(),
  );
  return rows.map((r) => ({ id: r.id, role: r.role, createdAt: isoTimestamp(r.created_at), expiresAt: isoTimestamp(r.expires_at) }));
}

/** Revokes an open invite (owners and admins, by RLS); false when there is none to revoke. */
export async function revokeInvite({ claims, workspaceId, inviteId }: { claims: DbClaims; workspaceId: string; inviteId: string }): Promise<boolean> {
  if (!isWorkspaceId(workspaceId) || !isWorkspaceId(inviteId)) return false;
  const rows = await withUserDb(claims, (tx) =>
    tx
      .updateTable("workspace_invites")
      .set({ revoked_at: new Date() })
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", inviteId)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .returning("id")
      .execute(),
  );
  return rows.length > 0;
}

export interface AcceptedInvite {
  workspaceId: string;
  role: WorkspaceRole;
  /** False when the user was a member already (their role is unchanged). */
  joined: boolean;
}

/**
 * Uses an invite: the token's hash must match an invite that is neither used, revoked nor
 * expired, and a seat must be free. Single use: the row is locked and marked in the same
 * transaction that adds the member. One message for every unusable token, so the answer says
 * nothing about which tokens exist.
 */
export async function acceptInvite({ userId, tokenHash, seatLimit }: { userId: string; tokenHash: string; seatLimit: SeatLimitOf }): Promise<AcceptedInvite> {
  return withServiceDb(async (tx) => {
    const invite = await tx
      .selectFrom("workspace_invites")
      .select(["id", "workspace_id", "role", "expires_at", "accepted_at", "revoked_at"])
      .where("token_hash", "=", tokenHash)
      .forUpdate()
      .executeTakeFirst();
    if (!invite || invite.accepted_at !== null || invite.revoked_at !== null || new Date(invite.expires_at).getTime() <= Date.now()) {
      throw new AppError("not_found", "This invite link is not valid: it was used already, revoked, or has expired. Ask for a new one.");
    }
    const existing = await tx
      .selectFrom("workspace_members")
      .select("role")
      .where("workspace_id", "=", invite.workspace_id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (existing) return { workspaceId: invite.workspace_id, role: existing.role, joined: false };
    await sql`select pg_advisory_xact_lock(hashtext(${`workspace-seats:${invite.workspace_id}`}))`.execute(tx);
    const counts = await seatCountsIn(tx, invite.workspace_id);
    const limit = seatLimit(counts);
    // This invite holds one of the seats counted as pending, so it may fill the last one.
    if (limit !== null && counts.members >= limit) throw seatsTaken({ ...counts, pendingInvites: Math.max(0, counts.pendingInvites - 1) }, limit);
    await tx.insertInto("workspace_members").values({ workspace_id: invite.workspace_id, user_id: userId, role: invite.role }).execute();
    await tx.updateTable("workspace_invites").set({ accepted_at: new Date(), accepted_by: userId }).where("id", "=", invite.id).execute();
    return { workspaceId: invite.workspace_id, role: invite.role, joined: true };
  });
}

/**
 * Microsoft sign-in: adds the user as a `member` of every workspace linked to their Entra
 * tenant that has a seat free. Idempotent (an existing membership, whatever its role, is left as
 * it is). Returns the ids of the workspaces the user was added to now.
 */
export async function addUserToTenantWorkspaces({ userId, tenantId, seatLimit }: { userId: string; tenantId: string; seatLimit: SeatLimitOf }): Promise<string[]> {
  if (!tenantId) return [];
  return withServiceDb(async (tx) => {
    const linked = await tx
      .selectFrom("workspaces as w")
      .select("w.id")
      .where("w.entra_tenant_id", "=", tenantId)
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom("workspace_members as m").select("m.user_id").whereRef("m.workspace_id", "=", "w.id").where("m.user_id", "=", userId)),
        ),
      )
      .orderBy("w.created_at")
      .execute();
    const added: string[] = [];
    for (const { id } of linked) {
      await sql`select pg_advisory_xact_lock(hashtext(${`workspace-seats:${id}`}))`.execute(tx);
      const counts = await seatCountsIn(tx, id);
      const limit = seatLimit(counts);
      if (limit !== null && counts.members + counts.pendingInvites >= limit) continue;
      const rows = await tx
        .insertInto("workspace_members")
        .values({ workspace_id: id, user_id: userId, role: "member" })
        .onConflict((oc) => oc.columns(["workspace_id", "user_id"]).doNothing())
        .returning("workspace_id")
        .execute();
      if (rows.length > 0) {
        added.push(id);
        await tx
          .insertInto("workspace_audit_log")
          .values({ workspace_id: id, actor_id: userId, action: "member.joined", target_user_id: userId, metadata: JSON.stringify({ via: "entra", tenantId }) })
          .execute();
      }
    }
    return added;
  });
}

// Audit ------------------------------------------------------------------------------------------

export type WorkspaceAuditAction =
  | "workspace.created"
  | "workspace.updated"
  | "workspace.policy_changed"
  | "member.invited"
  | "member.joined"
  | "member.role_changed"
  | "member.removed"
  | "member.left"
  | "invite.revoked"
  | "billing.seats_changed";

/** Records a workspace event (server write). Never fails the action it records. */
export async function recordWorkspaceAudit(entry: {
  workspaceId: string;
  actorId: string | null;
  action: WorkspaceAuditAction;
  targetUserId?: string | null;
  metadata?: Record<string, unknown>;
}): Promise<void> {
  await withServiceDb((tx) =>
    tx
      .insertInto("workspace_audit_log")
      .values({
        workspace_id: entry.workspaceId,
        actor_id: entry.actorId,
        action: entry.action,
        target_user_id: entry.targetUserId ?? null,
        metadata: JSON.stringify(entry.metadata ?? {}),
      })
      .execute(),
  ).catch(() => undefined);
}

export interface WorkspaceAuditEntry {
  id: string;
  action: string;
  actorId: string | null;
  actorEmail: string | null;
  targetUserId: string | null;
  targetEmail: string | null;
  metadata: Record<string, unknown>;
  createdAt: string;
}

/** The workspace's audit log, newest first (owners and admins, by RLS; others get an empty page). */
export async function listWorkspaceAudit(input: { claims: DbClaims; workspaceId: string; limit: number; before?: string }) {
  const { claims, workspaceId, limit, before } = input;
  if (!isWorkspaceId(workspaceId)) return { entries: [], nextCursor: null };
  const rows = await withUserDb(claims, (tx) => {
    let query = tx
      .selectFrom("workspace_audit_log")
      .select(["id", "action", "actor_id", "target_user_id", "metadata", "created_at"])
      .where("workspace_id", "=", workspaceId);
    if (before !== undefined) query = query.where("id", "<", before);
    return query.orderBy("id", "desc").limit(limit + 1).execute();
  });
  const page = rows.slice(0, limit);
  const ids = [...new Set(page.flatMap((r) => [r.actor_id, r.target_user_id]).filter((id): id is string => id !== null))];
  const emails = await emailsOf(ids);
  const entries: WorkspaceAuditEntry[] = page.map((r) => ({
    id: String(r.id),
    action: r.action,
    actorId: r.actor_id,
    actorEmail: r.actor_id ? (emails.get(r.actor_id) ?? null) : null,
    targetUserId: r.target_user_id,
    targetEmail: r.target_user_id ? (emails.get(r.target_user_id) ?? null) : null,
    metadata: (typeof r.metadata === "string" ? JSON.parse(r.metadata) : r.metadata) as Record<string, unknown>,
    createdAt: isoTimestamp(r.created_at),
  }));
  return { entries, nextCursor: rows.length > limit ? String(page[page.length - 1]?.id) : null };
}

// Usage -------------------------------------------------------------------------------------------

export interface MemberUsageRow {
  userId: string;
  /** Chats (the in-cell functions' calls are counted apart). */
  requests: number;
  /** In-cell function calls computed (cached ones cost nothing and are not recorded). */
  functionCalls: number;
  tokens: number;
  costMicros: number;
}

/**
 * Workspace chats and in-cell function calls since `from`, per member, and chats per member and
 * UTC day (owners and admins, by RLS: others sum nothing). Counts rows of people who have left
 * too: the workspace paid for them.
 */
export async function getWorkspaceUsage({ claims, workspaceId, from }: { claims: DbClaims; workspaceId: string; from: Date }) {
  return withUserDb(claims, async (tx) => {
    const totals = await tx
      .selectFrom("usage_records")
      .select([
        "user_id",
        sql<string>`count(*) filter (where service_type <> 'function')`.as("requests"),
        sql<string>`count(*) filter (where service_type = 'function')`.as("function_calls"),
        sql<string>`coalesce(sum(prompt_tokens + completion_tokens), 0)`.as("tokens"),
        sql<string>`coalesce(sum(cost_micros), 0)`.as("cost"),
      ])
      .where("workspace_id", "=", workspaceId)
      .where("created_at", ">=", from)
      .groupBy("user_id")
      .execute();
    const daily = await tx
      .selectFrom("usage_records")
      .select([
        "user_id",
        sql<string>`to_char(date_trunc('day', created_at at time zone 'UTC'), 'YYYY-MM-DD')`.as("date"),
        sql<string>`count(*) filter (where service_type <> 'function')`.as("requests"),
        sql<string>`coalesce(sum(prompt_tokens + completion_tokens), 0)`.as("tokens"),
      ])
      .where("workspace_id", "=", workspaceId)
      .where("created_at", ">=", from)
      .groupBy(["user_id", sql`2`])
      .orderBy(sql`2`)
      .execute();
    return {
      members: totals.map(
        (r): MemberUsageRow => ({ userId: r.user_id, requests: Number(r.requests), functionCalls: Number(r.function_calls), tokens: Number(r.tokens), costMicros: Number(r.cost) }),
      ),
      daily: daily.map((r) => ({ date: r.date, userId: r.user_id, requests: Number(r.requests), tokens: Number(r.tokens) })),
    };
  });
}

/** Emails and display names of users (server-side; callers have already checked what the reader may see). */
export async function peopleOf(userIds: string[]): Promise<Map<string, { email: string | null; displayName: string | null }>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await withServiceDb((tx) =>
    tx.selectFrom("auth.users as u").leftJoin("profiles as p", "p.id", "u.id").select(["u.id", "u.email", "p.display_name"]).where("u.id", "in", ids).execute(),
  );
  return new Map(rows.map((r) => [r.id, { email: r.email, displayName: r.display_name }]));
}

/** Emails of users (server-side; for admin views of people who may have left). */
export async function emailsOf(userIds: string[]): Promise<Map<string, string | null>> {
  const people = await peopleOf(userIds);
  return new Map([...people].map(([id, p]) => [id, p.email]));
}
