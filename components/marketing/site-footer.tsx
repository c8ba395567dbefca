import Link from "next/link";

/** The public footer: where to go next, nothing invented. */
export function SiteFooter() {
  return (
    <footer className="border-t">
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-8 text-sm text-muted-foreground sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>Excel AI Assistant</p>
        <nav aria-label="Footer" className="flex flex-wrap gap-4">
          <Link href="/dashboard/connect" className="rounded hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring focus-visible:outline-none">
            Get the add-in
          </Link>
          <Link href="/#pricing" className="rounded hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring focus-visible:outline-none">
            Pricing
          </Link>
          <Link href="/sign-in" className="rounded hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring focus-visible:outline-none">
            Sign in
          </Link>
          <Link href="/sign-up" className="rounded hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring focus-visible:outline-none">
            Sign up
          </Link>
        </nav>
      </div>
    </footer>
  );
}
