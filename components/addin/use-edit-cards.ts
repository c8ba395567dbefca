"use client";

// The state of every edit card in the pane — applied, undone, rejected… and the Undo record an
// applied edit keeps — keyed by message id + tool call id (a tool call id is only unique within
// its message). It lives above the message list so a card keeps its state while messages
// re-render during streaming.
//
// The proposals of one step of an answer form a change set (lib/addin/edits/apply-change-set.ts):
// applied together, undone together, rejected together. A lone proposal is a set of one. What
// reading the written cells back found goes to the model with each proposal's outcome.
import { useCallback, useEffect, useRef, useState } from "react";
import { verificationOutcome, type WrittenCellError } from "@/lib/agent/verify-written";
import { applyChangeSet, undoChangeSet } from "@/lib/addin/edits/apply-change-set";
import { readAppliedValues, type AppliedCell } from "@/lib/addin/edits/applied-values";
import type { Proposal } from "@/lib/addin/edits/proposal";
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
  /** Error values Excel calculated in the written cells (reported to the model too). */
  errors?: WrittenCellError[];
}

/** One card of a change set: where its state is kept, and its proposal. */
export interface SetMember {
  key: string;
  proposal: Proposal;
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

  const lock = useCallback((members: readonly SetMember[]) => {
    if (members.some((m) => busy.current.has(m.key))) return false;
    for (const m of members) busy.current.add(m.key);
    return true;
  }, []);
  const unlock = useCallback((members: readonly SetMember[]) => {
    for (const m of members) busy.current.delete(m.key);
  }, []);

  const applySet = useCallback(async (members: readonly SetMember[], automatic = false) => {
    if (members.length === 0 || !lock(members)) return;
    for (const m of members) update(m.key, { status: "applying", automatic });
    try {
      const applied = await applyChangeSet(members.map((m) => m.proposal));
      for (const [i, change] of applied.entries()) {
        const m = members[i];
        // The change is made: a failed read-back only leaves the values unshown.
        const result = await readAppliedValues(m.proposal).catch(() => null);
        update(m.key, { status: "applied", undo: change.undo, automatic, result, errors: change.verification?.errors });
      }
      // Outcomes go out once every card shows its state: the last one may continue the answer.
      for (const [i, change] of applied.entries()) {
        const m = members[i];
        const verification = change.verification ? verificationOutcome(change.verification) : undefined;
        outcome.current(m.proposal, { status: "applied", address: addressOf(m.proposal), ...(verification ? { verification } : {}) }, messageIdOf(m.key, m.proposal));
      }
    } catch (error) {
      for (const m of members) update(m.key, { status: "pending", error: message(error) });
    } finally {
      unlock(members);
    }
  }, [update, lock, unlock]);

  const undoSet = useCallback(async (members: readonly SetMember[]) => {
    const records = members.map((m) => cards.current[m.key]?.undo);
    if (members.length === 0 || records.some((r) => !r) || !lock(members)) return;
    const before = members.map((m) => cards.current[m.key]);
    for (const [i, m] of members.entries()) update(m.key, { ...before[i], status: "undoing" });
    try {
      await undoChangeSet(records.map((undo) => ({ undo: undo as UndoRecord })));
      for (const m of members) update(m.key, { status: "undone" });
      for (const m of members) outcome.current(m.proposal, { status: "undone", address: addressOf(m.proposal) }, messageIdOf(m.key, m.proposal));
    } catch (error) {
      for (const [i, m] of members.entries()) update(m.key, { ...before[i], status: "applied", error: message(error) });
    } finally {
      unlock(members);
    }
  }, [update, lock, unlock]);

  const rejectSet = useCallback((members: readonly SetMember[]) => {
    for (const m of members) update(m.key, { status: "rejected" });
    for (const m of members) outcome.current(m.proposal, { status: "rejected", address: addressOf(m.proposal) }, messageIdOf(m.key, m.proposal));
  }, [update]);

  const apply = useCallback((id: string, proposal: Proposal, automatic = false) => applySet([{ key: id, proposal }], automatic), [applySet]);
  const undo = useCallback((id: string, proposal: Proposal) => undoSet([{ key: id, proposal }]), [undoSet]);
  const reject = useCallback((id: string, proposal: Proposal) => rejectSet([{ key: id, proposal }]), [rejectSet]);

  const reset = useCallback(() => setCards({}), []);

  return { cards: cardsState, apply, undo, reject, applySet, undoSet, rejectSet, reset };
}
