import Link from "next/link";
import { Check } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ENTITLEMENTS, type Plan } from "@/lib/limits/entitlements";
import { cn } from "@/lib/utils";

// Plan limits come from the one entitlements table, so this page cannot drift from what the
// server enforces. Prices are not stated here: Stripe checkout shows them.
const PLAN_COPY: { plan: Exclude<Plan, "guest">; name: string; summary: string; cta: string; featured?: boolean }[] = [
  { plan: "free", name: "Free", summary: "For trying it on your own workbooks.", cta: "Start free" },
  { plan: "pro", name: "Pro", summary: "For people who work in Excel every day.", cta: "Choose Pro", featured: true },
  { plan: "team", name: "Team", summary: "For heavy use and shared automation.", cta: "Choose Team" },
];

const integer = new Intl.NumberFormat("en-US");
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** The three plans and their limits; the anchor #pricing is linked from the header and elsewhere. */
export function Pricing() {
  return (
    <section id="pricing" aria-labelledby="pricing-title" className="border-t bg-muted/40">
      <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
        <h2 id="pricing-title" className="text-3xl font-semibold tracking-tight">
          Plans
        </h2>
        <p className="mt-2 max-w-2xl text-muted-foreground">
          Every plan includes the add-in, the dashboard and API keys. Plans differ in how much you can ask. Paid plans
          are billed monthly; the price is shown before you pay.
        </p>
        <ul className="mt-10 grid gap-6 md:grid-cols-3">
          {PLAN_COPY.map((copy) => {
            const limits = ENTITLEMENTS[copy.plan];
            return (
              <li
                key={copy.plan}
                aria-labelledby={`plan-${copy.plan}`}
                className={cn(
                  "flex flex-col gap-6 rounded-xl border bg-card p-6 text-card-foreground shadow-sm",
                  copy.featured && "border-primary ring-1 ring-primary",
                )}
              >
                <div>
                  <h3 id={`plan-${copy.plan}`} className="text-lg font-semibold">
                    {copy.name}
                  </h3>
                  <p className="mt-1 text-sm text-muted-foreground">{copy.summary}</p>
                </div>
                <ul className="flex flex-col gap-2 text-sm">
                  <PlanLine>{integer.format(limits.requestsPerDay)} chats a day</PlanLine>
                  <PlanLine>{compact.format(limits.tokensPerMonth)} tokens a month</PlanLine>
                  <PlanLine>Selections up to {compact.format(limits.maxCellsPerRequest)} cells</PlanLine>
                </ul>
                <Button asChild variant={copy.featured ? "default" : "outline"} className="mt-auto">
                  <Link href="/sign-up">{copy.cta}</Link>
                </Button>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}

function PlanLine({ children }: { children: React.ReactNode }) {
  return (
    <li className="flex items-start gap-2">
      <Check aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-primary" />
      <span>{children}</span>
    </li>
  );
}
