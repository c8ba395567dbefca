// The last few conversations on the overview, each a link into History, read on the server
// under the user's RLS context.
import Link from "next/link";
import { FileSpreadsheet } from "lucide-react";
import { LocalDateTime } from "@/components/dashboard/local-date-time";
import { loadSection, SectionError } from "@/components/dashboard/section-error";
import { Skeleton } from "@/components/ui/skeleton";
import { listConversations } from "@/lib/db/conversations";
import type { DbClaims } from "@/lib/db/with-rls";

const RECENT = 5;

export async function RecentConversations({ claims }: { claims: DbClaims }) {
  const load = await loadSection(listConversations({ claims, limit: RECENT, offset: 0 }));
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
      {!load.ok ? (
        <SectionError id="recent-error" message={`Recent conversations could not be loaded: ${load.message}`} />
      ) : load.data.items.length === 0 ? (
        <p className="rounded-xl border border-dashed p-4 text-sm text-muted-foreground">
          No conversations yet. Ask something in the{" "}
          <Link href="/dashboard/playground" className="font-medium text-foreground underline underline-offset-4">
            playground
          </Link>{" "}
          or the Excel add-in.
        </p>
      ) : (
        <ul className="divide-y rounded-xl border bg-card text-card-foreground">
          {load.data.items.map((item) => (
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
                  <LocalDateTime iso={item.updatedAt} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Stands in for the list while the server reads it. */
export function RecentConversationsSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading recent conversations" className="flex flex-col gap-2">
      <Skeleton className="h-6 w-48" />
      <Skeleton className="h-12 w-full" />
      <Skeleton className="h-12 w-full" />
    </div>
  );
}
