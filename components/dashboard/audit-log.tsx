"use client";

// "Security activity" on the Account page: my audit log (GET /api/audit), newest first, read-only,
// with "Show older" paging. Drop it into a page as <AuditLog />; it fetches on its own.
import { useCallback, useEffect, useState } from "react";
import { LoaderCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { FormError } from "@/components/auth/form-error";
import { readApiResponse, type ApiResult } from "@/components/auth/post-json";
import { formatDateTime } from "./format-date";
import type { AuditLogEntry } from "@/lib/db/audit-log";

// The wire shape is the row itself (a type-only import: nothing server-side is bundled).
export type { AuditLogEntry };

interface AuditPage {
  entries: AuditLogEntry[];
  nextCursor: string | null;
}

const PAGE_SIZE = 20;

const ACTION_LABELS: Record<string, string> = {
  "auth.signup": "Account created",
  "auth.login": "Signed in",
  "auth.login_failed": "Failed sign-in attempt",
  "auth.logout": "Signed out",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "account.exported": "Data exported",
  "account.deleted": "Account deleted",
  "billing.plan_changed": "Plan changed",
  "settings.updated": "Settings changed",
  "history.deleted": "History deleted",
};

const text = (value: unknown) => (typeof value === "string" && value.length <= 100 ? value : null);

/** One line of detail from the entry's metadata; only known, short, plain fields. */
function describe(entry: AuditLogEntry): string | null {
  const m = entry.metadata ?? {};
  switch (entry.action) {
    case "api_key.created":
    case "api_key.revoked":
      return text(m.prefix) ? `Key ${text(m.prefix)}…` : null;
    case "billing.plan_changed":
      return text(m.from) && text(m.to) ? `${text(m.from)} → ${text(m.to)}` : null;
    case "auth.login":
    case "auth.login_failed":
      return m.knownDevice === false ? "From a device not used with this account before" : null;
    case "settings.updated":
      return Array.isArray(m.changed) ? `Changed: ${m.changed.filter((item) => typeof item === "string").join(", ")}` : null;
    default:
      return null;
  }
}

async function fetchPage(before: string | null): Promise<ApiResult<AuditPage>> {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (before) params.set("before", before);
  try {
    return await readApiResponse<AuditPage>(await fetch(`/api/audit?${params}`, { credentials: "same-origin", cache: "no-store" }));
  } catch {
    return { ok: false, status: 0, code: "network", message: "Could not reach the server. Check your connection and try again." };
  }
}

export function AuditLog() {
  const [entries, setEntries] = useState<AuditLogEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (before: string | null) => {
    const result = await fetchPage(before);
    if (!result.ok) {
      setError(`Could not load your security activity: ${result.message}`);
      setEntries((current) => current ?? []);
      return;
    }
    setError(null);
    setEntries((current) => (before && current ? [...current, ...result.data.entries] : result.data.entries));
    setCursor(result.data.nextCursor);
  }, []);

  useEffect(() => {
    void load(null);
  }, [load]);

  async function showOlder() {
    setLoadingMore(true);
    await load(cursor);
    setLoadingMore(false);
  }

  return (
    <section aria-labelledby="audit-log-title" className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <h2 id="audit-log-title" className="font-semibold">
          Security activity
        </h2>
        <p className="text-sm text-muted-foreground">
          Sign-ins, API keys, exports and plan changes on your account. If something here was not you, change your
          password and revoke your API keys.
        </p>
      </div>
      <FormError id="audit-log-error" message={error} />
      {entries === null ? (
        <div className="flex flex-col gap-2" aria-busy="true" aria-label="Loading security activity">
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-full" />
        </div>
      ) : entries.length === 0 ? (
        error ? null : <p className="rounded-xl border p-4 text-sm text-muted-foreground">No activity recorded yet.</p>
      ) : (
        <ol className="divide-y rounded-xl border" data-testid="audit-log">
          {entries.map((entry) => {
            const detail = describe(entry);
            return (
              <li key={entry.id} className="flex flex-col gap-0.5 p-4 text-sm sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
                <div className="flex min-w-0 flex-col gap-0.5">
                  <span className={entry.action === "auth.login_failed" ? "font-medium text-destructive" : "font-medium"}>
                    {ACTION_LABELS[entry.action] ?? entry.action}
                  </span>
                  {detail ? <span className="break-all text-muted-foreground">{detail}</span> : null}
                </div>
                <div className="flex shrink-0 flex-col text-xs text-muted-foreground sm:items-end">
                  <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
                  {entry.ip ? <span className="font-mono">{entry.ip}</span> : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {cursor ? (
        <div>
          <Button variant="outline" size="sm" onClick={showOlder} disabled={loadingMore}>
            {loadingMore ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
            Show older
          </Button>
        </div>
      ) : null}
    </section>
  );
}
