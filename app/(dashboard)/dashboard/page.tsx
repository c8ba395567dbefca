import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { KeyRound, MessageSquare, Plug } from "lucide-react";
import { PageHeader } from "@/components/dashboard/page-header";
import { RecentConversations, RecentConversationsSkeleton } from "@/components/usage/recent-conversations";
import { UsageOverview, UsageOverviewSkeleton } from "@/components/usage/usage-overview";
import { DEFAULT_USAGE_DAYS, usageQuery } from "@/app/api/usage/schema";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Overview" };

const NEXT_STEPS = [
  { href: "/dashboard/playground", icon: MessageSquare, title: "Open the playground", body: "Ask about a workbook or CSV in the browser." },
  { href: "/dashboard/connect", icon: Plug, title: "Get the add-in", body: "Install the task pane in Excel and sign in; the page shows when it is connected." },
  { href: "/dashboard/keys", icon: KeyRound, title: "Create an API key", body: "For scripts, or to paste into the add-in." },
] as const;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OverviewPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("/dashboard");
  // The usage window (?days=), checked like the API's query; anything else shows the default.
  const requested = (await searchParams).days;
  const parsed = usageQuery.safeParse({ days: Array.isArray(requested) ? requested[0] : requested });
  const days = parsed.success ? parsed.data.days : DEFAULT_USAGE_DAYS;
  return (
    <>
      <PageHeader title="Overview" description="Your usage, your plan's limits and your latest conversations." />
      <Suspense fallback={<UsageOverviewSkeleton />}>
        <UsageOverview userId={user.userId} claims={user.claims} days={days} />
      </Suspense>
      <Suspense fallback={<RecentConversationsSkeleton />}>
        <RecentConversations claims={user.claims} />
      </Suspense>
      <section aria-labelledby="next-steps-title" className="flex flex-col gap-3">
        <h2 id="next-steps-title" className="font-semibold">
          Get started
        </h2>
        <ul className="grid gap-3 sm:grid-cols-3">
          {NEXT_STEPS.map((step) => (
            <li key={step.href}>
              <Link
                href={step.href}
                className="flex h-full flex-col gap-2 rounded-xl border bg-card p-4 text-card-foreground transition-colors outline-none hover:border-primary/60 focus-visible:ring-[3px] focus-visible:ring-ring"
              >
                <step.icon aria-hidden="true" className="size-5 text-primary" />
                <span className="font-medium">{step.title}</span>
                <span className="text-sm text-muted-foreground">{step.body}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
