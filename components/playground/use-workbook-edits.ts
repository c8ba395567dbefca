"use client";

// The state of every edit card in the playground, by tool call id, and the Undo records of the
// applied ones. Undo goes newest first: restoring an older edit's cells under a newer edit
// would silently throw the newer one away.
import { useCallback, useRef, useState } from "react";
import type { WorkBook } from "xlsx";
import type { Proposal } from "@/lib/addin/edits/proposal";
import { applyToWorkbook, undoInWorkbook } from "@/lib/workbook/apply-proposal";
import type { WorkbookPreview } from "@/lib/workbook/preview-proposal";
import type { WorkbookUndo } from "@/lib/workbook/undo-record";
import type { EditOutcome } from "@/lib/ai/tools/edit-outcome";

export type EditStatus = "pending" | "applied" | "undone" | "rejected";

export interface EditState {
  status: EditStatus;
  error?: string;
  /** What the card showed when the user decided: the record of the change once it is made. */
  preview?: WorkbookPreview;
}

export function useWorkbookEdits({
  workbook,
  activeSheet,
  onChanged,
  onOutcome,
}: {
  workbook: WorkBook | null;
  activeSheet: string;
  /** The workbook's cells changed: re-read and re-analyse. */
  onChanged: () => void;
  /** Tells the model (the tool's output) and the stored conversation what happened to its proposal: each decision once. */
  onOutcome: (proposal: Proposal, outcome: EditOutcome) => void;
}) {
  const [edits, setEdits] = useState<Record<string, EditState>>({});
  const undoStack = useRef<{ id: string; undo: WorkbookUndo }[]>([]);
  const reported = useRef(new Set<string>());
  const [stackTop, setStackTop] = useState<string | null>(null);

  const set = useCallback((id: string, state: EditState) => setEdits((all) => ({ ...all, [id]: state })), []);
  const syncTop = useCallback(() => setStackTop(undoStack.current[undoStack.current.length - 1]?.id ?? null), []);
  const report = useCallback(
    (proposal: Proposal, outcome: EditOutcome) => {
      const key = `${proposal.toolCallId}:${outcome.status}`;
      if (reported.current.has(key)) return;
      reported.current.add(key);
      onOutcome(proposal, outcome);
    },
    [onOutcome],
  );

  const apply = useCallback(
    (proposal: Proposal, preview: WorkbookPreview) => {
      if (!workbook) return;
      try {
        const undo = applyToWorkbook(workbook, proposal, activeSheet);
        undoStack.current.push({ id: proposal.toolCallId, undo });
        syncTop();
        set(proposal.toolCallId, { status: "applied", preview });
        onChanged();
        report(proposal, { status: "applied", address: undo.address });
      } catch (error) {
        set(proposal.toolCallId, { status: "pending", error: error instanceof Error ? error.message : "The change could not be applied." });
      }
    },
    [workbook, activeSheet, onChanged, report, set, syncTop],
  );

  const undo = useCallback(
    (proposal: Proposal) => {
      if (!workbook) return;
      const top = undoStack.current[undoStack.current.length - 1];
      if (!top || top.id !== proposal.toolCallId) return;
      try {
        undoInWorkbook(workbook, top.undo);
        undoStack.current.pop();
        syncTop();
        setEdits((all) => ({ ...all, [proposal.toolCallId]: { status: "undone", preview: all[proposal.toolCallId]?.preview } }));
        onChanged();
        report(proposal, { status: "undone", address: top.undo.address });
      } catch (error) {
        setEdits((all) => ({ ...all, [proposal.toolCallId]: { ...all[proposal.toolCallId], status: "applied", error: error instanceof Error ? error.message : "The change could not be undone." } }));
      }
    },
    [workbook, onChanged, report, syncTop],
  );

  const reject = useCallback(
    (proposal: Proposal, preview: WorkbookPreview) => {
      const address = preview.address;
      set(proposal.toolCallId, { status: "rejected", preview });
      report(proposal, { status: "rejected", address });
    },
    [report, set],
  );

  const reset = useCallback(() => {
    undoStack.current = [];
    reported.current.clear();
    setStackTop(null);
    setEdits({});
  }, []);

  return { edits, apply, undo, reject, reset, canUndo: (id: string) => stackTop === id, appliedCount: undoStack.current.length };
}
