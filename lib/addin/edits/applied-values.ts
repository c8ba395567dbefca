// What a formula write produced, read back once it is applied: each of the first cells with the
// formula the card proposed and the value Excel calculated, so the user sees the result beside
// the formula without leaving the pane. Only formula writes need this; plain values are already
// shown as they will be.
import { cellAddress, type CellValue } from "@/lib/excel";
import type { Proposal } from "./proposal";
import { resolveRange } from "./resolve-range";
import type { Rect } from "@/lib/addin/rect";

export interface AppliedCell {
  address: string;
  formula: string;
  value: string;
}

const RESULT_CELLS = 12;

function shown(value: CellValue | undefined): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  return String(value);
}

/** The first `max` cells of `rect`, row by row, with their formula and calculated value. */
export function appliedCells(rect: Rect, formulas: CellValue[][], values: CellValue[][], max = RESULT_CELLS): AppliedCell[] {
  const cells: AppliedCell[] = [];
  for (let r = 0; r < rect.rowCount && cells.length < max; r++) {
    for (let c = 0; c < rect.columnCount && cells.length < max; c++) {
      const formula = formulas[r]?.[c];
      cells.push({
        address: cellAddress(rect.row + r + 1, rect.column + c + 1),
        formula: typeof formula === "string" && formula.startsWith("=") ? formula : shown(formula),
        value: shown(values[r]?.[c]),
      });
    }
  }
  return cells;
}

/** The calculated values of an applied formula write, or null for any other change. */
export async function readAppliedValues(proposal: Proposal, max = RESULT_CELLS): Promise<AppliedCell[] | null> {
  if (proposal.toolName !== "write_range" || !proposal.input.formulas) return null;
  return Excel.run(async (context) => {
    const target = await resolveRange(context, proposal.input.address);
    const rows = Math.min(target.rect.rowCount, max);
    const head = target.sheet.getRangeByIndexes(target.rect.row, target.rect.column, rows, target.rect.columnCount);
    head.load("values, formulas");
    await context.sync();
    return appliedCells({ ...target.rect, rowCount: rows }, head.formulas as CellValue[][], head.values as CellValue[][], max);
  });
}
