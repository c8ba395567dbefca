import { Construction } from "lucide-react";

/**
 * The honest empty state for a dashboard page whose feature is not built yet: says what the
 * page will hold and that it is not available, instead of showing placeholder numbers.
 */
export function NotAvailableYet({ feature, willHold }: { feature: string; willHold: string[] }) {
  return (
    <section aria-labelledby="not-available-title" className="rounded-xl border border-dashed p-6 sm:p-8">
      <div className="flex items-start gap-3">
        <Construction aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
        <div className="flex flex-col gap-3">
          <h2 id="not-available-title" className="font-medium">
            {feature} is not available yet
          </h2>
          <p className="text-sm text-muted-foreground">This page will hold:</p>
          <ul className="flex list-disc flex-col gap-1 pl-5 text-sm text-muted-foreground">
            {willHold.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
