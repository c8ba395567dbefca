"use client";

// The actions of a workspace's page: invite by link (shown once), change a member's role,
// remove a member or leave, set the admin policies, buy or manage seats. Each action calls the
// API and re-renders the page from the server, which decides what each role may see.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { LoaderCircle, LogOut, Trash2, UserPlus } from "lucide-react";
import { FormError } from "@/components/auth/form-error";
import { CopyButton } from "@/components/dashboard/copy-button";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Switch } from "@/components/ui/switch";
import type { WorkspaceSummary } from "@/lib/db/workspaces";
import { ConfirmAction } from "@/components/dashboard/confirm-action";
import { buySeats, changeRole, createInvite, deleteWorkspace, openSeatsPortal, removeMember, revokeInvite, updatePolicies } from "./workspaces-client";

type Role = WorkspaceSummary["role"];
type Policies = WorkspaceSummary["policies"];

function useRefresh() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return { pending, refresh: () => startTransition(() => router.refresh()), router };
}

export function InviteForm({ workspaceId }: { workspaceId: string }) {
  const { refresh } = useRefresh();
  const [role, setRole] = useState<"member" | "admin">("member");
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onInvite() {
    setPending(true);
    setError(null);
    const result = await createInvite(workspaceId, role);
    setPending(false);
    if (!result.ok) return setError(result.message);
    setLink({ url: result.data.url, expiresAt: result.data.expiresAt });
    refresh();
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <Label htmlFor="invite-role">Role</Label>
          <NativeSelect id="invite-role" value={role} onChange={(event) => setRole(event.target.value as "member" | "admin")}>
            <option value="member">Member</option>
            <option value="admin">Admin</option>
          </NativeSelect>
        </div>
        <Button onClick={onInvite} disabled={pending} data-testid="create-invite">
          {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <UserPlus aria-hidden="true" />}
          Create invite link
        </Button>
      </div>
      <FormError id="invite-error" message={error} />
      {link ? (
        <div className="flex flex-col gap-2 rounded-lg border bg-muted/40 p-3 text-sm" role="status">
          <p>Send this link to the person you invite. It works once, until {new Date(link.expiresAt).toLocaleDateString()}; it is not shown again.</p>
          <div className="flex gap-2">
            <Input readOnly value={link.url} aria-label="Invite link" data-testid="invite-url" />
            <CopyButton value={link.url} label="Copy invite link" />
          </div>
        </div>
      ) : null}
    </div>
  );
}

export function RevokeInviteButton({ workspaceId, inviteId }: { workspaceId: string; inviteId: string }) {
  const { refresh, pending } = useRefresh();
  return (
    <Button variant="ghost" size="sm" disabled={pending} onClick={async () => (await revokeInvite(workspaceId, inviteId)).ok && refresh()}>
      Revoke
    </Button>
  );
}

export function MemberActions(props: { workspaceId: string; userId: string; role: Role; myRole: Role; isMe: boolean; label: string }) {
  const { workspaceId, userId, role, myRole, isMe, label } = props;
  const { refresh, pending, router } = useRefresh();
  const [error, setError] = useState<string | null>(null);
  const canChange = myRole !== "member" && (role !== "owner" || myRole === "owner");

  async function onRole(next: Role) {
    const result = await changeRole(workspaceId, userId, next);
    if (!result.ok) return setError(result.message);
    setError(null);
    refresh();
  }

  async function onRemove() {
    const result = await removeMember(workspaceId, userId);
    if (!result.ok) return setError(result.message);
    if (isMe) router.push("/dashboard/workspaces");
    else refresh();
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        {canChange ? (
          <NativeSelect aria-label={`Role of ${label}`} value={role} disabled={pending} onChange={(event) => onRole(event.target.value as Role)} className="w-28">
            {myRole === "owner" ? <option value="owner">Owner</option> : null}
            <option value="admin">Admin</option>
            <option value="member">Member</option>
          </NativeSelect>
        ) : (
          <span className="text-sm capitalize text-muted-foreground">{role}</span>
        )}
        {isMe ? (
          <Button variant="outline" size="sm" onClick={onRemove} disabled={pending}>
            <LogOut aria-hidden="true" />
            Leave
          </Button>
        ) : canChange ? (
          <Button variant="ghost" size="icon" aria-label={`Remove ${label}`} onClick={onRemove} disabled={pending}>
            <Trash2 aria-hidden="true" />
          </Button>
        ) : null}
      </div>
      <FormError id={`member-error-${userId}`} message={error} />
    </div>
  );
}

const PROVIDERS = [
  { id: "azure", label: "Azure OpenAI" },
  { id: "openai", label: "OpenAI" },
  { id: "compatible", label: "OpenAI-compatible server" },
] as const;

