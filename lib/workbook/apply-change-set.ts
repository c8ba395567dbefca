// A change set on the playground's copy of the workbook: every change one step of an answer
// proposes, applied as one step (all checked first; if one fails, the ones made are put back) and
// undone as one step, newest first. The browser cannot calculate formulas, so the check after
// applying looks for the errors a written formula carries on its face — a reference to a sheet the
// workbook does not have, a #REF! left in it, a name that does not exist — the errors Excel would
// show as #REF! and #NAME? (lib/agent/verify-written.ts).
import type { CellObject, WorkBook } from "xlsx";
import { evidentFormulaError, type Verification, type WrittenCellError } from "@/lib/agent/verify-written";
import { checkBeforeApplying, type Proposal } from "@/lib/addin/edits/proposal";
import { isExcelError, rangeAddress } from "@/lib/excel";
import { MAX_VERIFICATION_ERRORS } from "@/lib/ai/tools/edit-outcome";
import { applyToWorkbook, undoInWorkbook } from "./apply-proposal";
import { cellKey, type WorkbookUndo } from "./undo-record";

export interface WorkbookChange {
  proposal: Proposal;
  undo: WorkbookUndo;
  verification: Verification | null;
}

function verify(workbook: WorkBook, undo: WorkbookUndo): Verification {
  const sheet = workbook.Sheets[undo.sheetName];
  const known = { sheets: workbook.SheetNames, names: (workbook.Workbook?.Names ?? []).map((n) => n.Name) };
  const errors: WrittenCellError[] = [];
  let checked = 0;
  let more = 0;
  for (let r = 0; r < undo.rect.rowCount; r++) {
    for (let c = 0; c < undo.rect.columnCount; c++) {
      checked++;
      const cell = sheet?.[cellKey(undo.rect.row + r, undo.rect.column + c)] as CellObject | undefined;
      if (!cell) continue;
      const formula = cell.f ? `=${cell.f}` : undefined;
      const value = formula ? evidentFormulaError(formula, known) : cell.t === "e" || isExcelError(cell.v) ? String(cell.w ?? cell.v) : null;
      if (!value) continue;
      if (errors.length >= MAX_VERIFICATION_ERRORS) {
        more++;
        continue;
      }
      const row = undo.rect.row + r + 1;
      const column = undo.rect.column + c + 1;
      errors.push({ address: rangeAddress(row, column, row, column, undo.sheetName), value, ...(formula ? { formula } : {}) });
    }
  }
  return { checked, errors, moreErrors: more };
}

/** Puts back what the changes overwrote, newest first. */
export function undoChangeSetInWorkbook(workbook: WorkBook, undos: readonly WorkbookUndo[]): void {
  for (const undo of [...undos].reverse()) undoInWorkbook(workbook, undo);
}

export function applyChangeSetToWorkbook(workbook: WorkBook, proposals: readonly Proposal[], activeSheet: string): WorkbookChange[] {
  for (const proposal of proposals) checkBeforeApplying(proposal);
  const applied: WorkbookChange[] = [];
  for (const proposal of proposals) {
    try {
      applied.push({ proposal, undo: applyToWorkbook(workbook, proposal, activeSheet), verification: null });
    } catch (error) {
      undoChangeSetInWorkbook(workbook, applied.map((change) => change.undo));
      const reason = error instanceof Error ? error.message : "The change could not be applied.";
      throw new Error(applied.length > 0 ? `Not applied, nothing was changed (the changes made first were put back): ${reason}` : reason);
    }
  }
  for (const change of applied) {
    if (change.proposal.toolName === "write_range" || change.proposal.toolName === "sort_range") change.verification = verify(workbook, change.undo);
  }
  return applied;
}
