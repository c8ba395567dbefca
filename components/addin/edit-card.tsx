"use client";

// One proposed change as a card: exactly what will change (range, before → after for the
// first cells, the formula text, the settings), what undo can restore, and Apply / Reject —
// then Undo once applied, and Apply again after an undo. Once the card has drawn (its preview
// read) its buttons are scrolled into view; after Apply or Undo, focus moves to the result, which
// for a formula write shows what each formula calculated. "Show in sheet" selects the range in
// Excel. Everything from the model is shown as text. In read-only mode the
// card still shows the change but Apply is off; outside Excel nothing can be applied.
import { useEffect, useRef, useState } from "react";
import { Ban, Check, LoaderCircle, LocateFixed, PencilLine, Redo2, RotateCcw, TriangleAlert, X } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ProposalDetails } from "@/components/chat/proposal-details";
import { WrittenCellErrors } from "@/components/chat/written-cell-errors";
import { describeProposal } from "@/lib/addin/edits/describe-proposal";
import { previewProposal, type ProposalPreview } from "@/lib/addin/edits/preview-proposal";
import { targetAddress, type Proposal, type ProposalPart } from "@/lib/addin/edits/proposal";
import { showInSheet } from "@/lib/addin/edits/show-in-sheet";
import type { WriteMode } from "@/lib/addin/write-mode";
import type { CardState } from "./use-edit-cards";

interface EditCardProps {
  part: ProposalPart;
  state: CardState | undefined;
  writeMode: WriteMode;
  inExcel: boolean;
  /** The answer is still streaming: wait for it before applying. */
  streaming: boolean;
  /** Auto write mode: apply once the current cells have been read for the card. */
  autoApply: boolean;
  onApply: (proposal: Proposal, automatic?: boolean) => void;
  onReject: (proposal: Proposal) => void;
  onUndo: (proposal: Proposal) => void;
  /**
   * Part of a change set of several (change-set-card.tsx): the set applies, rejects and undoes
   * its members together, so the card shows the change without buttons of its own.
   */
  member?: boolean;
  /** The card has read the current cells for its preview (or could not). */
  onDrawn?: () => void;
}

const STATUS_LABEL: Record<CardState["status"], string> = {
  pending: "Proposed",
  applying: "Applying…",
  applied: "Applied",
  undoing: "Undoing…",
  undone: "Undone",
  rejected: "Rejected",
};

function usePreview(proposal: Proposal | null, inExcel: boolean) {
  const [preview, setPreview] = useState<ProposalPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = proposal?.toolCallId;
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the tool call id; the proposal object is rebuilt on every render while streaming
  useEffect(() => {
    if (!proposal || !inExcel) return;
    let live = true;
    previewProposal(proposal).then(
      (result) => live && setPreview(result),
      (e: unknown) => live && setError(e instanceof Error ? e.message : "The current cells could not be read."),
    );
    return () => {
      live = false;
    };
  }, [id, inExcel]);
  return { preview, error };
}

