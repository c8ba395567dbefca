"use client";

// The entries of "Security activity" (AuditLog): the first page comes from the server, and
// "Show older" asks GET /api/audit for the next one with the cursor it was given.
import { useState } from "react";
import { LoaderCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/auth/form-error";
import { fetchApi } from "./fetch-api";
import { LocalDateTime } from "./local-date-time";
import type { AuditLogEntry } from "@/lib/db/audit-log";

// The wire shape is the row itself (a type-only import: nothing server-side is bundled).
export type { AuditLogEntry };

export interface AuditPage {
  entries: AuditLogEntry[];
  nextCursor: string | null;
}

const ACTION_LABELS: Record<string, string> = {
  "auth.signup": "Account created",
  "auth.login": "Signed in",
  "auth.login_failed": "Failed sign-in attempt",
  "auth.logout": "Signed out",
  "auth.refresh_token_reused": "Session ended: its refresh token was used twice",
  "auth.password_changed": "Password changed; other devices signed out",
  "auth.password_reset_requested": "Password reset link requested",
  "auth.password_reset_completed": "Password reset with an emailed link; all devices signed out",
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
    case "api_key.created": {
      if (!text(m.prefix)) return null;
      const scopes = Array.isArray(m.scopes) ? m.scopes.filter((s): s is string => typeof s === "string" && s.length <= 20) : [];
      return scopes.length ? `Key ${text(m.prefix)}… (${scopes.join(", ")})` : `Key ${text(m.prefix)}…`;
    }
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

export function AuditLogEntries({ first, pageSize }: { first: AuditPage; pageSize: number }) {
  const [entries, setEntries] = useState(first.entries);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function showOlder() {
    if (!cursor) return;
    setLoadingMore(true);
    const params = new URLSearchParams({ limit: String(pageSize), before: cursor });
    const result = await fetchApi<AuditPage>(`/api/audit?${params}`);
    setLoadingMore(false);
    if (!result.ok) {
      setError(`Could not load older activity: ${result.message}`);
      return;
    }
    setError(null);
    setEntries((current) => [...current, ...result.data.entries]);
    setCursor(result.data.nextCursor);
  }

  return (
    <>
      {entries.length === 0 ? (
        <p className="rounded-xl border p-4 text-sm text-muted-foreground">No activity recorded yet.</p>
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
                  <LocalDateTime iso={entry.createdAt} />
                  {entry.ip ? <span className="font-mono">{entry.ip}</span> : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <FormError id="audit-log-error" message={error} />
      {cursor ? (
        <div>
          <Button variant="outline" size="sm" onClick={showOlder} disabled={loadingMore}>
            {loadingMore ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
            Show older
          </Button>
        </div>
      ) : null}
    </>
  );
}
