"use client";

// A moment in the reader's own time zone and locale. The server knows neither, so its HTML says
// the time in UTC, labelled as such, and the browser puts the local time in while it hydrates
// (useHydrated is false for exactly that first render, so the two never mismatch).
import { useHydrated } from "@/components/auth/use-hydrated";
import { formatDateTime } from "./format-date";

const utc = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function LocalDateTime({ iso, className }: { iso: string; className?: string }) {
  const hydrated = useHydrated();
  return (
    <time dateTime={iso} className={className}>
      {hydrated ? formatDateTime(iso) : `${utc.format(new Date(iso))} UTC`}
    </time>
  );
}