export function EditCard({ part, state, writeMode, inExcel, streaming, autoApply, onApply, onReject, onUndo, member = false, onDrawn }: EditCardProps) {
  const proposal = part.status === "ready" ? part.proposal : null;
  // Decided in an earlier session (stored with the answer): shown as decided, never offered
  // again. This session's own state, when there is one, is newer.
  const earlier = !state && part.status === "ready" ? part.outcome : undefined;
  const { preview, error: previewError } = usePreview(earlier ? null : proposal, inExcel);
  const previewDone = Boolean(preview || previewError);
  const actions = useRef<HTMLDivElement>(null);
  const result = useRef<HTMLParagraphElement>(null);
  const [showError, setShowError] = useState<string | null>(null);
  const scrolled = useRef(false);
  const status = state?.status ?? earlier?.status ?? "pending";
  const ready = part.status === "ready";

  // The card grows when its preview arrives, after the conversation scrolled to its end: bring
  // its buttons into view once it has finished drawing (never for a reopened, decided card).
  const drawn = ready && !member && !streaming && !earlier && (previewDone || !inExcel);
  useEffect(() => {
    if (!drawn || scrolled.current || status !== "pending") return;
    scrolled.current = true;
    actions.current?.scrollIntoView({ block: "nearest" });
  }, [drawn, status]);

  // After the user's own Apply or Undo, focus goes to what happened (an automatic apply leaves focus alone).
  const settled = status === "applied" || status === "undone" ? status : null;
  const acted = useRef(false);
  useEffect(() => {
    if (!settled) return;
    if (acted.current && !state?.automatic) result.current?.focus();
    acted.current = false;
  }, [settled, state?.automatic]);

  // After the preview, so "before" shows the cells as they were. A card the user (or an earlier
  // attempt, or an earlier session) already acted on is left alone.
  useEffect(() => {
    if (autoApply && !member && proposal && !state && !earlier && previewDone && !streaming) onApply(proposal, true);
  }, [autoApply, member, proposal, state, earlier, previewDone, streaming, onApply]);

  const drawnReported = useRef(false);
  useEffect(() => {
    if ((previewDone || !inExcel || earlier) && !drawnReported.current) {
      drawnReported.current = true;
      onDrawn?.();
    }
  }, [previewDone, inExcel, earlier, onDrawn]);

  if (part.status === "streaming") {
    return (
      <div role="status" className="flex items-center gap-2 rounded-lg border border-dashed p-3 text-xs text-muted-foreground">
        <LoaderCircle aria-hidden="true" className="size-3.5 animate-spin" /> Preparing a proposed change…
      </div>
    );
  }
  if (part.status === "refused") {
    return (
      <div className="flex gap-2 rounded-lg border border-destructive/40 p-3 text-xs" data-testid="edit-card-refused">
        <Ban aria-hidden="true" className="mt-0.5 size-3.5 shrink-0 text-destructive" />
        <p className="min-w-0 break-words">{part.reason}</p>
      </div>
    );
  }

  const p = part.proposal;
  const description = describeProposal(p);
  const explanation = typeof p.input.explanation === "string" ? p.input.explanation : null;
  const readOnly = writeMode === "read_only";
  const canApply = (status === "pending" || status === "undone") && !earlier && inExcel && !readOnly && !streaming;
  const apply = () => {
    acted.current = true;
    onApply(p);
  };
  const undo = () => {
    acted.current = true;
    onUndo(p);
  };
  const show = () => {
    setShowError(null);
    showInSheet(p).catch((e: unknown) => setShowError(e instanceof Error ? e.message : "The range could not be selected."));
  };
  const address = preview?.address ?? targetAddress(p);

  return (
    <section aria-label={`Proposed change: ${description.title}`} className="flex flex-col gap-2 rounded-lg border bg-card p-3 text-xs" data-testid="edit-card">
      <header className="flex items-center gap-2">
        <PencilLine aria-hidden="true" className="size-3.5 shrink-0 text-primary" />
        <h3 className="min-w-0 flex-1 text-sm font-medium">{description.title}</h3>
        <Badge variant={status === "applied" ? "default" : "outline"} data-testid="edit-card-status">
          {STATUS_LABEL[status]}
          {state?.automatic && status === "applied" ? " automatically" : ""}
        </Badge>
      </header>
      {explanation ? <p className="text-muted-foreground break-words">{explanation}</p> : null}
      <ProposalDetails details={description.details} />

      {preview && preview.changes.length > 0 ? (
        <table className="w-full table-fixed border-collapse" data-testid="edit-card-changes">
          <thead>
            <tr className="text-left text-muted-foreground">
              <th className="w-16 py-0.5 font-normal">Cell</th>
              <th className="py-0.5 font-normal">Before</th>
              <th className="py-0.5 font-normal">After</th>
            </tr>
          </thead>
          <tbody>
            {preview.changes.map((change) => (
              <tr key={change.address} className="border-t align-top">
                <td className="py-0.5 pr-1 font-mono">{change.address}</td>
                <td className="py-0.5 pr-1 font-mono break-all text-muted-foreground">{change.before}</td>
                <td className="py-0.5 font-mono break-all">{change.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {preview && preview.more > 0 ? <p className="text-muted-foreground">…and {preview.more.toLocaleString("en-US")} more cells.</p> : null}
      {preview?.warnings.map((w) => (
        <p key={w} className="flex gap-1.5">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-3 shrink-0 text-warning" />
          {w}
        </p>
      ))}
      {preview?.undoNote ? (
        <p className="flex gap-1.5" data-testid="edit-card-undo-note">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-3 shrink-0 text-warning" />
          {preview.undoNote}
        </p>
      ) : null}
      {previewError ? <p className="text-destructive">{previewError}</p> : null}
      {state?.error ? (
        <p role="alert" className="text-destructive">
          {state.error}
        </p>
      ) : null}
      {settled && !earlier ? (
        <p ref={result} tabIndex={-1} className="rounded-sm font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring" data-testid="edit-card-result">
          {settled === "applied" ? `Applied to ${address}.` : `Undone: ${address} is back as it was.`}
        </p>
      ) : null}
      {state?.result && status === "applied" && state.result.length > 0 ? (
        <table className="w-full table-fixed border-collapse" data-testid="edit-card-values">
          <caption className="sr-only">What each formula calculated</caption>
          <thead>
            <tr className="text-left text-muted-foreground">
              <th className="w-16 py-0.5 font-normal">Cell</th>
              <th className="py-0.5 font-normal">Formula</th>
              <th className="py-0.5 font-normal">Value</th>
            </tr>
          </thead>
          <tbody>
            {state.result.map((cell) => (
              <tr key={cell.address} className="border-t align-top">
                <td className="py-0.5 pr-1 font-mono">{cell.address}</td>
                <td className="py-0.5 pr-1 font-mono break-all text-muted-foreground">{cell.formula}</td>
                <td className="py-0.5 font-mono break-all">{cell.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {state?.errors && status === "applied" ? (
        <WrittenCellErrors errors={state.errors}>
          <p className="flex gap-1.5 font-medium">
            <TriangleAlert aria-hidden="true" className="mt-0.5 size-3 shrink-0" />
            Excel shows errors in the written cells; the assistant was told so it can fix them.
          </p>
        </WrittenCellErrors>
      ) : null}
      {showError ? (
        <p role="alert" className="text-destructive">
          {showError}
        </p>
      ) : null}
      {state?.undo?.kind === "none" && status === "applied" ? <p className="text-muted-foreground">{state.undo.reason}</p> : null}
      {earlier ? (
        <p className="text-muted-foreground" data-testid="edit-card-earlier">
          Decided in an earlier session{earlier.status === "applied" ? ": it can only be undone in the session that applied it (or with Excel's own undo there)." : "."}
        </p>
      ) : null}

      <div ref={actions} className="flex flex-wrap items-center gap-2 pt-1">
        {member ? null : status === "pending" || status === "applying" ? (
          <>
            <Button type="button" size="sm" disabled={!canApply} onClick={apply}>
              {status === "applying" ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <Check aria-hidden="true" />}
              Apply
            </Button>
            <Button type="button" size="sm" variant="outline" disabled={status === "applying"} onClick={() => onReject(p)}>
              <X aria-hidden="true" /> Reject
            </Button>
          </>
        ) : null}
        {!member && (status === "applied" || status === "undoing") ? (
          <Button type="button" size="sm" variant="outline" disabled={status === "undoing" || state?.undo?.kind === "none" || !state?.undo} onClick={undo}>
            {status === "undoing" ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <RotateCcw aria-hidden="true" />}
            Undo
          </Button>
        ) : null}
        {!member && status === "undone" && !earlier ? (
          <Button type="button" size="sm" variant="outline" disabled={!canApply} onClick={apply}>
            <Redo2 aria-hidden="true" /> Apply again
          </Button>
        ) : null}
        {inExcel ? (
          <Button type="button" size="sm" variant="ghost" onClick={show} title={`Select ${address} in Excel`}>
            <LocateFixed aria-hidden="true" /> Show in sheet
          </Button>
        ) : null}
        {!member && status === "pending" && readOnly ? <span className="text-muted-foreground">Read-only mode: change the write mode to apply.</span> : null}
        {!member && status === "pending" && !inExcel ? <span className="text-muted-foreground">Open the add-in in Excel to apply.</span> : null}
      </div>
    </section>
  );
}
