import Link from "next/link";
import { Sheet } from "lucide-react";
import { cn } from "@/lib/utils";

/** The product name with its icon, linking home; shared by the public and dashboard headers. */
export function BrandMark({ className, href = "/", labelClassName }: { className?: string; href?: string; labelClassName?: string }) {
  return (
    <Link
      href={href}
      className={cn(
        "flex shrink-0 items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:ring-[3px] focus-visible:ring-ring focus-visible:outline-none",
        className,
      )}
    >
      <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-md bg-primary text-primary-foreground">
        <Sheet className="size-4" />
      </span>
      <span className={labelClassName}>Excel AI Assistant</span>
    </Link>
  );
}
