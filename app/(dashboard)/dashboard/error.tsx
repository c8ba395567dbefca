"use client";

// Catches a failing dashboard page while keeping the shell (menu, sign-out) usable. Server
// errors reach the browser without their message in production, only a digest that matches
// the server log, so that is what we show.
import { useEffect } from "react";
import Link from "next/link";
import { CircleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";

export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div role="alert" className="flex flex-col items-start gap-4 rounded-xl border border-destructive/40 p-6">
      <div className="flex items-start gap-3">
        <CircleAlert aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-destructive" />
        <div className="flex flex-col gap-1">
          <h1 className="text-lg font-semibold">This page could not be loaded</h1>
          <p className="text-sm text-muted-foreground">
            Something went wrong on our side. Try again; if it keeps happening, it is on us, not on your data.
          </p>
          {digest ? <p className="font-mono text-xs text-muted-foreground">Reference: {digest}</p> : null}
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => retry()}>Try again</Button>
        <Button asChild variant="outline">
          <Link href="/dashboard">Back to the overview</Link>
        </Button>
      </div>
    </div>
  );
}
