"use client";

// The last few conversations on the overview, each a link into History.
import Link from "next/link";
import { useEffect, useState } from "react";
import { FileSpreadsheet } from "lucide-react";
import { formatDateTime } from "@/components/dashboard/format-date";
import { listConversations, type ConversationSummary } from "@/components/history/history-client";
import { Skeleton } from "@/components/ui/skeleton";

export function RecentConversations() {
  const [items, setItems] = useState<ConversationSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void listConversations({ q: "", offset: 0, limit: 5 }).then((result) => {
      if (result.ok) setItems(result.data.conversations);
      else setError(result.message);
    });
  }, []);

  return (
    <section aria-labelledby="recent-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="recent-title" className="font-semibold">
          Recent conversations
        </h2>
        <Link href="/dashboard/history" className="rounded-sm text-sm text-muted-foreground underline-offset-4 outline-none hover:text-foreground hover:underline focus-visible:ring-[3px] focus-visible:ring-ring">
          All history
        </Link>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          Recent conversations could not be loaded: {error}
        </p>
      ) : items === null ? (
        <div aria-busy="true" aria-label="Loading recent conversations" className="flex flex-col gap-2">
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-full" />
        </div>
      ) : items.length === 0 ? (
        <p className="rounded-xl border border-dashed p-4 text-sm text-muted-foreground">
          No conversations yet. Ask something in the{" "}
          <Link href="/dashboard/playground" className="font-medium text-foreground underline underline-offset-4">
            playground
          </Link>{" "}
          or the Excel add-in.
        </p>
      ) : (
        <ul className="divide-y rounded-xl border bg-card text-card-foreground">
          {items.map((item) => (
            <li key={item.id}>
              <Link
                href={`/dashboard/history/${item.id}`}
                className="flex flex-col gap-0.5 rounded-xl p-3 outline-none hover:bg-muted/50 focus-visible:ring-[3px] focus-visible:ring-ring sm:flex-row sm:items-baseline sm:justify-between sm:gap-4"
              >
                <span className="min-w-0 font-medium break-words">{item.title}</span>
                <span className="flex shrink-0 items-center gap-2 text-xs text-muted-foreground">
                  {item.workbook ? (
                    <span className="inline-flex max-w-48 items-center gap-1 truncate">
                      <FileSpreadsheet aria-hidden="true" className="size-3.5 shrink-0" />
                      <span className="truncate">{item.workbook}</span>
                    </span>
                  ) : null}
                  <time dateTime={item.updatedAt}>{formatDateTime(item.updatedAt)}</time>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
