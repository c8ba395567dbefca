// The first rows of the chosen range as Excel would display them, with sheet row numbers and
// column letters. Formulas written here have no value until Excel calculates them, so they are
// shown as formulas and marked.
import type { CellObject, WorkSheet } from "xlsx";
import { columnLetter } from "@/lib/excel";
import { cellDisplay } from "@/lib/workbook/read-grid";
import type { SheetRect } from "@/lib/workbook/sheet-range";
import { cellKey } from "@/lib/workbook/undo-record";

const MAX_ROWS = 50;
const MAX_COLUMNS = 20;

export function DataPreview({ sheet, rect }: { sheet: WorkSheet; rect: SheetRect; version: number }) {
  const rows = Math.min(rect.rowCount, MAX_ROWS);
  const columns = Math.min(rect.columnCount, MAX_COLUMNS);
  let pendingFormulas = 0;
  const body = Array.from({ length: rows }, (_, r) => ({
    number: rect.row + r + 1,
    cells: Array.from({ length: columns }, (_, c) => {
      const key = cellKey(rect.row + r, rect.column + c);
      const cell = sheet[key] as CellObject | undefined;
      const uncalculated = Boolean(cell?.f) && (cell?.v === undefined || cell?.t === "z");
      if (uncalculated) pendingFormulas++;
      return { key, text: cellDisplay(cell), uncalculated, numeric: cell?.t === "n" };
    }),
  }));
  return (
    <div className="flex flex-col gap-2">
      {pendingFormulas > 0 ? (
        <p className="text-xs text-muted-foreground">
          <span className="font-mono italic">=Formulas</span> in italics were written here; they are calculated when the file is opened in Excel.
        </p>
      ) : null}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus for keyboard users to scroll it */}
      <section className="max-h-[28rem] overflow-auto rounded-xl border outline-none focus-visible:ring-[3px] focus-visible:ring-ring" tabIndex={0} aria-label="Cells of the range">
        <table className="text-xs tabular-nums" data-testid="data-preview">
          <caption className="sr-only">
            The first {rows} rows and {columns} columns of the range
          </caption>
          <thead className="sticky top-0 bg-muted text-muted-foreground">
            <tr>
              <td className="border-r px-2 py-1" />
              {Array.from({ length: columns }, (_, c) => columnLetter(rect.column + c + 1)).map((letter) => (
                <th key={letter} scope="col" className="border-r px-2 py-1 font-medium">
                  {letter}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.map((row) => (
              <tr key={row.number} className="border-t">
                <th scope="row" className="sticky left-0 border-r bg-muted px-2 py-1 text-right font-medium text-muted-foreground">
                  {row.number}
                </th>
                {row.cells.map((cell) => (
                  <td key={cell.key} className={`max-w-48 truncate border-r px-2 py-1 ${cell.numeric ? "text-right" : ""} ${cell.uncalculated ? "font-mono text-muted-foreground italic" : ""}`} title={cell.text}>
                    {cell.text}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {rect.rowCount > rows || rect.columnCount > columns ? (
        <p className="text-xs text-muted-foreground">
          Showing {rows} of {rect.rowCount.toLocaleString("en-US")} rows and {columns} of {rect.columnCount.toLocaleString("en-US")} columns.
        </p>
      ) : null}
    </div>
  );
}
