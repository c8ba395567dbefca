"use client";

// The state of every edit card in the playground, by tool call id, and the Undo records of the
// applied ones. The proposals of one step of an answer form a change set
// (lib/workbook/apply-change-set.ts), applied, rejected and undone together; a lone proposal is a
// set of one. Undo goes newest set first: restoring an older edit's cells under a newer edit
// would silently throw the newer one away. What the check after applying found goes to the model
// with each proposal's outcome.
import { useCallback, useRef, useState } from "react";
import type { WorkBook } from "xlsx";
import { verificationOutcome, type WrittenCellError } from "@/lib/agent/verify-written";
import type { Proposal } from "@/lib/addin/edits/proposal";
import { applyChangeSetToWorkbook, undoChangeSetInWorkbook } from "@/lib/workbook/apply-change-set";
import type { WorkbookPreview } from "@/lib/workbook/preview-proposal";
import type { WorkbookUndo } from "@/lib/workbook/undo-record";
import type { EditOutcome } from "@/lib/ai/tools/edit-outcome";

export type EditStatus = "pending" | "applied" | "undone" | "rejected";

export interface EditState {
  status: EditStatus;
  error?: string;
  /** What the card showed when the user decided: the record of the change once it is made. */
  preview?: WorkbookPreview;
  /** Errors the written formulas would show in Excel (told to the model too). */
  errors?: WrittenCellError[];
}

export interface WorkbookSetMember {
  proposal: Proposal;
  preview: WorkbookPreview;
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
  const undoStack = useRef<{ ids: string[]; undos: WorkbookUndo[] }[]>([]);
  const reported = useRef(new Set<string>());
  const [stackTop, setStackTop] = useState<readonly string[]>([]);

  const set = useCallback((id: string, state: EditState) => setEdits((all) => ({ ...all, [id]: state })), []);
  const syncTop = useCallback(() => setStackTop(undoStack.current[undoStack.current.length - 1]?.ids ?? []), []);
  const report = useCallback(
    (proposal: Proposal, outcome: EditOutcome) => {
      const key = `${proposal.toolCallId}:${outcome.status}`;
      if (reported.current.has(key)) return;
      reported.current.add(key);
      onOutcome(proposal, outcome);
    },
    [onOutcome],
  );

  const applySet = useCallback(
    (members: readonly WorkbookSetMember[]) => {
      if (!workbook || members.length === 0) return;
      try {
        const applied = applyChangeSetToWorkbook(workbook, members.map((m) => m.proposal), activeSheet);
        undoStack.current.push({ ids: members.map((m) => m.proposal.toolCallId), undos: applied.map((change) => change.undo) });
        syncTop();
        for (const [i, change] of applied.entries()) set(change.proposal.toolCallId, { status: "applied", preview: members[i].preview, errors: change.verification?.errors });
        onChanged();
        for (const change of applied) {
          const verification = change.verification ? verificationOutcome(change.verification) : undefined;
          report(change.proposal, { status: "applied", address: change.undo.address, ...(verification ? { verification } : {}) });
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : "The change could not be applied.";
        for (const m of members) set(m.proposal.toolCallId, { status: "pending", error: message });
      }
    },
    [workbook, activeSheet, onChanged, report, set, syncTop],
  );

  const undoSet = useCallback(
    (proposals: readonly Proposal[]) => {
      if (!workbook) return;
      const top = undoStack.current[undoStack.current.length - 1];
      if (!top || !proposals.every((p) => top.ids.includes(p.toolCallId))) return;
      try {
        undoChangeSetInWorkbook(workbook, top.undos);
        undoStack.current.pop();
        syncTop();
        setEdits((all) => {
          const next = { ...all };
          for (const id of top.ids) next[id] = { status: "undone", preview: all[id]?.preview };
          return next;
        });
        onChanged();
        for (const [i, id] of top.ids.entries()) {
          const proposal = proposals.find((p) => p.toolCallId === id);
          if (proposal) report(proposal, { status: "undone", address: top.undos[i].address });
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : "The change could not be undone.";
        setEdits((all) => {
          const next = { ...all };
          for (const id of top.ids) next[id] = { ...all[id], status: "applied", error: message };
          return next;
        });
      }
    },
    [workbook, onChanged, report, syncTop],
  );

  const rejectSet = useCallback(
    (members: readonly WorkbookSetMember[]) => {
      for (const m of members) set(m.proposal.toolCallId, { status: "rejected", preview: m.preview });
      for (const m of members) report(m.proposal, { status: "rejected", address: m.preview.address });
    },
    [report, set],
  );

  const apply = useCallback((proposal: Proposal, preview: WorkbookPreview) => applySet([{ proposal, preview }]), [applySet]);
  const undo = useCallback((proposal: Proposal) => undoSet([proposal]), [undoSet]);
  const reject = useCallback((proposal: Proposal, preview: WorkbookPreview) => rejectSet([{ proposal, preview }]), [rejectSet]);

  const reset = useCallback(() => {
    undoStack.current = [];
    reported.current.clear();
    setStackTop([]);
    setEdits({});
  }, []);

  return {
    edits,
    apply,
    undo,
    reject,
    applySet,
    undoSet,
    rejectSet,
    reset,
    /** Whether this edit belongs to the newest applied set (only that one can be undone). */
    canUndo: (id: string) => stackTop.includes(id),
    appliedCount: undoStack.current.length,
  };
}
