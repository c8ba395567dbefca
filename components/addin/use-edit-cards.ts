"use client";

// The state of every edit card in the pane — applied, undone, rejected… and the Undo record an
// applied edit keeps — keyed by message id + tool call id (a tool call id is only unique within
// its message). It lives above the message list so a card keeps its state while messages
// re-render during streaming.
import { useCallback, useEffect, useRef, useState } from "react";
import { applyProposal } from "@/lib/addin/edits/apply-proposal";
import { readAppliedValues, type AppliedCell } from "@/lib/addin/edits/applied-values";
import type { Proposal } from "@/lib/addin/edits/proposal";
import { undoProposal } from "@/lib/addin/edits/undo-proposal";
import type { UndoRecord } from "@/lib/addin/edits/undo-record";
import type { EditOutcome } from "@/lib/ai/tools/edit-outcome";

export type CardStatus = "pending" | "applying" | "applied" | "undoing" | "undone" | "rejected";

export interface CardState {
  status: CardStatus;
  undo?: UndoRecord;
  error?: string;
  automatic?: boolean;
  /** What an applied formula write calculated, shown beside the formulas. */
  result?: AppliedCell[] | null;
}

/** What the model is told happened to its proposal (the tool's output), and what is stored. */
export type { EditOutcome };

function message(error: unknown): string {
  return error instanceof Error ? error.message : "Excel refused the change.";
}

/** Where a card's state is kept. */
export function cardKey(messageId: string, toolCallId: string): string {
  return `${messageId}:${toolCallId}`;
}

/** The cells a proposal changes (the chart's source for add_chart). */
function addressOf(proposal: Proposal): string {
  return proposal.toolName === "add_chart" ? proposal.input.sourceAddress : proposal.input.address;
}

/** The message id back out of a card key. */
function messageIdOf(key: string, proposal: Proposal): string {
  return key.slice(0, key.length - proposal.toolCallId.length - 1);
}

export function useEditCards(onOutcome: (proposal: Proposal, outcome: EditOutcome, messageId: string) => void) {
  const [cardsState, setCards] = useState<Record<string, CardState>>({});
  const busy = useRef(new Set<string>());
  const outcome = useRef(onOutcome);
  const cards = useRef(cardsState);
  useEffect(() => {
    outcome.current = onOutcome;
    cards.current = cardsState;
  }, [onOutcome, cardsState]);

  const update = useCallback((id: string, state: CardState) => setCards((all) => ({ ...all, [id]: state })), []);

  const apply = useCallback(async (id: string, proposal: Proposal, automatic = false) => {
    if (busy.current.has(id)) return;
    busy.current.add(id);
    update(id, { status: "applying", automatic });
    try {
      const undo = await applyProposal(proposal);
      // The change is made: a failed read-back only leaves the values unshown.
      const result = await readAppliedValues(proposal).catch(() => null);
      update(id, { status: "applied", undo, automatic, result });
      outcome.current(proposal, { status: "applied", address: addressOf(proposal) }, messageIdOf(id, proposal));
    } catch (error) {
      update(id, { status: "pending", error: message(error) });
    } finally {
      busy.current.delete(id);
    }
  }, [update]);

  const undo = useCallback(async (id: string, proposal: Proposal, record: UndoRecord) => {
    if (busy.current.has(id)) return;
    busy.current.add(id);
    update(id, { status: "undoing", undo: record, result: cards.current[id]?.result });
    try {
      await undoProposal(record);
      update(id, { status: "undone" });
      outcome.current(proposal, { status: "undone", address: addressOf(proposal) }, messageIdOf(id, proposal));
    } catch (error) {
      update(id, { status: "applied", undo: record, result: cards.current[id]?.result, error: message(error) });
    } finally {
      busy.current.delete(id);
    }
  }, [update]);

  const reject = useCallback((id: string, proposal: Proposal) => {
    update(id, { status: "rejected" });
    outcome.current(proposal, { status: "rejected", address: addressOf(proposal) }, messageIdOf(id, proposal));
  }, [update]);

  const reset = useCallback(() => setCards({}), []);

  return { cards: cardsState, apply, undo, reject, reset };
}
