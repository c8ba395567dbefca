import type { Metadata } from "next";
import Link from "next/link";
import { KeyRound, MessageSquare, Plug } from "lucide-react";
import { PageHeader } from "@/components/dashboard/page-header";
import { RecentConversations } from "@/components/usage/recent-conversations";
import { UsageOverview } from "@/components/usage/usage-overview";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Overview" };

const NEXT_STEPS = [
  { href: "/dashboard/playground", icon: MessageSquare, title: "Open the playground", body: "Ask about a workbook or CSV in the browser." },
  { href: "/dashboard/connect", icon: Plug, title: "Connect the Excel add-in", body: "Install the task pane and sign in from Excel." },
  { href: "/dashboard/keys", icon: KeyRound, title: "Create an API key", body: "For scripts, or to paste into the add-in." },
] as const;

export default async function OverviewPage() {
  await requireUser("/dashboard");
  return (
    <>
      <PageHeader title="Overview" description="Your usage, your plan's limits and your latest conversations." />
      <UsageOverview />
      <RecentConversations />
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
