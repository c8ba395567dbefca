"use client";

// The History page: my conversations, newest activity first, searchable (titles and message
// text), a page at a time, each deletable, and all of them at once. The server renders the page
// the URL names (?q=&page=); searching and paging change the URL, deleting renders it again, so
// the back button and a shared link return to the same view.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ChevronLeft, ChevronRight, FileSpreadsheet, LoaderCircle, Search, Trash2 } from "lucide-react";
import { ConfirmAction } from "@/components/dashboard/confirm-action";
import { LocalDateTime } from "@/components/dashboard/local-date-time";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { deleteAllConversations, deleteConversation, HISTORY_PAGE_SIZE, type ConversationPage } from "./history-client";

const count = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

function historyHref(pathname: string, query: string, page: number, workspaceId?: string | null): string {
  const params = new URLSearchParams();
  if (workspaceId) params.set("workspace", workspaceId);
  if (query) params.set("q", query);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `${pathname}?${search}` : pathname;
}

/**
 * `workspace`: the workspace's shared conversations (every member's, with their author) instead of
 * my personal ones; `authors` names them.
 */
export function HistoryList({
  query,
  page,
  data,
  workspaceId = null,
  authors = {},
}: {
  query: string;
  page: number;
  data: ConversationPage;
  workspaceId?: string | null;
  authors?: Record<string, string>;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [input, setInput] = useState(query);
  const [shownQuery, setShownQuery] = useState(query);
  const [notice, setNotice] = useState("");

  // The URL changed under the form (back button, a link): show its search in the box.
  if (query !== shownQuery) {
    setShownQuery(query);
    setInput(query);
  }

  const go = (nextQuery: string, nextPage: number) => startTransition(() => router.push(historyHref(pathname, nextQuery, nextPage, workspaceId), { scroll: false }));
  const refresh = () => startTransition(() => router.refresh());

  function onSearch(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice("");
    go(input.trim(), 1);
  }

  function clearSearch() {
    setInput("");
    go("", 1);
  }

  async function removeOne(id: string, title: string) {
    const result = await deleteConversation(id);
    if (!result.ok) return `Not deleted: ${result.message}`;
    setNotice(`Deleted “${title}”.`);
    refresh();
    return null;
  }

  async function removeAll() {
    const result = await deleteAllConversations();
    if (!result.ok) return `Not deleted: ${result.message}`;
    setNotice(`Deleted ${count(result.data.deleted, "conversation")}.`);
    refresh();
    return null;
  }

  const first = data.total > 0 ? data.offset + 1 : 0;
  const last = data.offset + data.conversations.length;
  const pages = Math.max(1, Math.ceil(data.total / HISTORY_PAGE_SIZE));

  return (
    <div className="flex flex-col gap-4" aria-busy={pending}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        {/* biome-ignore lint/a11y/useSemanticElements: role="search" on the form itself is the landmark every browser exposes; the <search> element is recent */}
        <form role="search" aria-label="Conversations" onSubmit={onSearch} className="flex w-full gap-2 sm:max-w-md">
          <label htmlFor="history-search" className="sr-only">
            Search conversations
          </label>
          <Input
            id="history-search"
            type="search"
            placeholder="Titles and messages"
            maxLength={200}
            value={input}
            onChange={(event) => setInput(event.target.value)}
          />
          <Button type="submit" variant="secondary">
            {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <Search aria-hidden="true" />}
            Search
          </Button>
        </form>
        {data.total > 0 && !query && !workspaceId ? (
          <ConfirmAction
            trigger={
              <Button variant="outline" className="text-destructive">
                <Trash2 aria-hidden="true" />
                Delete all
              </Button>
            }
            title="Delete every conversation?"
            description={`All ${count(data.total, "conversation")} and their messages are deleted for good. Usage records stay, for billing.`}
            confirmLabel="Delete all conversations"
            onConfirm={removeAll}
          />
        ) : null}
      </div>

      <p role="status" className="text-sm text-muted-foreground">
        {notice}
        {notice ? " " : ""}
        {query ? `${count(data.total, "conversation")} match “${query}”.` : data.total > 0 ? `${count(data.total, "conversation")}.` : ""}
      </p>

      {data.conversations.length === 0 ? (
        <div className="flex flex-col items-start gap-3 rounded-xl border border-dashed p-6 text-sm text-muted-foreground">
          {query ? (
            <>
              <p>No conversation matches “{query}”.</p>
              <Button size="sm" variant="outline" onClick={clearSearch}>
                Clear the search
              </Button>
            </>
          ) : (
            <>
              <p>No conversations yet. Questions you ask in the Excel add-in or the playground appear here.</p>
              <Button asChild size="sm">
                <Link href="/dashboard/playground">Open the playground</Link>
              </Button>
            </>
          )}
        </div>
      ) : (
        <ul className="divide-y rounded-xl border bg-card text-card-foreground" data-testid="conversation-list">
          {data.conversations.map((conversation) => (
            <li key={conversation.id} className="flex items-start gap-2 p-3 sm:items-center sm:p-4" data-testid="conversation-row">
              <div className="flex min-w-0 flex-1 flex-col gap-1">
                <Link
                  href={`/dashboard/history/${conversation.id}`}
                  className="rounded-sm font-medium break-words outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring"
                >
                  {conversation.title}
                </Link>
                <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
                  {conversation.workbook ? (
                    <span className="inline-flex min-w-0 items-center gap-1">
                      <FileSpreadsheet aria-hidden="true" className="size-3.5 shrink-0" />
                      <span className="break-all">{conversation.workbook}</span>
                    </span>
                  ) : null}
                  {workspaceId ? <span data-testid="conversation-author">by {authors[conversation.authorId] ?? "a former member"}</span> : null}
                  <span>{count(conversation.messageCount, "message")}</span>
                  <LocalDateTime iso={conversation.updatedAt} />
                </p>
              </div>
              <ConfirmAction
                trigger={
                  <Button variant="ghost" size="icon" aria-label={`Delete “${conversation.title}”`}>
                    <Trash2 aria-hidden="true" />
                  </Button>
                }
                title="Delete this conversation?"
                description={`“${conversation.title}” and its ${count(conversation.messageCount, "message")} are deleted for good.`}
                confirmLabel="Delete conversation"
                onConfirm={() => removeOne(conversation.id, conversation.title)}
              />
            </li>
          ))}
        </ul>
      )}

      {data.total > HISTORY_PAGE_SIZE ? (
        <nav aria-label="Pages" className="flex items-center justify-between gap-2">
          <Button variant="outline" size="sm" disabled={page <= 1 || pending} onClick={() => go(query, page - 1)}>
            <ChevronLeft aria-hidden="true" />
            Newer
          </Button>
          <span className="text-sm text-muted-foreground">
            {first}–{last} of {data.total.toLocaleString("en-US")} · page {page} of {pages}
          </span>
          <Button variant="outline" size="sm" disabled={page >= pages || pending} onClick={() => go(query, page + 1)}>
            Older
            <ChevronRight aria-hidden="true" />
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
