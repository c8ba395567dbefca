import type { Metadata } from "next";
import Link from "next/link";
import { Users } from "lucide-react";
import { PageHeader } from "@/components/dashboard/page-header";
import { loadSection, SectionError } from "@/components/dashboard/section-error";
import { CreateWorkspaceForm } from "@/components/workspaces/create-workspace-form";
import { requireUser } from "@/lib/auth/current-user";
import { listWorkspaces } from "@/lib/db/workspaces";

export const metadata: Metadata = { title: "Workspaces" };

export default async function WorkspacesPage() {
  const user = await requireUser("/dashboard/workspaces");
  const load = await loadSection(listWorkspaces({ claims: user.claims }));
  return (
    <>
      <PageHeader
        title="Workspaces"
        description="Share conversations with your team, on one pooled quota, under policies your admins set. Your personal space stays yours."
      />
      <CreateWorkspaceForm />
      {load.ok ? (
        load.data.length === 0 ? (
          <p className="rounded-xl border border-dashed p-6 text-sm text-muted-foreground">
            You are in no workspace yet. Create one, or open an invite link a colleague sent you.
          </p>
        ) : (
          <ul className="divide-y rounded-xl border bg-card text-card-foreground" data-testid="workspace-list">
            {load.data.map((w) => (
              <li key={w.id} className="flex items-center gap-3 p-4">
                <Users aria-hidden="true" className="size-4 text-muted-foreground" />
                <Link href={`/dashboard/workspaces/${w.id}`} className="font-medium hover:underline">
                  {w.name}
                </Link>
                <span className="ml-auto text-sm text-muted-foreground">
                  {w.role} · {w.memberCount} member{w.memberCount === 1 ? "" : "s"}
                </span>
              </li>
            ))}
          </ul>
        )
      ) : (
        <SectionError id="workspaces-load-error" message={`Your workspaces could not be loaded: ${load.message}`} />
      )}
    </>
  );
}
