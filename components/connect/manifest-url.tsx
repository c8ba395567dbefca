"use client";

// The manifest's address on this deployment. It is read from the browser's own location, so it
// is exactly the origin the user reached (not a Host header a proxy may have rewritten).
import { useSyncExternalStore } from "react";
import { Download } from "lucide-react";
import { CopyButton } from "@/components/dashboard/copy-button";
import { Button } from "@/components/ui/button";

const subscribe = () => () => {};

export function ManifestUrl() {
  const origin = useSyncExternalStore(subscribe, () => window.location.origin, () => null);
  const url = origin ? `${origin}/addin/manifest.xml` : "/addin/manifest.xml";
  return (
    <div className="flex flex-col gap-4">
      <Button asChild size="lg" className="self-start">
        <a href="/addin/manifest.xml" download="manifest.xml" data-testid="download-manifest">
          <Download aria-hidden="true" />
          Download the manifest
        </a>
      </Button>
      <div className="flex flex-col gap-2">
        <label htmlFor="manifest-url" className="text-sm font-medium">
          Manifest URL
        </label>
        <p id="manifest-url-help" className="text-sm text-muted-foreground">
          The same manifest by address, for an administrator&apos;s deployment or a shared catalog.
        </p>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <input
            id="manifest-url"
            readOnly
            value={url}
            onFocus={(event) => event.currentTarget.select()}
            spellCheck={false}
            aria-describedby="manifest-url-help"
            className="h-9 w-full min-w-0 rounded-md border border-input bg-muted px-3 font-mono text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring"
          />
          <div className="flex shrink-0 gap-2">
            <CopyButton value={url} label="Copy URL" />
          </div>
        </div>
      </div>
    </div>
  );
}
