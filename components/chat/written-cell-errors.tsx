// The errors read back from cells a change just wrote (#REF!, #VALUE!, …), listed on its card in
// the task pane and the playground alike. The assistant is told about them in the next step.
import type { ReactNode } from "react";
import type { WrittenCellError } from "@/lib/agent/verify-written";
import { cn } from "@/lib/utils";

const SHOWN = 6;

export function WrittenCellErrors({ errors, className, children }: { errors: readonly WrittenCellError[]; className?: string; children: ReactNode }) {
  if (errors.length === 0) return null;
  return (
    <div className={cn("flex flex-col gap-0.5 text-destructive", className)} data-testid="edit-card-errors">
      {children}
      <ul className="pl-4">
        {errors.slice(0, SHOWN).map((e) => (
          <li key={e.address} className="font-mono break-all">
            {e.address}: {e.value}
            {e.formula ? ` (${e.formula})` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
