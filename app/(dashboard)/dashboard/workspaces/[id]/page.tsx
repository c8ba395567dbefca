// One workspace: seats and billing, members and invites, and for owners and admins its policies,
// usage per member and audit log. Everything is read as the signed-in user, so RLS decides what
// each role sees; a workspace I am not in is the 404 page.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/dashboard/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DeleteWorkspaceButton, InviteForm, MemberActions, PoliciesForm, RevokeInviteButton, SeatsActions } from "@/components/workspaces/workspace-admin";
import { MemberUsageChart } from "@/components/workspaces/member-usage-chart";
import { requireUser } from "@/lib/auth/current-user";
import { billingEnabled } from "@/lib/billing/billing-mode";
import { emailsOf, getWorkspaceUsage, listMembers, listOpenInvites, listWorkspaceAudit } from "@/lib/db/workspaces";
import { isAppError } from "@/lib/errors/app-error";
import { getWorkspaceDetail } from "@/lib/workspaces/get-workspace-detail";

export const metadata: Metadata = { title: "Workspace" };

const AUDIT_LABELS: Record<string, string> = {
  "workspace.created": "Workspace created",
  "workspace.updated": "Workspace renamed or relinked",
  "workspace.policy_changed": "Policies changed",
  "member.invited": "Invite link created",
  "member.joined": "Member joined",
  "member.role_changed": "Role changed",
  "member.removed": "Member removed",
  "member.left": "Member left",
  "invite.revoked": "Invite revoked",
  "billing.seats_changed": "Seats changed",
};

export default async function WorkspacePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/dashboard/workspaces/${id}`);
  const workspace = await getWorkspaceDetail({ claims: user.claims, id }).catch((error) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const admin = workspace.role !== "member";
  const DAY_MS = 86_400_000;
  const [members, invites, usage, audit] = await Promise.all([
    listMembers({ claims: user.claims, workspaceId: id }),
    admin ? listOpenInvites({ claims: user.claims, workspaceId: id }) : Promise.resolve([]),
    admin ? getWorkspaceUsage({ claims: user.claims, workspaceId: id, from: new Date(Date.now() - 30 * DAY_MS) }) : Promise.resolve(null),
    admin ? listWorkspaceAudit({ claims: user.claims, workspaceId: id, limit: 50 }) : Promise.resolve(null),
  ]);
  const usageEmails = usage ? await emailsOf(usage.members.map((m) => m.userId)) : new Map<string, string | null>();
  const { seats } = workspace;

  return (
    <>
      <PageHeader title={workspace.name} description={`You are ${workspace.role === "admin" ? "an admin" : `the ${workspace.role === "owner" ? "owner" : "member"}`} of this workspace.`}>
        <Link href={`/dashboard/history?workspace=${id}`} className="text-sm font-medium underline-offset-4 hover:underline">
          Shared conversations
        </Link>
      </PageHeader>

      <Card>
        <CardHeader>
          <CardTitle>Seats</CardTitle>
          <CardDescription>
            {seats.limit === null
              ? `${seats.used} member${seats.used === 1 ? "" : "s"}. Seats are not sold on this deployment: invite as many people as you like.`
              : `${seats.used} of ${seats.limit} seats used${seats.pendingInvites ? `, ${seats.pendingInvites} held by open invites` : ""}; ${seats.paid} paid (${workspace.plan} plan). The pooled quota is the plan's limits times the seats.`}
          </CardDescription>
        </CardHeader>
        {billingEnabled() && workspace.role === "owner" ? (
          <CardContent>
            <SeatsActions workspaceId={id} members={seats.used} subscribed={seats.paid > 0} />
          </CardContent>
        ) : null}
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Members</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <ul className="divide-y rounded-lg border" data-testid="member-list">
            {(members ?? []).map((m) => {
              const label = m.displayName ?? m.email ?? "a member";
              return (
                <li key={m.userId} className="flex items-center gap-3 p-3">
                  <span className="min-w-0 flex-1 truncate">
                    {label}
                    {m.userId === user.userId ? <span className="text-muted-foreground"> (you)</span> : null}
                  </span>
                  <MemberActions workspaceId={id} userId={m.userId} role={m.role} myRole={workspace.role} isMe={m.userId === user.userId} label={label} />
                </li>
              );
            })}
          </ul>
          {admin ? (
            <>
              <InviteForm workspaceId={id} />
              {invites.length > 0 ? (
                <div className="flex flex-col gap-1 text-sm">
                  <h3 className="font-medium">Open invites</h3>
                  <ul className="divide-y rounded-lg border">
                    {invites.map((invite) => (
                      <li key={invite.id} className="flex items-center gap-3 p-2">
                        <span className="flex-1">
                          {invite.role} · expires {new Date(invite.expiresAt).toLocaleDateString("en-US")}
                        </span>
                        <RevokeInviteButton workspaceId={id} inviteId={invite.id} />
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </>
          ) : null}
        </CardContent>
      </Card>

      {admin ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle>Policies</CardTitle>
              <CardDescription>Applied by the server to every member's chats in this workspace, whatever their own settings or add-in ask.</CardDescription>
            </CardHeader>
            <CardContent>
              <PoliciesForm workspaceId={id} policies={workspace.policies} />
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>Usage per member</CardTitle>
              <CardDescription>Workspace chats and AI function calls in the last 30 days.</CardDescription>
            </CardHeader>
            <CardContent>
              <MemberUsageChart rows={(usage?.members ?? []).map((m) => ({ ...m, label: usageEmails.get(m.userId) ?? "a former member" }))} />
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>Audit log</CardTitle>
              <CardDescription>Membership, invites, roles, policies and seats, newest first.</CardDescription>
            </CardHeader>
            <CardContent>
              <ul className="divide-y text-sm" data-testid="workspace-audit">
                {(audit?.entries ?? []).map((entry) => (
                  <li key={entry.id} className="flex flex-wrap gap-x-3 py-2">
                    <span className="font-medium">{AUDIT_LABELS[entry.action] ?? entry.action}</span>
                    <span className="text-muted-foreground">
                      {entry.actorEmail ?? "someone"}
                      {entry.targetEmail && entry.targetEmail !== entry.actorEmail ? ` → ${entry.targetEmail}` : ""}
                    </span>
                    <time className="ml-auto text-muted-foreground" dateTime={entry.createdAt}>
                      {new Date(entry.createdAt).toLocaleString("en-US", { timeZone: "UTC" })} UTC
                    </time>
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        </>
      ) : null}
      {workspace.role === "owner" ? <DeleteWorkspaceButton workspaceId={id} name={workspace.name} /> : null}
    </>
  );
}
