import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { BrandMark } from "@/components/marketing/brand-mark";

export const metadata: Metadata = { title: "Page not found" };

/** Any unknown URL (and notFound() calls without a closer not-found file). */
export default function NotFound() {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="px-4 py-4 sm:px-6">
        <BrandMark />
      </header>
      <main id="main-content" tabIndex={-1} className="flex flex-1 flex-col items-center justify-center gap-4 px-4 pb-24 text-center outline-none">
        <p className="font-mono text-sm text-muted-foreground">404</p>
        <h1 className="text-2xl font-semibold tracking-tight">This page does not exist</h1>
        <p className="max-w-sm text-sm text-muted-foreground">The link may be mistyped, or the page may have moved.</p>
        <div className="flex flex-wrap justify-center gap-2">
          <Button asChild>
            <Link href="/">Go to the home page</Link>
          </Button>
          <Button asChild variant="outline">
            <Link href="/dashboard">Open the dashboard</Link>
          </Button>
        </div>
      </main>
    </div>
  );
}
