"use client";

import type * as React from "react";
import { Progress as ProgressPrimitive } from "radix-ui";
import { cn } from "@/lib/utils";

/** A determinate bar when `value` is a number, an indeterminate one when it is null. */
function Progress({ className, indicatorClassName, value, ...props }: React.ComponentProps<typeof ProgressPrimitive.Root> & { indicatorClassName?: string }) {
  const indeterminate = value === null || value === undefined;
  return (
    <ProgressPrimitive.Root
      data-slot="progress"
      value={value}
      className={cn("relative h-2 w-full overflow-hidden rounded-full bg-muted", className)}
      {...props}
    >
      <ProgressPrimitive.Indicator
        data-slot="progress-indicator"
        className={cn("h-full bg-primary transition-transform", indeterminate && "w-1/3 animate-pulse", indicatorClassName)}
        style={indeterminate ? undefined : { transform: `translateX(-${100 - Math.max(0, Math.min(100, ((value ?? 0) / (props.max ?? 100)) * 100))}%)` }}
      />
    </ProgressPrimitive.Root>
  );
}

export { Progress };
