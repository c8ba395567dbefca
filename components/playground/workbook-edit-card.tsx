"use client";

// A proposed edit, shown as exactly what it would change in the browser copy: each cell's
// current and new content, before anything happens. Apply writes it (keeping what it
// overwrote), Undo puts that back, Reject declines. Changes the browser copy cannot hold are
// shown too, with the reason, and can only be rejected.
import { useMemo } from "react";
import type { WorkBook } from "xlsx";
import { Check, Undo2, X } from "lucide-react";
import { describeProposal } from "@/lib/addin/edits/describe-proposal";
import type { Proposal } from "@/lib/addin/edits/proposal";
import { previewProposal, type WorkbookPreview } from "@/lib/workbook/preview-proposal";
import { ProposalDetails } from "@/components/chat/proposal-details";
import { WrittenCellErrors } from "@/components/chat/written-cell-errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { EditState } from "./use-workbook-edits";

const STATUS_TEXT = { applied: "Applied", undone: "Undone", rejected: "Rejected" } as const;

export function WorkbookEditCard({
  proposal,
  workbook,
  activeSheet,
  state,
  canUndo,
  version,
  onApply,
  onUndo,
  onReject,
  member = false,
}: {
  proposal: Proposal;
  workbook: WorkBook;
  activeSheet: string;
  state: EditState | undefined;
  canUndo: boolean;
  /** Bumps when the workbook changes, so a pending preview shows the current cells. */
  version: number;
  onApply: (preview: WorkbookPreview) => void;
  onUndo: () => void;
  onReject: (preview: WorkbookPreview) => void;
  /** Part of a change set of several: the set's buttons act for it (workbook-change-set.tsx). */
  member?: boolean;
}) {
  const status = state?.status ?? "pending";
  const { title, details } = describeProposal(proposal);
  // Live while the decision is open (it follows other edits through `version`); once decided,
  // the card keeps what it showed at that moment.
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the workbook's cells, which change in place when an edit is applied
  const live = useMemo(
    () => (status === "pending" || !state?.preview ? previewProposal(workbook, proposal, activeSheet) : null),
    [workbook, proposal, activeSheet, status, version, state?.preview],
  );
  const preview = live ?? (state?.preview as WorkbookPreview);
  const headingId = `edit-${proposal.toolCallId}`;
  const support = preview.support;

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3 rounded-xl border bg-background p-3 text-sm" data-testid="edit-card">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 id={headingId} className="font-semibold">
          Proposed change: {title}
        </h4>
        {status !== "pending" ? <Badge variant={status === "applied" ? "default" : "outline"}>{STATUS_TEXT[status]}</Badge> : null}
      </div>
      <p className="text-muted-foreground">{proposal.input.explanation}</p>
      <ProposalDetails details={details} className="text-xs" />

      {preview.error ? <p className="text-xs text-destructive">{preview.error}</p> : null}
      {preview.changes.length > 0 ? (
        <div className="overflow-x-auto rounded-lg border">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">Cells this change {status === "applied" ? "changed" : "would change"}</caption>
            <thead className="bg-muted/50 text-muted-foreground">
              <tr>
                <th scope="col" className="px-2 py-1 font-medium">
                  Cell
                </th>
                <th scope="col" className="px-2 py-1 font-medium">
                  Now
                </th>
                <th scope="col" className="px-2 py-1 font-medium">
                  After
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.changes.map((change) => (
                <tr key={change.address} className="border-t">
                  <th scope="row" className="px-2 py-1 font-mono font-normal">
                    {change.address}
                  </th>
                  <td className="px-2 py-1 font-mono break-all text-muted-foreground">{change.before}</td>
                  <td className="px-2 py-1 font-mono break-all">{change.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.more > 0 ? <p className="border-t px-2 py-1 text-xs text-muted-foreground">…and {preview.more.toLocaleString("en-US")} more cells.</p> : null}
        </div>
      ) : support.applicable && !preview.error && status === "pending" ? (
        <p className="text-xs text-muted-foreground">This change leaves every cell as it is.</p>
      ) : null}

      {support.applicable ? (support.note ? <p className="text-xs text-muted-foreground">{support.note}</p> : null) : <p className="text-xs text-warning">{support.reason}</p>}
      {state?.error ? (
        <p role="alert" className="text-xs text-destructive">
          {state.error}
        </p>
      ) : null}

      {state?.errors && status === "applied" ? (
        <WrittenCellErrors errors={state.errors} className="text-xs">
          <p className="font-medium">Excel would show errors in the written cells; the assistant was told so it can fix them.</p>
        </WrittenCellErrors>
      ) : null}

      <div className="flex flex-wrap gap-2">
        {member ? null : status === "pending" ? (
          <>
            {support.applicable ? (
              <Button size="sm" onClick={() => onApply(preview)} disabled={Boolean(preview.error)}>
                <Check aria-hidden="true" />
                Apply
              </Button>
            ) : null}
            <Button size="sm" variant="outline" onClick={() => onReject(preview)}>
              <X aria-hidden="true" />
              Reject
            </Button>
          </>
        ) : status === "applied" ? (
          <>
            <Button size="sm" variant="outline" onClick={onUndo} disabled={!canUndo} aria-describedby={canUndo ? undefined : `${headingId}-undo-note`}>
              <Undo2 aria-hidden="true" />
              Undo
            </Button>
            {canUndo ? null : (
              <span id={`${headingId}-undo-note`} className="self-center text-xs text-muted-foreground">
                Undo the later change first.
              </span>
            )}
          </>
        ) : null}
      </div>
    </section>
  );
}
