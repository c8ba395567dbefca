"use client";

// The changes one step of an answer proposes, as one change set: grouped by sheet, each change
// previewed cell by cell (its EditCard, without buttons of its own), and one Apply all / Reject
// all, then one Undo all — across sheets too. In `auto` write mode the set applies by itself once
// every card has read the cells it will change; in `ask` mode it waits for the user; in read-only
// mode nothing can be applied.
import { useCallback, useEffect, useState } from "react";
import { Check, Layers, LoaderCircle, RotateCcw, TriangleAlert, X } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { sheetsTouched } from "@/lib/agent/change-set";
import { targetAddress, type ProposalPart } from "@/lib/addin/edits/proposal";
import type { WriteMode } from "@/lib/addin/write-mode";
import { EditCard } from "./edit-card";
import type { CardState, SetMember } from "./use-edit-cards";

export interface ChangeSetActions {
  onApplySet: (members: SetMember[], automatic?: boolean) => void;
  onRejectSet: (members: SetMember[]) => void;
  onUndoSet: (members: SetMember[]) => void;
}

interface ChangeSetCardProps extends ChangeSetActions {
  parts: { key: string; part: ProposalPart }[];
  cards: Record<string, CardState>;
  writeMode: WriteMode;
  inExcel: boolean;
  streaming: boolean;
  autoApply: boolean;
}

export function ChangeSetCard({ parts, cards, writeMode, inExcel, streaming, autoApply, onApplySet, onRejectSet, onUndoSet }: ChangeSetCardProps) {
  const members: SetMember[] = parts.flatMap(({ key, part }) => (part.status === "ready" ? [{ key, proposal: part.proposal }] : []));
  const states = members.map((m) => cards[m.key]);
  const earlier = parts.every(({ part }) => part.status !== "ready" || Boolean(part.outcome)) && states.every((s) => !s);
  const status = (() => {
    if (states.some((s) => s?.status === "applying")) return "applying";
    if (states.some((s) => s?.status === "undoing")) return "undoing";
    if (members.length > 0 && states.every((s) => s?.status === "applied")) return "applied";
    if (members.length > 0 && states.every((s) => s?.status === "undone")) return "undone";
    if (members.length > 0 && states.every((s) => s?.status === "rejected")) return "rejected";
    return "pending";
  })();
  const [drawn, setDrawn] = useState<ReadonlySet<string>>(() => new Set());
  const markDrawn = useCallback((key: string) => setDrawn((all) => (all.has(key) ? all : new Set(all).add(key))), []);
  const allDrawn = members.every((m) => drawn.has(m.key));
  const refused = parts.length - members.length;
  const readOnly = writeMode === "read_only";
  const canApply = (status === "pending" || status === "undone") && !earlier && inExcel && !readOnly && !streaming && members.length > 0;
  const canUndo = status === "applied" && states.every((s) => s?.undo && s.undo.kind !== "none");
  const errors = states.reduce((n, s) => n + (s?.errors?.length ?? 0), 0);
  const error = states.find((s) => s?.error)?.error;
  const sheets = sheetsTouched(members.map((m) => targetAddress(m.proposal)), null);

  useEffect(() => {
    if (autoApply && !earlier && allDrawn && !streaming && members.length > 0 && states.every((s) => !s)) onApplySet(members, true);
  });

  // Grouped by sheet, in the order the sheets first appear.
  const sheetOf = (part: ProposalPart) => (part.status === "ready" ? sheetsTouched([targetAddress(part.proposal)], null)[0] : "Not offered");
  const bySheet = [...sheets, ...(refused > 0 ? ["Not offered"] : [])].map((sheet) => ({ sheet, items: parts.filter(({ part }) => sheetOf(part) === sheet) }));

  return (
    <section aria-label={`Change set: ${parts.length} changes`} className="flex flex-col gap-2 rounded-lg border-2 border-primary/30 p-2 text-xs" data-testid="change-set">
      <header className="flex items-center gap-2">
        <Layers aria-hidden="true" className="size-3.5 shrink-0 text-primary" />
        <h3 className="min-w-0 flex-1 text-sm font-medium">
          {parts.length} changes on {sheets.length === 1 ? sheets[0] : `${sheets.length} sheets (${sheets.join(", ")})`}
        </h3>
        <Badge variant={status === "applied" ? "default" : "outline"} data-testid="change-set-status">
          {status === "pending" ? "Proposed" : status === "applying" ? "Applying…" : status === "undoing" ? "Undoing…" : status[0].toUpperCase() + status.slice(1)}
          {status === "applied" && states[0]?.automatic ? " automatically" : ""}
        </Badge>
      </header>
      <p className="text-muted-foreground">Applied together and undone together{refused > 0 ? `; ${refused} refused change${refused === 1 ? " is" : "s are"} left out` : ""}.</p>
      {bySheet.map(({ sheet, items }) => (
        <div key={sheet} className="flex flex-col gap-2">
          <h4 className="font-medium text-muted-foreground" data-testid="change-set-sheet">
            {sheet}
          </h4>
          {items.map(({ key, part }) => (
            <EditCard
              key={key}
              part={part}
              state={cards[key]}
              writeMode={writeMode}
              inExcel={inExcel}
              streaming={streaming}
              autoApply={false}
              member
              onDrawn={() => markDrawn(key)}
              onApply={() => undefined}
              onReject={() => undefined}
              onUndo={() => undefined}
            />
          ))}
        </div>
      ))}
      {error ? (
        <p role="alert" className="text-destructive">
          {error}
        </p>
      ) : null}
      {errors > 0 && status === "applied" ? (
        <p className="flex gap-1.5 text-destructive" data-testid="change-set-errors">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-3 shrink-0" />
          {errors} written {errors === 1 ? "cell shows an error" : "cells show errors"}; the assistant was told.
        </p>
      ) : null}
      {earlier ? null : (
        <div className="flex flex-wrap items-center gap-2 pt-1">
          {status === "pending" || status === "applying" ? (
            <>
              <Button type="button" size="sm" disabled={!canApply} onClick={() => onApplySet(members)}>
                {status === "applying" ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <Check aria-hidden="true" />}
                Apply all
              </Button>
              <Button type="button" size="sm" variant="outline" disabled={status === "applying" || members.length === 0} onClick={() => onRejectSet(members)}>
                <X aria-hidden="true" /> Reject all
              </Button>
            </>
          ) : null}
          {status === "applied" || status === "undoing" ? (
            <Button type="button" size="sm" variant="outline" disabled={!canUndo} onClick={() => onUndoSet(members)}>
              {status === "undoing" ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <RotateCcw aria-hidden="true" />}
              Undo all
            </Button>
          ) : null}
          {status === "undone" ? (
            <Button type="button" size="sm" variant="outline" disabled={!canApply} onClick={() => onApplySet(members)}>
              <Check aria-hidden="true" /> Apply all again
            </Button>
          ) : null}
          {status === "pending" && readOnly ? <span className="text-muted-foreground">Read-only mode: change the write mode to apply.</span> : null}
        </div>
      )}
    </section>
  );
}
