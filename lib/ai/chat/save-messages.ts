// Storing both sides of an exchange. The user's message is stored before the model is called
// (it is the user's data whatever happens next); the answer when it ends — completed, cut off
// mid-stream, or abandoned by the client — with its status, so nothing is silently lost.
// Guests are never stored. Storage failures after the answer was streamed are logged, not
// thrown: the user already has the answer.
import { randomUUID } from "node:crypto";
import type { UIMessage } from "ai";
import type { CompactContextSummary } from "@/lib/excel";
import type { UserPrincipal } from "@/lib/auth/principal";
import { finishTurn, recordToolOutcomes, startTurn } from "@/lib/db/chat-turns";
import { conversationExistsQuery } from "@/lib/db/conversations";
import type { LastMessage } from "@/lib/db/messages";
import type { ReportedOutcome } from "@/lib/ai/tools/edit-outcome";
import type { ServiceType } from "@/lib/db/schema";
import { insertUsageRecord, type NewUsageRecord } from "@/lib/db/usage-records";
import { runTransaction } from "@/lib/db/with-rls";
import { isAppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";
import { conversationNotFound, type PlannedConversation } from "./resolve-conversation";
import type { AnswerOutcome } from "./answer-outcome";

type Part = UIMessage["parts"][number];

function sameText(a: unknown[], b: Part[]): boolean {
  const text = (parts: unknown[]) =>
    parts
      .map((p) => ((p as { type?: string }).type === "text" ? (p as { text: string }).text : ""))
      .join("\n")
      .trim();
  return text(a) === text(b);
}

/**
 * Creates the conversation when it is new and stores the user's message, in one transaction —
 * unless the conversation already ends with the same question (a client retrying or regenerating
 * an answer re-sends it). `message: null` stores no message (a turn continuing an answer).
 * Throws not_found for a conversation that must exist and does not, or is someone else's.
 */
export async function startConversationTurn(input: {
  principal: UserPrincipal;
  planned: PlannedConversation;
  /** From readTurn: does the planned id exist (for me), and its last message. */
  exists: boolean;
  lastMessage: LastMessage | null;
  title: string;
  workbook: string | null;
  message: { parts: Part[]; contextSummary: CompactContextSummary | null } | null;
  /** What the client reports happened to earlier proposals (stored on those answers). */
  outcomes?: readonly ReportedOutcome[];
}): Promise<{ conversationId: string; created: boolean }> {
  const { principal, planned, exists, lastMessage } = input;
  const claims = principal.claims;
  if (planned.mustExist && !exists) throw conversationNotFound();
  const duplicate = exists && input.message && lastMessage?.role === "user" && sameText(lastMessage.parts, input.message.parts);
  const create = exists ? null : { title: input.title, workbook: input.workbook };
  let created: boolean;
  try {
    ({ created } = await startTurn({
      claims,
      conversationId: planned.id,
      create,
      message: input.message && !duplicate ? { id: randomUUID(), parts: input.message.parts, contextSummary: input.message.contextSummary } : null,
    }));
  } catch (error) {
    // The id exists and is someone else's: the message's insert policy refused it.
    if (isAppError(error) && error.code === "not_found") throw conversationNotFound();
    throw error;
  }
  if (create && !created) {
    // Not created by us: a concurrent first turn of the same chat created it (fine), or it is
    // someone else's (RLS hides it, and no message was stored to find out).
    const [rows] = await runTransaction([{ as: claims, query: (db) => conversationExistsQuery(db, planned.id) }]);
    if (rows.length === 0) throw conversationNotFound();
  }
  // Outcomes the client reports for earlier answers (a new conversation has none stored): in the
  // background, and never at the cost of the turn — the client reports them again next time.
  if (exists && input.outcomes && input.outcomes.length > 0) {
    void recordToolOutcomes({ claims, conversationId: planned.id, outcomes: input.outcomes }).catch((error: Error) =>
      logger.warn({ conversationId: planned.id, err: error.message }, "proposal outcomes not stored"),
    );
  }
  return { conversationId: planned.id, created };
}

/** Stores the answer, its usage record, and bumps the conversation. Never throws. */
export async function saveAnswer(input: {
  principal: UserPrincipal;
  conversationId: string;
  outcome: AnswerOutcome;
  serviceType: ServiceType;
  workbook: string | null;
  /** Agent mode: the stored answer this step continues, its parts with the step's verified tool results. */
  continues?: { messageId: string; parts: unknown[] } | null;
}): Promise<void> {
  const { principal, conversationId, outcome } = input;
  // Usage is billing data: recorded whenever a provider (or the offline analyst) produced the
  // answer, even if storing the message fails.
  const usage: NewUsageRecord | null =
    outcome.source !== "none" && outcome.provider && outcome.model
      ? {
          userId: principal.userId,
          serviceType: input.serviceType,
          promptTokens: outcome.usage.inputTokens,
          completionTokens: outcome.usage.outputTokens,
          costMicros: outcome.costMicros,
          model: outcome.model,
          provider: outcome.provider,
          cached: outcome.source === "cache", // a cached answer is recorded at cost 0
          conversationId,
        }
      : null;
  try {
    await finishTurn({
      claims: principal.claims,
      conversationId,
      continues: Boolean(input.continues),
      answer: {
        id: outcome.messageId,
        parts: input.continues ? [...input.continues.parts, ...asStep(outcome.message.parts)] : outcome.message.parts,
        model: outcome.model,
        provider: outcome.provider,
        inputTokens: outcome.usage.inputTokens,
        outputTokens: outcome.usage.outputTokens,
        latencyMs: outcome.latencyMs,
        cached: outcome.source === "cache",
        status: outcome.status,
      },
      workbook: input.workbook,
      usage,
    });
    return;
  } catch (error) {
    // Most likely the conversation was deleted while the answer streamed (RLS refuses the insert).
    logger.warn({ conversationId, err: (error as Error).message }, "assistant message not stored");
  }
  if (!usage) return;
  try {
    await insertUsageRecord(usage).catch(() =>
      // The conversation may be gone (foreign key): keep the billing row without the link.
      insertUsageRecord({ ...usage, conversationId: null }),
    );
  } catch (error) {
    logger.error({ conversationId, err: (error as Error).message }, "usage record not stored");
  }
}

/** A step's parts, starting with the step boundary the client's message shows between steps. */
function asStep(parts: readonly unknown[]): unknown[] {
  return (parts[0] as { type?: string } | undefined)?.type === "step-start" ? [...parts] : [{ type: "step-start" }, ...parts];
}
