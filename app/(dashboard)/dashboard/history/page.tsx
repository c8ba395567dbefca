import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/dashboard/page-header";
import { loadSection, SectionError } from "@/components/dashboard/section-error";
import { HISTORY_PAGE_SIZE } from "@/components/history/history-client";
import { HistoryList } from "@/components/history/history-list";
import { requireUser } from "@/lib/auth/current-user";
import { listConversations } from "@/lib/db/conversations";
import { getMyRole, listWorkspaces, peopleOf } from "@/lib/db/workspaces";
import { WorkspaceSwitcher } from "@/components/workspaces/workspace-switcher";

export const metadata: Metadata = { title: "History" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function HistoryPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/dashboard/history");
  const params = await searchParams;
  const q = (first(params.q) ?? "").trim().slice(0, 200);
  const page = Math.max(1, Math.min(5_000, Number.parseInt(first(params.page) ?? "1", 10) || 1));
  const offset = (page - 1) * HISTORY_PAGE_SIZE;
  const workspaces = await listWorkspaces({ claims: user.claims }).catch(() => []);
  // A workspace I am not (or no longer) in shows my personal space instead.
  const asked = first(params.workspace) ?? null;
  const workspaceId = asked && (await getMyRole({ claims: user.claims, workspaceId: asked }).catch(() => null)) ? asked : null;
  const load = await loadSection(listConversations({ claims: user.claims, q: q || undefined, workspaceId, limit: HISTORY_PAGE_SIZE, offset }));
  const people = load.ok && workspaceId ? await peopleOf(load.data.items.map((c) => c.authorId)).catch(() => new Map()) : new Map();
  const authors: Record<string, string> = {};
  for (const [id, person] of people) authors[id] = id === user.userId ? "you" : (person.displayName ?? person.email ?? "a member");

  // Past the last page (a deletion emptied it, or an old link): go to the last page that has rows.
  if (load.ok && load.data.items.length === 0 && page > 1 && load.data.total > 0) {
    const last = new URLSearchParams({ page: String(Math.ceil(load.data.total / HISTORY_PAGE_SIZE)) });
    if (q) last.set("q", q);
    if (workspaceId) last.set("workspace", workspaceId);
    redirect(`/dashboard/history?${last}`);
  }

  return (
    <>
      <PageHeader
        title="History"
        description={
          workspaceId
            ? "Conversations shared in this workspace: every member's, with who started them."
            : "Your conversations from the add-in and the playground."
        }
      >
        {workspaces.length > 0 ? <WorkspaceSwitcher workspaces={workspaces.map((w) => ({ id: w.id, name: w.name }))} current={workspaceId} /> : null}
      </PageHeader>
      {load.ok ? (
        <HistoryList
          query={q}
          page={page}
          workspaceId={workspaceId}
          authors={authors}
          data={{ conversations: load.data.items, total: load.data.total, limit: HISTORY_PAGE_SIZE, offset }}
        />
      ) : (
        <SectionError id="history-load-error" message={`Your conversations could not be loaded: ${load.message}`} />
      )}
    </>
  );
}
