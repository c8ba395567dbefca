import { Check } from "lucide-react";
import { ENTITLEMENTS } from "@/lib/limits/entitlements";
import type { BillingPlan } from "@/lib/billing/plans";

const integer = new Intl.NumberFormat("en-US");
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** A plan's limits as a checklist, straight from the ENTITLEMENTS table the server enforces. */
export function PlanLimits({ plan }: { plan: BillingPlan }) {
  const limits = ENTITLEMENTS[plan];
  return (
    <ul className="flex flex-col gap-2 text-sm">
      <Line>{integer.format(limits.requestsPerDay)} chats a day</Line>
      <Line>{compact.format(limits.tokensPerMonth)} tokens a month</Line>
      <Line>Selections up to {compact.format(limits.maxCellsPerRequest)} cells</Line>
    </ul>
  );
}

function Line({ children }: { children: React.ReactNode }) {
  return (
    <li className="flex items-start gap-2">
      <Check aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-primary" />
      <span>{children}</span>
    </li>
  );
}
