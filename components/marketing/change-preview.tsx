import { Check, Undo2 } from "lucide-react";

/**
 * A static illustration of the task pane's review step. It shows formulas only, no figures,
 * and says it is an example, so nobody mistakes it for real output.
 */
export function ChangePreview() {
  return (
    <figure className="rounded-xl border bg-card p-4 text-card-foreground shadow-sm sm:p-5">
      <figcaption className="mb-4 flex items-center justify-between gap-2 text-xs text-muted-foreground">
        <span>Example: the review step in the task pane</span>
        <span className="rounded bg-muted px-1.5 py-0.5 font-mono">Sheet1!D2:D4</span>
      </figcaption>
      <div className="flex flex-col gap-3 text-sm">
        <p className="rounded-lg bg-muted px-3 py-2">
          <span className="font-medium">You:</span> Add a column with the change from Q1 to Q2.
        </p>
        <p className="rounded-lg border px-3 py-2">
          <span className="font-medium">Assistant:</span> I&apos;ll write a growth formula in column D for each region.
        </p>
        <div className="overflow-x-auto rounded-lg border">
          <table className="w-full text-left font-mono text-xs">
            <caption className="sr-only">Proposed change, cell by cell</caption>
            <thead className="bg-muted/60 text-muted-foreground">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Cell</th>
                <th scope="col" className="px-3 py-2 font-medium">Before</th>
                <th scope="col" className="px-3 py-2 font-medium">After</th>
              </tr>
            </thead>
            <tbody>
              {["2", "3", "4"].map((row) => (
                <tr key={row} className="border-t">
                  <td className="px-3 py-2">D{row}</td>
                  <td className="px-3 py-2 text-muted-foreground">(empty)</td>
                  <td className="px-3 py-2 text-primary">=C{row}/B{row}-1</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div aria-hidden="true" className="flex flex-wrap gap-2">
          <span className="inline-flex items-center gap-1.5 rounded-md bg-primary px-3 py-1.5 text-xs font-medium text-primary-foreground">
            <Check className="size-3.5" /> Apply
          </span>
          <span className="inline-flex items-center gap-1.5 rounded-md border px-3 py-1.5 text-xs font-medium">
            <Undo2 className="size-3.5" /> Undo
          </span>
        </div>
      </div>
    </figure>
  );
}
