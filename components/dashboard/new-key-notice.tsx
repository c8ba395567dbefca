"use client";

import { useEffect, useRef } from "react";
import { TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "./copy-button";
import type { CreatedApiKey } from "./api-keys-client";
import { KeyScopeBadges } from "./key-scope-badges";

/**
 * The only time a key is visible. Focus moves here so keyboard and screen-reader users land
 * on the key and the warning; "Done" forgets the key for good.
 */
export function NewKeyNotice({ created, onDismiss }: { created: CreatedApiKey; onDismiss: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section
      aria-labelledby="new-key-title"
      data-testid="new-key-notice"
      className="flex flex-col gap-3 rounded-xl border border-warning/60 bg-card p-4 text-card-foreground"
    >
      <div className="flex items-start gap-2">
        <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-warning" />
        <div className="flex flex-col gap-1">
          <h2 id="new-key-title" ref={headingRef} tabIndex={-1} className="font-medium outline-none">
            Copy your new key “{created.name}” now
          </h2>
          <p className="text-sm text-muted-foreground">
            This is the only time it is shown. We store only a hash of it, so it cannot be shown again. If you lose it,
            revoke it and create another.
          </p>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="text-muted-foreground">It may:</span>
            <KeyScopeBadges scopes={created.scopes} />
          </div>
        </div>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <label htmlFor="new-key-value" className="sr-only">
          New API key
        </label>
        <input
          id="new-key-value"
          readOnly
          value={created.key}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
          className="h-9 w-full min-w-0 rounded-md border border-input bg-muted px-3 font-mono text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring"
        />
        <div className="flex gap-2">
          <CopyButton value={created.key} label="Copy key" />
          <Button type="button" variant="secondary" size="sm" onClick={onDismiss}>
            Done
          </Button>
        </div>
      </div>
    </section>
  );
}
