// What a proposed edit would change, as label/value pairs (target, cells, formula…): the same
// list wherever a proposal is shown.
import { cn } from "@/lib/utils";

export function ProposalDetails({ details, className }: { details: readonly (readonly [string, string])[]; className?: string }) {
  return (
    <dl className={cn("grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5", className)}>
      {details.map(([label, value], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list for one proposal, where a label may repeat
        <div key={`${label}-${i}`} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="min-w-0 font-mono break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
