import type { Metadata } from "next";
import Link from "next/link";
import { KeyRound, MessageSquare, Plug } from "lucide-react";
import { NotAvailableYet } from "@/components/dashboard/not-available-yet";
import { PageHeader } from "@/components/dashboard/page-header";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Overview" };

const NEXT_STEPS = [
  { href: "/dashboard/connect", icon: Plug, title: "Connect the Excel add-in", body: "Install the task pane and sign in from Excel." },
  { href: "/dashboard/keys", icon: KeyRound, title: "Create an API key", body: "For scripts, or to paste into the add-in." },
  { href: "/dashboard/playground", icon: MessageSquare, title: "Open the playground", body: "Ask about a workbook or CSV in the browser." },
] as const;

export default async function OverviewPage() {
  await requireUser("/dashboard");
  return (
    <>
      <PageHeader title="Overview" description="Where to start with your account." />
      <section aria-labelledby="next-steps-title" className="flex flex-col gap-3">
        <h2 id="next-steps-title" className="text-sm font-medium text-muted-foreground">
          Get started
        </h2>
        <ul className="grid gap-3 sm:grid-cols-3">
          {NEXT_STEPS.map((step) => (
            <li key={step.href}>
              <Link
                href={step.href}
                className="flex h-full flex-col gap-2 rounded-xl border bg-card p-4 text-card-foreground transition-colors outline-none hover:border-primary/60 focus-visible:ring-[3px] focus-visible:ring-ring/60"
              >
                <step.icon aria-hidden="true" className="size-5 text-primary" />
                <span className="font-medium">{step.title}</span>
                <span className="text-sm text-muted-foreground">{step.body}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <NotAvailableYet
        feature="Usage"
        willHold={[
          "Chats today and tokens this month, against your plan's limits",
          "Cost per day and the share of answers served from cache",
          "A daily chart of requests and tokens",
        ]}
      />
    </>
  );
}
