// What happened to a proposal, as the client reports it back in the tool part's output when the
// user applies, rejects or undoes it (addToolOutput), and as it is stored on the answer so a
// reopened conversation shows the proposal decided instead of offering it again.
import type { UIMessage } from "ai";
import { z } from "zod";

export const editOutcomeSchema = z.object({
  status: z.enum(["applied", "rejected", "undone"]),
  address: z.string().max(300),
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
