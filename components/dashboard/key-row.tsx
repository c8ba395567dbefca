"use client";

import { useEffect, useRef, useState } from "react";
import { LoaderCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ApiKeySummary } from "./api-keys-client";
import { formatDateTime } from "./format-date";
import { KeyScopeBadges } from "./key-scope-badges";

/**
 * One key: name, prefix, what it may do, dates and status. Revoking asks once more in place (a mis-click
 * breaks whatever uses the key, and it cannot be undone).
 */
export function KeyRow({ apiKey, onRevoke }: { apiKey: ApiKeySummary; onRevoke: (id: string) => Promise<boolean> }) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const rowRef = useRef<HTMLLIElement>(null);
  const revokedHere = useRef(false);
  const revoked = apiKey.revokedAt !== null;

  // The buttons that had focus vanish once the key is revoked: focus goes to the row, which now says "Revoked".
  useEffect(() => {
    if (revoked && revokedHere.current) rowRef.current?.focus();
  }, [revoked]);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  async function revoke() {
    setPending(true);
    revokedHere.current = true;
    const done = await onRevoke(apiKey.id);
    revokedHere.current = done;
    setPending(false);
    if (done) setConfirming(false);
  }

  return (
    <li
      ref={rowRef}
      tabIndex={-1}
      data-testid="api-key-row"
      className="flex flex-col gap-3 p-4 outline-none focus-visible:ring-[3px] focus-visible:ring-ring sm:flex-row sm:items-center sm:justify-between"
      aria-label={`${apiKey.name}${revoked ? " (revoked)" : ""}`}
    >
      <div className="flex min-w-0 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className={revoked ? "font-medium break-all text-muted-foreground line-through" : "font-medium break-all"}>
            {apiKey.name}
          </span>
          {revoked ? <Badge variant="outline">Revoked</Badge> : <Badge variant="secondary">Active</Badge>}
        </div>
        <code className="font-mono text-xs text-muted-foreground">{apiKey.prefix}…</code>
        <KeyScopeBadges scopes={apiKey.scopes} />
        <p className="text-xs text-muted-foreground">
          Created {formatDateTime(apiKey.createdAt)} · {apiKey.lastUsedAt ? `Last used ${formatDateTime(apiKey.lastUsedAt)}` : "Never used"}
          {apiKey.revokedAt ? ` · Revoked ${formatDateTime(apiKey.revokedAt)}` : ""}
        </p>
      </div>
      {revoked ? null : confirming ? (
        // biome-ignore lint/a11y/useSemanticElements: a question and two buttons, not a form section: role="group" names them without a fieldset's form semantics
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label={`Confirm revoking ${apiKey.name}`}>
          <span className="text-sm">Revoke for good?</span>
          <Button ref={confirmRef} variant="destructive" size="sm" onClick={revoke} disabled={pending}>
            {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
            Revoke key
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setConfirming(false)} disabled={pending}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="outline" size="sm" onClick={() => setConfirming(true)} aria-label={`Revoke ${apiKey.name}`}>
          Revoke
        </Button>
      )}
    </li>
  );
}
