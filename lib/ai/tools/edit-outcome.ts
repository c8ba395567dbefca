// What happened to a proposal, as the client reports it back in the tool part's output when the
// user applies, rejects or undoes it (addToolOutput), and as it is stored on the answer so a
// reopened conversation shows the proposal decided instead of offering it again.
import type { UIMessage } from "ai";
import { z } from "zod";

/** Error values a client may find when it reads back what it wrote. */
export const VERIFICATION_ERRORS = ["#REF!", "#VALUE!", "#NAME?", "#SPILL!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "#CALC!"] as const;

/** Most error cells one outcome reports; the count says how many there were in all. */
export const MAX_VERIFICATION_ERRORS = 50;

/**
 * What the client read back after applying a proposal: every error cell it found in the written
 * range (and the cells whose formulas depend on it, when it looked there), e.g. a #REF! or a
 * blocked spill (#SPILL!). Sent to the model in the next step so it can fix them.
 */
export const verificationSchema = z.object({
  errors: z
    .array(z.object({ address: z.string().min(1).max(300), error: z.enum(VERIFICATION_ERRORS) }))
    .max(MAX_VERIFICATION_ERRORS),
  /** Error cells found in all, when more than `errors` lists. */
  errorCount: z.number().int().min(0).optional(),
});

export const editOutcomeSchema = z.object({
  status: z.enum(["applied", "rejected", "undone"]),
  address: z.string().max(300),
  /** Set with `applied` once the client has read the range back. */
  verification: verificationSchema.optional(),
});

export type EditOutcome = z.infer<typeof editOutcomeSchema>;

/** The outcome a tool part carries, or null (no output yet, a server refusal, or another shape). */
export function outcomeOf(part: { type: string; state?: unknown; output?: unknown }): EditOutcome | null {
  if (!part.type.startsWith("tool-") || part.state !== "output-available") return null;
  const parsed = editOutcomeSchema.safeParse(part.output);
  return parsed.success ? parsed.data : null;
}

export interface ReportedOutcome {
  messageId: string;
  toolCallId: string;
  outcome: EditOutcome;
}

/** Most outcomes one turn records: a conversation's recent answers, not its whole history. */
const MAX_REPORTED = 50;

/**
 * The outcomes a client's messages report for proposals in earlier answers: one per (message,
 * tool call), the last reported wins, at most the newest MAX_REPORTED.
 */
export function reportedOutcomes(messages: readonly UIMessage[]): ReportedOutcome[] {
  const found: ReportedOutcome[] = [];
  for (const message of messages) {
    if (message.role !== "assistant") continue;
    for (const part of message.parts) {
      const outcome = outcomeOf(part as { type: string; state?: unknown; output?: unknown });
      const toolCallId = (part as { toolCallId?: unknown }).toolCallId;
      if (outcome && typeof toolCallId === "string" && toolCallId.length <= 200) found.push({ messageId: message.id, toolCallId, outcome });
    }
  }
  return latestPerProposal(found).slice(-MAX_REPORTED);
}

/** One outcome per (message, tool call): the last one reported, in the order last reported. */
export function latestPerProposal<T extends { messageId: string; toolCallId: string }>(outcomes: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const outcome of outcomes) {
    const key = JSON.stringify([outcome.messageId, outcome.toolCallId]);
    latest.delete(key);
    latest.set(key, outcome);
  }
  return [...latest.values()];
}
