"use client";

import * as React from "react";
import { cn } from "@/lib/utils";

/**
 * A box that may scroll (a wide table on a phone). While its content overflows it becomes a
 * named region in the tab order, so keyboard users can reach it and scroll it with the arrow
 * keys; while everything fits it is a plain box and adds no tab stop.
 */
export function ScrollRegion({ label, className, children, ...props }: React.ComponentProps<"div"> & { label?: string }) {
  const ref = React.useRef<HTMLDivElement>(null);
  // Assumed to overflow until measured: the server's HTML is then reachable from the keyboard
  // before the page hydrates, and a box that fits drops its tab stop once measured.
  const [overflows, setOverflows] = React.useState(true);

  React.useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const check = () => setOverflows(element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);

  return (
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the label is set only together with role="region", while the content overflows
    <div
      ref={ref}
      tabIndex={overflows ? 0 : undefined}
      role={overflows ? "region" : undefined}
      aria-label={overflows ? label : undefined}
      className={cn("outline-none focus-visible:ring-[3px] focus-visible:ring-ring", className)}
      {...props}
    >
      {children}
    </div>
  );
}
