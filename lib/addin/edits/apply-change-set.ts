// A change set: every change one step of an answer proposes, applied in the workbook as one step
// and undone as one step, also when it spans sheets. Every proposal is checked before anything is
// written (checkBeforeApplying); if one fails half-way, the ones already made are undone, so the
// workbook is either fully changed or as it was. Afterwards the written ranges are read back and
// every error Excel calculated there (#REF!, #VALUE!, #NAME?, #SPILL!…) is reported, per proposal,
// for the model's next step (lib/agent/verify-written.ts).
import { verifyWritten, type ReadBack, type Verification } from "@/lib/agent/verify-written";
import type { CellValue } from "@/lib/excel";
import { rowBands } from "@/lib/addin/rect";
import { applyProposal } from "./apply-proposal";
import { checkBeforeApplying, type Proposal } from "./proposal";
import { resolveRange } from "./resolve-range";
import { undoProposal } from "./undo-proposal";
import type { UndoRecord } from "./undo-record";

export interface AppliedChange {
  proposal: Proposal;
  undo: UndoRecord;
  /** What reading the written range back found (only for changes that write cells). */
  verification: Verification | null;
}

/** Largest range read back in full; the proposal tools cap a write at 10,000 cells. */
const READ_BACK_CELLS = 10_000;
const BAND_CELLS = 5_000;

function message(error: unknown): string {
  return error instanceof Error && error.message ? error.message : "Excel refused the change.";
}

/** The written range's values and formulas as Excel now calculates them. */
async function readBack(proposal: Proposal): Promise<ReadBack | null> {
  if (proposal.toolName !== "write_range" && proposal.toolName !== "sort_range") return null;
  return Excel.run(async (context) => {
    const target = await resolveRange(context, proposal.input.address);
    if (target.rect.rowCount * target.rect.columnCount > READ_BACK_CELLS) return null;
    const values: CellValue[][] = [];
    const formulas: CellValue[][] = [];
    for (const band of rowBands(target.rect, BAND_CELLS)) {
      const range = target.sheet.getRangeByIndexes(band.row, band.column, band.rowCount, band.columnCount);
      range.load("values, formulas");
      await context.sync();
      values.push(...(range.values as CellValue[][]));
      formulas.push(...(range.formulas as CellValue[][]));
    }
    return { address: target.address, values, formulas };
  });
}

/** Undoes applied changes newest first; throws after trying all when one cannot be undone. */
export async function undoChangeSet(applied: readonly { undo: UndoRecord }[]): Promise<void> {
  const failures: string[] = [];
  for (const change of [...applied].reverse()) {
    try {
      await undoProposal(change.undo);
    } catch (error) {
      failures.push(message(error));
    }
  }
  if (failures.length > 0) throw new Error(`Undo did not restore everything: ${failures.join("; ")}`);
}

export async function applyChangeSet(proposals: readonly Proposal[]): Promise<AppliedChange[]> {
  // Every change is checked before the first is written.
  for (const proposal of proposals) checkBeforeApplying(proposal);
  const applied: AppliedChange[] = [];
  for (const proposal of proposals) {
    try {
      applied.push({ proposal, undo: await applyProposal(proposal), verification: null });
    } catch (error) {
      const reason = message(error);
      try {
        await undoChangeSet(applied);
      } catch (undoError) {
        throw new Error(`Not applied: ${reason} Putting back the changes already made also failed: ${message(undoError)}`);
      }
      const putBack = applied.length === 1 ? "the change made first was undone" : `the ${applied.length} changes made first were undone`;
      throw new Error(applied.length > 0 ? `Not applied, nothing was changed (${putBack}): ${reason}` : reason);
    }
  }
  // The changes are made: a failed read-back only leaves them unchecked.
  for (const change of applied) {
    const read = await readBack(change.proposal).catch(() => null);
    change.verification = read ? verifyWritten([read]) : null;
  }
  return applied;
}
