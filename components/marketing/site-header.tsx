import Link from "next/link";
import { Button } from "@/components/ui/button";
import { BrandMark } from "./brand-mark";

/** The public header: section links on wide screens, sign-in and sign-up everywhere. */
export function SiteHeader() {
  return (
    <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur supports-[backdrop-filter]:bg-background/75">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-3 px-4 sm:px-6">
        <BrandMark />
        <nav aria-label="Site" className="flex items-center gap-1 sm:gap-2">
          <Link
            href="/#how-it-works"
            className="hidden rounded-md px-3 py-2 text-sm text-muted-foreground hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring focus-visible:outline-none md:inline-block"
          >
            How it works
          </Link>
          <Link
            href="/dashboard/connect"
            className="hidden rounded-md px-3 py-2 text-sm text-muted-foreground hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring focus-visible:outline-none md:inline-block"
          >
            Get the add-in
          </Link>
          <Link
            href="/#pricing"
            className="hidden rounded-md px-3 py-2 text-sm text-muted-foreground hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring focus-visible:outline-none md:inline-block"
          >
            Pricing
          </Link>
          <Button asChild variant="ghost" size="sm">
            <Link href="/sign-in">Sign in</Link>
          </Button>
          <Button asChild size="sm">
            <Link href="/sign-up">Sign up</Link>
          </Button>
        </nav>
      </div>
    </header>
  );
}
