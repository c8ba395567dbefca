import { Sheet } from "lucide-react";
import { cn } from "@/lib/utils";

/** The product mark for add-in pages: no link, since there is nowhere to go from a task pane. */
export function AddinMark({ className, withName = true, as: Tag = "span" }: { className?: string; withName?: boolean; as?: "span" | "h1" }) {
  return (
    <Tag className={cn("flex shrink-0 items-center gap-2 font-semibold tracking-tight", className)}>
      <span aria-hidden="true" className="flex size-6 items-center justify-center rounded-md bg-primary text-primary-foreground">
        <Sheet className="size-3.5" />
      </span>
      {withName ? <span>Excel AI Assistant</span> : null}
    </Tag>
  );
}
