// The signed-in shell: header with the account and sign-out, the menu, and the page.
// It checks the session itself (proxy.ts only refreshes it), and every page checks again with
// requireUser(its own path), because layouts do not re-render on every navigation.
// A layout cannot see the URL being opened, so proxy.ts passes it as `x-pathname`: a signed-out
// deep link (/dashboard/settings, a billing return URL) gets a 307 to sign-in that comes back
// to the page asked for, not to /dashboard.
import { DashboardNav } from "@/components/dashboard/nav";
import { SignOutButton } from "@/components/dashboard/sign-out-button";
import { BrandMark } from "@/components/marketing/brand-mark";
import { headers } from "next/headers";
import { requireUser } from "@/lib/auth/current-user";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const opened = (await headers()).get("x-pathname");
  const user = await requireUser(opened?.startsWith("/dashboard") ? opened : "/dashboard");
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-40 border-b bg-background/95 backdrop-blur supports-[backdrop-filter]:bg-background/80">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-3 sm:px-6">
          <BrandMark href="/dashboard" labelClassName="sr-only sm:not-sr-only" />
          <p className="ml-auto min-w-0 truncate text-sm text-muted-foreground" title={user.email}>
            <span className="sr-only">Signed in as </span>
            <span data-testid="user-email">{user.email}</span>
          </p>
          <SignOutButton />
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-6xl flex-1 flex-col gap-4 px-3 py-4 sm:px-6 md:flex-row md:gap-8 md:py-8">
        <aside className="md:w-52 md:shrink-0">
          <DashboardNav />
        </aside>
        <main id="main-content" tabIndex={-1} className="flex min-w-0 flex-1 flex-col gap-6 outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
