"use client";

// The changes one step of an answer proposes for the browser copy, as one change set: grouped by
// sheet, each change previewed cell by cell (its card, without buttons of its own), then one Apply
// all / Reject all, and one Undo all once applied — across sheets too. A change the copy cannot
// hold (a chart, a table) says why on its card and is left out: Apply all applies the others and
// tells the model that one was not applied.
import type { WorkBook } from "xlsx";
import { Check, Layers, Undo2, X } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { sheetsTouched } from "@/lib/agent/change-set";
import { targetAddress, type Proposal } from "@/lib/addin/edits/proposal";
import { previewProposal } from "@/lib/workbook/preview-proposal";
import type { useWorkbookEdits } from "./use-workbook-edits";
import { WorkbookEditCard } from "./workbook-edit-card";

type Edits = ReturnType<typeof useWorkbookEdits>;

export function WorkbookChangeSet({ proposals, workbook, activeSheet, version, edits }: { proposals: Proposal[]; workbook: WorkBook; activeSheet: string; version: number; edits: Edits }) {
  // Previews of the cells as they are now, kept with the decision (what the cards showed).
  const members = () => proposals.map((proposal) => ({ proposal, preview: previewProposal(workbook, proposal, activeSheet) }));
  const current = members();
  const leftOut = current.filter((m) => !m.preview.support.applicable);
  const held = proposals.filter((p) => !leftOut.some((m) => m.proposal.toolCallId === p.toolCallId));
  // The set's status is that of the changes it can apply (all of them when it can apply none).
  const states = (held.length > 0 ? held : proposals).map((p) => edits.edits[p.toolCallId]);
  const status = states.every((s) => s?.status === "applied")
    ? "applied"
    : states.every((s) => s?.status === "undone")
      ? "undone"
      : states.every((s) => s?.status === "rejected")
        ? "rejected"
        : "pending";
  const sheetOf = (p: Proposal) => sheetsTouched([targetAddress(p)], activeSheet)[0];
  const sheets = sheetsTouched(proposals.map(targetAddress), activeSheet);
  const applicable = held.length > 0 && current.every((m) => !m.preview.error || leftOut.includes(m));
  const canUndo = held.length > 0 && held.every((p) => edits.canUndo(p.toolCallId));
  const applyAll = () => {
    const now = members();
    edits.applySet(now.filter((m) => m.preview.support.applicable));
    edits.rejectSet(now.filter((m) => !m.preview.support.applicable));
  };
  const error = states.find((s) => s?.error)?.error;
  const errors = held.map((p) => edits.edits[p.toolCallId]).reduce((n, s) => n + (s?.errors?.length ?? 0), 0);

  return (
    <section aria-label={`Change set: ${proposals.length} changes`} className="flex flex-col gap-3 rounded-xl border-2 border-primary/30 p-3 text-sm" data-testid="change-set">
      <div className="flex flex-wrap items-center gap-2">
        <Layers aria-hidden="true" className="size-4 text-primary" />
        <h4 className="flex-1 font-semibold">
          {proposals.length} changes on {sheets.length === 1 ? sheets[0] : `${sheets.length} sheets (${sheets.join(", ")})`}
        </h4>
        <Badge variant={status === "applied" ? "default" : "outline"} data-testid="change-set-status">
          {status === "pending" ? "Proposed" : status[0].toUpperCase() + status.slice(1)}
        </Badge>
      </div>
      <p className="text-xs text-muted-foreground">
        Applied together and undone together.
        {leftOut.length > 0 ? ` ${leftOut.length === 1 ? "One change" : `${leftOut.length} changes`} the browser copy cannot hold ${leftOut.length === 1 ? "is" : "are"} left out.` : ""}
      </p>
      {sheets.map((sheet) => (
        <div key={sheet} className="flex flex-col gap-2">
          <h5 className="text-xs font-medium text-muted-foreground" data-testid="change-set-sheet">
            {sheet}
          </h5>
          {proposals
            .filter((p) => sheetOf(p) === sheet)
            .map((proposal) => (
              <WorkbookEditCard
                key={proposal.toolCallId}
                proposal={proposal}
                workbook={workbook}
                activeSheet={activeSheet}
                version={version}
                state={edits.edits[proposal.toolCallId]}
                canUndo={canUndo}
                member
                onApply={() => undefined}
                onUndo={() => undefined}
                onReject={() => undefined}
              />
            ))}
        </div>
      ))}
      {error ? (
        <p role="alert" className="text-xs text-destructive">
          {error}
        </p>
      ) : null}
      {errors > 0 && status === "applied" ? (
        <p className="text-xs text-destructive" data-testid="change-set-errors">
          {errors} written {errors === 1 ? "cell would show an error" : "cells would show errors"} in Excel; the assistant was told.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {status === "pending" ? (
          <>
            <Button size="sm" onClick={applyAll} disabled={!applicable}>
              <Check aria-hidden="true" />
              Apply all
            </Button>
            <Button size="sm" variant="outline" onClick={() => edits.rejectSet(members())}>
              <X aria-hidden="true" />
              Reject all
            </Button>
          </>
        ) : status === "applied" ? (
          <>
            <Button size="sm" variant="outline" onClick={() => edits.undoSet(held)} disabled={!canUndo}>
              <Undo2 aria-hidden="true" />
              Undo all
            </Button>
            {canUndo ? null : <span className="self-center text-xs text-muted-foreground">Undo the later change first.</span>}
          </>
        ) : null}
      </div>
    </section>
  );
}
