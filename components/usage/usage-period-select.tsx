"use client";

// The overview's usage window. The choice lives in the URL (?days=), so the server renders the
// figures for it and a reload or a shared link shows the same period.
import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { LoaderCircle } from "lucide-react";
import { NativeSelect } from "@/components/ui/native-select";

const WINDOWS = [7, 30, 90];

export function UsagePeriodSelect({ days }: { days: number }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const windows = WINDOWS.includes(days) ? WINDOWS : [...WINDOWS, days].sort((a, b) => a - b);

  function choose(next: number) {
    startTransition(() => router.replace(`${pathname}?days=${next}`, { scroll: false }));
  }

  return (
    <div className="flex items-center gap-2">
      {pending ? <LoaderCircle aria-hidden="true" className="size-4 animate-spin text-muted-foreground" /> : null}
      <span role="status" className="sr-only">
        {pending ? "Loading the usage for this period…" : ""}
      </span>
      <label htmlFor="usage-window" className="text-sm text-muted-foreground">
        Period
      </label>
      <div className="w-36">
        <NativeSelect id="usage-window" value={days} onChange={(event) => choose(Number(event.target.value))}>
          {windows.map((n) => (
            <option key={n} value={n}>
              Last {n} days
            </option>
          ))}
        </NativeSelect>
      </div>
    </div>
  );
}