export function PoliciesForm({ workspaceId, policies }: { workspaceId: string; policies: Policies }) {
  const { refresh } = useRefresh();
  const [draft, setDraft] = useState(policies);
  const [retention, setRetention] = useState(policies.retentionDays?.toString() ?? "");
  const [status, setStatus] = useState<{ error: boolean; message: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSave(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const retentionDays = retention.trim() === "" ? null : Number(retention);
    setPending(true);
    const result = await updatePolicies(workspaceId, { ...draft, retentionDays });
    setPending(false);
    if (!result.ok) return setStatus({ error: true, message: result.message });
    setStatus({ error: false, message: "Saved. The policies apply to the next request of every member." });
    refresh();
  }

  const allowed = draft.allowedProviders;
  return (
    <form onSubmit={onSave} className="flex flex-col gap-4" data-testid="policies-form">
      <div className="flex flex-col gap-1">
        <Label htmlFor="policy-write-mode">Most a member's changes to a workbook may do</Label>
        <NativeSelect
          id="policy-write-mode"
          value={draft.maxWriteMode ?? ""}
          onChange={(event) => setDraft({ ...draft, maxWriteMode: (event.target.value || null) as Policies["maxWriteMode"] })}
        >
          <option value="">Each member chooses (apply automatically allowed)</option>
          <option value="ask">Ask before every change</option>
          <option value="read_only">Read only: no changes proposed</option>
        </NativeSelect>
      </div>
      <div className="flex items-center gap-3">
        <Switch
          id="policy-pii"
          checked={draft.forcePiiRedaction}
          onCheckedChange={(checked) => setDraft({ ...draft, forcePiiRedaction: checked })}
        />
        <Label htmlFor="policy-pii">Always mask personal data (emails, phone and card numbers, IBANs) before it reaches a model</Label>
      </div>
      <div className="flex flex-col gap-1 sm:max-w-xs">
        <Label htmlFor="policy-retention">Keep conversations for (days)</Label>
        <Input id="policy-retention" inputMode="numeric" placeholder="90 (default)" value={retention} onChange={(event) => setRetention(event.target.value)} />
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">AI providers allowed</legend>
        <div className="flex items-center gap-3">
          <Switch id="policy-providers-all" checked={allowed === null} onCheckedChange={(checked) => setDraft({ ...draft, allowedProviders: checked ? null : ["azure"] })} />
          <Label htmlFor="policy-providers-all">Every provider this deployment is configured with</Label>
        </div>
        {allowed !== null
          ? PROVIDERS.map((p) => (
              <div key={p.id} className="flex items-center gap-3 pl-4">
                <Switch
                  id={`policy-provider-${p.id}`}
                  checked={allowed.includes(p.id)}
                  onCheckedChange={(checked) => {
                    const next = PROVIDERS.map((q) => q.id).filter((id) => (id === p.id ? checked : allowed.includes(id)));
                    setDraft({ ...draft, allowedProviders: next.length > 0 ? next : allowed });
                  }}
                />
                <Label htmlFor={`policy-provider-${p.id}`}>{p.label}</Label>
              </div>
            ))
          : null}
        <p className="text-xs text-muted-foreground">With none of the allowed providers configured, the built-in offline analyst answers: no data leaves the server.</p>
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending} data-testid="save-policies">
          {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
          Save policies
        </Button>
        {status ? (
          <p role="status" className={status.error ? "text-sm text-destructive" : "text-sm text-muted-foreground"}>
            {status.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}

export function SeatsActions({ workspaceId, members, subscribed }: { workspaceId: string; members: number; subscribed: boolean }) {
  const [seats, setSeats] = useState(String(Math.max(members, 2)));
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function go(call: () => ReturnType<typeof openSeatsPortal>) {
    setPending(true);
    const result = await call();
    setPending(false);
    if (!result.ok) return setError(result.message);
    window.location.assign(result.data.url);
  }

  return (
    <div className="flex flex-col gap-2">
      {subscribed ? (
        <Button variant="outline" onClick={() => go(() => openSeatsPortal(workspaceId))} disabled={pending} className="self-start">
          Change seats or billing
        </Button>
      ) : (
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <Label htmlFor="seat-count">Seats</Label>
            <Input id="seat-count" inputMode="numeric" className="w-24" value={seats} onChange={(event) => setSeats(event.target.value)} />
          </div>
          <Button onClick={() => go(() => buySeats(workspaceId, Number(seats)))} disabled={pending}>
            Buy Team seats
          </Button>
        </div>
      )}
      <FormError id="seats-error" message={error} />
    </div>
  );
}

export function DeleteWorkspaceButton({ workspaceId, name }: { workspaceId: string; name: string }) {
  const router = useRouter();
  return (
    <ConfirmAction
      trigger={
        <Button variant="outline" className="self-start text-destructive">
          <Trash2 aria-hidden="true" />
          Delete workspace
        </Button>
      }
      title={`Delete “${name}”?`}
      description="The workspace and every conversation shared in it are deleted for good, for every member. Members keep their personal spaces."
      confirmLabel="Delete workspace"
      onConfirm={async () => {
        const result = await deleteWorkspace(workspaceId);
        if (!result.ok) return `Not deleted: ${result.message}`;
        router.push("/dashboard/workspaces");
        return null;
      }}
    />
  );
}
