"use client";

// The History page: my conversations, newest activity first, searchable (titles and message
// text), a page at a time, each deletable, and all of them at once. The search and page live in
// the URL so the back button and a shared link return to the same view.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { ChevronLeft, ChevronRight, FileSpreadsheet, Search, Trash2 } from "lucide-react";
import { FormError } from "@/components/auth/form-error";
import { ConfirmAction } from "@/components/dashboard/confirm-action";
import { formatDateTime } from "@/components/dashboard/format-date";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { deleteAllConversations, deleteConversation, HISTORY_PAGE_SIZE, listConversations, type ConversationPage } from "./history-client";

type Load = { status: "loading" } | { status: "ready"; page: ConversationPage } | { status: "error"; message: string };

const count = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

export function HistoryList({ initialQuery, initialPage }: { initialQuery: string; initialPage: number }) {
  const router = useRouter();
  const pathname = usePathname();
  const [query, setQuery] = useState(initialQuery);
  const [input, setInput] = useState(initialQuery);
  const [page, setPage] = useState(initialPage);
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [notice, setNotice] = useState("");

  const refresh = useCallback(async () => {
    const result = await listConversations({ q: query, offset: (page - 1) * HISTORY_PAGE_SIZE });
    if (!result.ok) {
      setLoad({ status: "error", message: result.message });
      return;
    }
    // A deletion can empty the last page: step back to one that has rows.
    if (result.data.conversations.length === 0 && page > 1 && result.data.total > 0) {
      setPage(Math.ceil(result.data.total / HISTORY_PAGE_SIZE));
      return;
    }
    setLoad({ status: "ready", page: result.data });
  }, [query, page]);

  useEffect(() => {
    void refresh();
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    if (page > 1) params.set("page", String(page));
    const search = params.toString();
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  }, [refresh, query, page, pathname, router]);

  function onSearch(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setLoad({ status: "loading" });
    setQuery(input.trim());
    setPage(1);
  }

  function clearSearch() {
    setInput("");
    setQuery("");
    setPage(1);
  }

  async function removeOne(id: string, title: string) {
    const result = await deleteConversation(id);
    if (!result.ok) return `Not deleted: ${result.message}`;
    setNotice(`Deleted “${title}”.`);
    await refresh();
    return null;
  }

  async function removeAll() {
    const result = await deleteAllConversations();
    if (!result.ok) return `Not deleted: ${result.message}`;
    setNotice(`Deleted ${count(result.data.deleted, "conversation")}.`);
    clearSearch();
    await refresh();
    return null;
  }

  const ready = load.status === "ready" ? load.page : null;
  const first = ready && ready.total > 0 ? ready.offset + 1 : 0;
  const last = ready ? ready.offset + ready.conversations.length : 0;
  const pages = ready ? Math.max(1, Math.ceil(ready.total / HISTORY_PAGE_SIZE)) : 1;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
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
            <Search aria-hidden="true" />
            Search
          </Button>
        </form>
        {ready && ready.total > 0 && !query ? (
          <ConfirmAction
            trigger={
              <Button variant="outline" className="text-destructive">
                <Trash2 aria-hidden="true" />
                Delete all
              </Button>
            }
            title="Delete every conversation?"
            description={`All ${count(ready.total, "conversation")} and their messages are deleted for good. Usage records stay, for billing.`}
            confirmLabel="Delete all conversations"
            onConfirm={removeAll}
          />
        ) : null}
      </div>

      <p role="status" className="text-sm text-muted-foreground">
        {notice}
        {notice && ready ? " " : ""}
        {ready ? (query ? `${count(ready.total, "conversation")} match “${query}”.` : ready.total > 0 ? `${count(ready.total, "conversation")}.` : "") : ""}
      </p>

      {load.status === "loading" ? (
        <div aria-busy="true" aria-label="Loading conversations" className="flex flex-col gap-2">
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-16 w-full" />
        </div>
      ) : load.status === "error" ? (
        <div className="flex flex-col items-start gap-3">
          <FormError id="history-load-error" message={`Your conversations could not be loaded: ${load.message}`} />
          <Button size="sm" variant="outline" onClick={() => void refresh()}>
            Try again
          </Button>
        </div>
      ) : load.page.conversations.length === 0 ? (
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
          {load.page.conversations.map((conversation) => (
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
                  <span>{count(conversation.messageCount, "message")}</span>
                  <time dateTime={conversation.updatedAt}>{formatDateTime(conversation.updatedAt)}</time>
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

      {ready && ready.total > HISTORY_PAGE_SIZE ? (
        <nav aria-label="Pages" className="flex items-center justify-between gap-2">
          <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            <ChevronLeft aria-hidden="true" />
            Newer
          </Button>
          <span className="text-sm text-muted-foreground">
            {first}–{last} of {ready.total.toLocaleString("en-US")} · page {page} of {pages}
          </span>
          <Button variant="outline" size="sm" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Older
            <ChevronRight aria-hidden="true" />
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
