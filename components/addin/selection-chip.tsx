"use client";

// The selection as a chip above the composer: where it is, how many cells, about how many
// tokens, and — expanded — exactly what will be sent: the text the model sees and the size of
// the JSON posted. A checkbox leaves the selection out of the next question.
import { ChevronDown, LoaderCircle, RefreshCw, TableProperties, TriangleAlert } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { estimateSentTokens } from "@/lib/addin/estimate-sent-tokens";
import type { SelectionPreview } from "@/lib/addin/selection-preview";
import type { WriteMode } from "@/lib/addin/write-mode";
import type { SelectionState } from "./use-selection-context";

/**
 * Tokens a question about this selection sends: the data block, the instructions and, unless
 * proposals are off, the tool definitions — what the provider will count, not just the cells.
 */
function useSentTokens(preview: SelectionPreview | null, writeMode: WriteMode): number | null {
  const [tokens, setTokens] = useState<number | null>(null);
  useEffect(() => {
    if (!preview) return;
    let current = true;
    void estimateSentTokens({ compact: preview.compact, analysis: preview.analysis, question: "", access: writeMode === "read_only" ? "read_only" : "offered" }).then(
      (estimate) => current && setTokens(estimate.total),
    );
    return () => {
      current = false;
    };
  }, [preview, writeMode]);
  return tokens;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

function bytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`;
}

export function SelectionChip({
  state,
  include,
  onIncludeChange,
  onRefresh,
  onCancel,
  writeMode,
}: {
  writeMode: WriteMode;
  state: SelectionState;
  include: boolean;
  onIncludeChange: (include: boolean) => void;
  onRefresh: () => void;
  onCancel: () => void;
}) {
  const current = state.status === "ready" ? state.preview : state.status === "reading" ? (state.previous?.preview ?? null) : null;
  const sentTokens = useSentTokens(current, writeMode);
  if (state.status === "idle") return null;
  if (state.status === "reading" && state.progress) {
    const { done, total } = state.progress;
    return (
      <div role="status" className="flex flex-col gap-1.5 rounded-md border bg-card px-2 py-1.5 text-xs" data-testid="selection-progress">
        <div className="flex items-center gap-2">
          <LoaderCircle aria-hidden="true" className="size-3.5 shrink-0 animate-spin text-primary" />
          <span className="min-w-0 flex-1">
            Analysing every cell: {count(done)} of {count(total)} read
          </span>
          <Button type="button" variant="ghost" size="sm" className="h-6 px-2" onClick={onCancel}>
            Cancel
          </Button>
        </div>
        <progress max={total} value={done} aria-label="Cells read" className="h-1.5 w-full accent-primary" />
      </div>
    );
  }
  if (state.status === "error") {
    return (
      <div role="status" className="flex items-center gap-2 rounded-md border border-warning/50 px-2 py-1.5 text-xs">
        <TriangleAlert aria-hidden="true" className="size-3.5 shrink-0 text-warning" />
        <span className="min-w-0 flex-1">{state.message}</span>
        <Button type="button" variant="ghost" size="sm" className="h-6 px-2" onClick={onRefresh}>
          Retry
        </Button>
      </div>
    );
  }
  const shown = state.status === "ready" ? state : state.previous;
  if (!shown) {
    return (
      <p role="status" className="flex items-center gap-2 text-xs text-muted-foreground">
        <LoaderCircle aria-hidden="true" className="size-3.5 animate-spin" /> Reading the selection…
      </p>
    );
  }
  const { summary } = shown.read;
  const { preview } = shown;
  return (
    <details className="group rounded-md border bg-card text-xs" data-testid="selection-chip">
      <summary className="flex cursor-pointer list-none items-center gap-2 px-2 py-1.5 [&::-webkit-details-marker]:hidden">
        <TableProperties aria-hidden="true" className="size-3.5 shrink-0 text-primary" />
        <span className="min-w-0 flex-1 truncate">
          <span className="font-medium" data-testid="selection-address">
            {summary.address}
          </span>
          <span className="text-muted-foreground">
            {" "}
            · {count(summary.cellCount)} {summary.cellCount === 1 ? "cell" : "cells"} · ~{count(sentTokens ?? preview.estimatedTokens)} tokens
          </span>
        </span>
        {state.status === "reading" ? <LoaderCircle aria-label="Updating" className="size-3.5 animate-spin text-muted-foreground" /> : null}
        <ChevronDown aria-hidden="true" className="size-3.5 shrink-0 transition-transform group-open:rotate-180" />
      </summary>
      <div className="flex flex-col gap-2 border-t px-2 py-2">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={include} onChange={(e) => onIncludeChange(e.target.checked)} className="accent-primary" />
          Send this selection with my question
        </label>
        {summary.sampled ? (
          <p className="text-muted-foreground" data-testid="selection-coverage">
            {summary.analysedWhole
              ? `Large selection: every one of the ${count(summary.cellCount)} cells was analysed here; the figures and a sample of ${count(summary.sentCells)} cells (rows spread over the range, with their sheet row numbers) are sent.`
              : `Large selection: only a sample of ${count(summary.sentCells)} of ${count(summary.cellCount)} cells is sent (the header and rows spread over the range); its figures are labelled as coming from the sample.`}
          </p>
        ) : null}
        <p className="text-muted-foreground">
          Workbook {summary.workbook}
          {summary.areaCount > 1 ? ` · ${summary.areaCount} areas` : ""} · {bytes(preview.payloadBytes)} posted
          {sentTokens !== null ? ` · about ${count(sentTokens)} tokens with the instructions${writeMode === "read_only" ? "" : " and tool definitions"}` : ""}. The model sees this summary
          {preview.truncated ? " (shortened to fit)" : ""}:
        </p>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: a scrolling region must take focus, and be a named region, for keyboard users to find and scroll it */}
        <pre tabIndex={0} role="region" aria-label="What the model sees" className="max-h-60 overflow-auto rounded bg-muted p-2 font-mono text-[11px] leading-snug whitespace-pre-wrap outline-none focus-visible:ring-[3px] focus-visible:ring-ring" data-testid="selection-preview">
          {preview.text}
        </pre>
        <Button type="button" variant="ghost" size="sm" className="h-6 self-start px-2" onClick={onRefresh}>
          <RefreshCw aria-hidden="true" /> Read again
        </Button>
      </div>
    </details>
  );
}
