import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { Playground } from "@/components/playground/playground";
import type { OpenedConversation } from "@/components/playground/playground-space";
import { WorkspaceSwitcher } from "@/components/workspaces/workspace-switcher";
import { chatMessagesFrom } from "@/lib/addin/api-client";
import type { PaneWorkspace } from "@/lib/addin/workspaces";
import { getConversationDetail } from "@/lib/ai/chat/get-conversation-detail";
import { modelOptionsAllowed } from "@/lib/ai/providers/model-options";
import { requireUser } from "@/lib/auth/current-user";
import { DEFAULT_PREFERENCES, getPreferences } from "@/lib/db/profiles";
import { listWorkspaces, type WorkspaceSummary } from "@/lib/db/workspaces";
import { loadChatWorkspace } from "@/lib/workspaces/chat-workspace";
import { ENTITLEMENTS } from "@/lib/limits/entitlements";
import { resolvePlan } from "@/lib/limits/resolve-plan";

export const metadata: Metadata = { title: "Playground" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** What the browser needs of a workspace: its name, my role and its admins' policies. */
function toSpace(w: WorkspaceSummary): PaneWorkspace {
  const { maxWriteMode, forcePiiRedaction, allowedProviders } = w.policies;
  return { id: w.id, name: w.name, role: w.role, policies: { maxWriteMode, forcePiiRedaction, allowedProviders } };
}

export default async function PlaygroundPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/dashboard/playground");
  const params = await searchParams;
  // The plan the chat route checks the context against, so the page can warn before sending. If it
  // cannot be read, the smallest signed-in limit is assumed; the server checks again anyway.
  const [plan, workspaces, preferences] = await Promise.all([
    resolvePlan({ userId: user.userId, claims: user.claims }).catch(() => "free" as const),
    listWorkspaces({ claims: user.claims }).catch(() => []),
    getPreferences({ claims: user.claims }).catch(() => DEFAULT_PREFERENCES),
  ]);

  // A conversation opened from History (?conversation=<id>) is continued in its own space. RLS
  // decides whether I may read it: mine, or one shared in a workspace I am in.
  const conversationId = first(params.conversation);
  const detail = conversationId ? await getConversationDetail({ claims: user.claims, id: conversationId }).catch(() => null) : null;
  let opened: OpenedConversation | null = null;
  if (detail) {
    const { conversation } = detail;
    const home = conversation.workspaceId ? workspaces.find((w) => w.id === conversation.workspaceId) : null;
    const mine = conversation.author.id === user.userId;
    opened = {
      id: conversation.id,
      title: conversation.title,
      workspace: conversation.workspaceId ? { id: conversation.workspaceId, name: home?.name ?? "a workspace" } : null,
      author: mine ? "you" : (conversation.author.displayName ?? conversation.author.email ?? "another member"),
      // The chat route lets only the author continue a conversation; the page says so up front.
      readOnly: !mine,
      messages: chatMessagesFrom(conversation.id, detail.messages),
    };
  }

  // New conversations start in the space the URL names (?workspace=<id>), as on History; one I am
  // not (or no longer) in is the personal space. An opened conversation's own space wins.
  const asked = opened ? (opened.workspace?.id ?? null) : (first(params.workspace) ?? null);
  const current = asked ? (workspaces.find((w) => w.id === asked) ?? null) : null;
  // A workspace's chats are checked against the workspace's plan (its pooled quota), not mine.
  const chatPlan = current ? ((await loadChatWorkspace({ claims: user.claims, workspaceId: current.id }).catch(() => null))?.plan ?? plan) : plan;

  return (
    <>
      <PageHeader
        title="Playground"
        description={
          current
            ? `Ask the assistant about a workbook without opening Excel. Conversations here are shared with ${current.name}'s members.`
            : "Ask the assistant about a workbook without opening Excel."
        }
      >
        {workspaces.length > 0 ? <WorkspaceSwitcher workspaces={workspaces.map((w) => ({ id: w.id, name: w.name }))} current={current?.id ?? null} /> : null}
      </PageHeader>
      <Playground
        maxCells={ENTITLEMENTS[chatPlan].maxCellsPerRequest}
        space={current ? toSpace(current) : null}
        preferences={{ writeMode: preferences.writeMode, piiRedaction: preferences.piiRedaction, preferredModel: preferences.preferredModel }}
        models={modelOptionsAllowed(current?.policies.allowedProviders ?? null)}
        opened={opened}
        notFound={Boolean(conversationId) && !detail}
      />
    </>
  );
}
