"use client";

// This workbook's conversations (signed-in users only: guests store nothing). Choosing one
// reopens it in the chat, to read or to continue with the next question.
import { useEffect, useState } from "react";
import { LoaderCircle, MessageSquare } from "lucide-react";
import { Button } from "@/components/ui/button";
import { listWorkbookConversations, type ConversationListItem, type Fetcher } from "@/lib/addin/api-client";

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function HistoryPanel({
  fetcher,
  workbook,
  activeId,
  onOpen,
  onClose,
  workspaceId = null,
}: {
  fetcher: Fetcher;
  workbook: string | null;
  /** The workspace whose shared conversations to list (null: my personal ones). */
  workspaceId?: string | null;
  activeId: string | null;
  onOpen: (conversation: ConversationListItem) => void;
  onClose: () => void;
}) {
  const [items, setItems] = useState<ConversationListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void listWorkbookConversations(fetcher, workbook, workspaceId).then((result) => {
      if (!live) return;
      if (result.ok) setItems(result.data);
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [fetcher, workbook, workspaceId]);

  return (
    <section aria-labelledby="addin-history-title" className="flex min-h-0 flex-1 flex-col">
      <div className="flex items-center justify-between border-b px-3 py-2">
        <h2 id="addin-history-title" className="text-sm font-medium">
          Conversations{workbook ? ` in ${workbook}` : ""}
        </h2>
        <Button type="button" size="sm" variant="ghost" onClick={onClose}>
          Back to chat
        </Button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-2">
        {error ? <p className="p-2 text-sm text-destructive">{error}</p> : null}
        {!items && !error ? (
          <p role="status" className="flex items-center gap-2 p-2 text-sm text-muted-foreground">
            <LoaderCircle aria-hidden="true" className="size-4 animate-spin" /> Loading…
          </p>
        ) : null}
        {items && items.length > 0 ? <p className="px-2 pb-1 text-xs text-muted-foreground">Choose one to reopen it and carry on where you left off.</p> : null}
        {items && items.length === 0 ? <p className="p-2 text-sm text-muted-foreground">No conversations about this workbook yet.</p> : null}
        <ul className="flex flex-col gap-1">
          {items?.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                onClick={() => onOpen(item)}
                aria-current={item.id === activeId ? "true" : undefined}
                className="flex w-full items-start gap-2 rounded-md p-2 text-left text-sm hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring focus-visible:outline-none aria-[current=true]:bg-accent"
              >
                <MessageSquare aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium">{item.title}</span>
                  <span className="block text-xs text-muted-foreground">
                    {when(item.updatedAt)} · {item.messageCount} messages
                    {workspaceId && item.author ? ` · by ${item.author.displayName ?? item.author.email ?? "a member"}` : ""}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
