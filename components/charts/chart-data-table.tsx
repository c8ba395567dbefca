// The numbers behind a chart as a table: read by screen readers, and shown on request ("Show as
// a table") for anyone who prefers numbers to bars. The first column labels each row.
import type { ReactNode } from "react";

export interface ChartTableRow {
  key: string;
  label: ReactNode;
  values: ReactNode[];
}

export function ChartDataTable({ caption, columns, rows }: { caption: string; columns: ReactNode[]; rows: ChartTableRow[] }) {
  return (
    <details className="text-xs">
      <summary className="w-fit cursor-pointer rounded-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring">
        Show as a table
      </summary>
      {/* Scrolls when long: focusable and named, so keyboard users can scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: a scrolling region must take focus, and be a named region, for keyboard users to find and scroll it */}
      <div tabIndex={0} role="region" aria-label={`${caption}, as a table`} className="mt-2 max-h-64 overflow-auto rounded-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring">
        <table className="w-full text-left tabular-nums">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="border-b">
              {columns.map((column, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a column is its position; headings may repeat
                <th key={index} scope="col" className="py-1 pr-3 font-medium">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-b last:border-0">
                <th scope="row" className="py-1 pr-3 font-normal">
                  {row.label}
                </th>
                {row.values.map((value, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a cell is its column's position in the row
                  <td key={index} className="py-1 pr-3">
                    {value}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
