// Storing both sides of an exchange. The user's message is stored before the model is called
// (it is the user's data whatever happens next); the answer when it ends — completed, cut off
// mid-stream, or abandoned by the client — with its status, so nothing is silently lost.
// Guests are never stored. Storage failures after the answer was streamed are logged, not
// thrown: the user already has the answer.
import type { UIMessage } from "ai";
import type { CompactContextSummary } from "@/lib/excel";
import type { UserPrincipal } from "@/lib/auth/principal";
import { touchConversation } from "@/lib/db/conversations";
import { getLastMessage, insertMessage } from "@/lib/db/messages";
import type { ServiceType } from "@/lib/db/schema";
import { insertUsageRecord } from "@/lib/db/usage-records";
import { logger } from "@/lib/observability/logger";
import type { AnswerOutcome } from "./stream-answer";

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
 * Stores the user's message unless the conversation already ends with the same question (a
 * client retrying or regenerating an answer re-sends it).
 */
export async function saveUserMessage(input: {
  principal: UserPrincipal;
  conversationId: string;
  parts: Part[];
  contextSummary: CompactContextSummary | null;
  /** A conversation created for this turn has no last message to compare: skip the read. */
  newConversation?: boolean;
}): Promise<{ id: string; reused: boolean }> {
  if (!input.newConversation) {
    const last = await getLastMessage({ claims: input.principal.claims, conversationId: input.conversationId });
    if (last && last.role === "user" && sameText(last.parts, input.parts)) return { id: last.id, reused: true };
  }
  const saved = await insertMessage({
    claims: input.principal.claims,
    conversationId: input.conversationId,
    role: "user",
    parts: input.parts,
    contextSummary: input.contextSummary,
  });
  return { id: saved.id, reused: false };
}

/** Stores the answer, its usage record, and bumps the conversation. Never throws. */
export async function saveAnswer(input: {
  principal: UserPrincipal;
  conversationId: string;
  outcome: AnswerOutcome;
  serviceType: ServiceType;
  workbook: string | null;
}): Promise<void> {
  const { principal, conversationId, outcome } = input;
  const claims = principal.claims;
  try {
    await insertMessage({
      claims,
      conversationId,
      id: outcome.messageId,
      role: "assistant",
      parts: outcome.message.parts,
      model: outcome.model,
      provider: outcome.provider,
      inputTokens: outcome.usage.inputTokens,
      outputTokens: outcome.usage.outputTokens,
      latencyMs: outcome.latencyMs,
      cached: outcome.source === "cache",
      status: outcome.status,
    });
  } catch (error) {
    // Most likely the conversation was deleted while the answer streamed (RLS refuses the insert).
    logger.warn({ conversationId, err: (error as Error).message }, "assistant message not stored");
  }
  // Usage is billing data: recorded whenever a provider (or the offline analyst) produced the
  // answer, even if storing the message failed.
  if (outcome.source !== "none" && outcome.provider && outcome.model) {
    const record = {
      userId: principal.userId,
      serviceType: input.serviceType,
      promptTokens: outcome.usage.inputTokens,
      completionTokens: outcome.usage.outputTokens,
      costMicros: outcome.costMicros,
      model: outcome.model,
      provider: outcome.provider,
      cached: outcome.source === "cache", // a cached answer costs 0 (SPEC section 6)
      conversationId,
    };
    try {
      await insertUsageRecord(record).catch(() =>
        // The conversation may be gone (foreign key): keep the billing row without the link.
        insertUsageRecord({ ...record, conversationId: null }),
      );
    } catch (error) {
      logger.error({ conversationId, err: (error as Error).message }, "usage record not stored");
    }
  }
  try {
    await touchConversation({ claims, id: conversationId, workbook: input.workbook });
  } catch (error) {
    logger.warn({ conversationId, err: (error as Error).message }, "conversation not touched");
  }
}
