"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";
import { isActive, NAV_ITEMS } from "./nav-items";

/**
 * The dashboard menu. Wide screens: a vertical sidebar. Narrow ones (phones, the 350px task
 * pane): one row that scrolls sideways, so every page stays one tap away without a menu button.
 */
export function DashboardNav() {
  const pathname = usePathname();
  const listRef = useRef<HTMLUListElement>(null);

  // In the sideways-scrolling row, bring the current page's item into view (a deep link to
  // Settings would otherwise open with it hidden off to the right). Only the row scrolls,
  // never the page, so scrollIntoView is not used.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the DOM is read, not pathname; it runs again after each navigation marks another item current
  useEffect(() => {
    const list = listRef.current;
    const active = list?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!list || !active || list.scrollWidth <= list.clientWidth) return;
    const left = active.getBoundingClientRect().left - list.getBoundingClientRect().left + list.scrollLeft;
    if (left < list.scrollLeft || left + active.offsetWidth > list.scrollLeft + list.clientWidth) {
      list.scrollLeft = Math.max(0, left - 16);
    }
  }, [pathname]);

  return (
    <nav aria-label="Dashboard">
      <ul ref={listRef} className="-mx-1 flex gap-1 overflow-x-auto px-1 pb-1 [scrollbar-width:thin] md:mx-0 md:flex-col md:overflow-visible md:px-0 md:pb-0">
        {NAV_ITEMS.map((item) => {
          const active = isActive(pathname, item.href);
          return (
            <li key={item.href} className="shrink-0">
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2 rounded-md px-3 py-2 text-sm whitespace-nowrap transition-colors outline-none",
                  "focus-visible:ring-[3px] focus-visible:ring-ring",
                  active
                    ? "bg-accent font-medium text-accent-foreground"
                    : "text-muted-foreground hover:bg-muted hover:text-foreground",
                )}
              >
                <item.icon aria-hidden="true" className="size-4 shrink-0" />
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
