// The database side of one chat turn, in three transactions sent whole (runTransaction), not a
// transaction per query: a chat turn is the hot path, and on PGlite each round trip to the
// database worker costs the server's thread a turn of its event loop (bench/README.md).
//
//   readTurn   before anything else: the user's preferences, their subscription's plan (when
//              billing is on), and the conversation the turn continues (is it theirs?) with its
//              last message
//   startTurn  after the quota check: the conversation when it is new, and the user's message
//   finishTurn when the answer ends: the answer, the conversation's activity, the usage row
//
// Every statement runs as the user under RLS, except the usage row (service_role: users cannot
// write billing data), exactly as the single-query functions beside this file do.
import "server-only";
import { entitledPlanQuery } from "./billing";
import { conversationExistsQuery, createConversationIfMissingQuery, touchConversationQuery } from "./conversations";
import { continueAnswerQuery, insertMessageQuery, lastMessageQuery, recordToolOutcomesQuery, toLastMessage, type LastMessage, type StoredMessage } from "./messages";
import type { Subscription } from "./schema";
import { preferencesQuery, toPreferences, type Preferences } from "./profiles";
import { insertUsageRecordQuery, type NewUsageRecord } from "./usage-records";
import { runTransaction, type DbClaims, type TransactionStep } from "./with-rls";

export interface TurnState {
  preferences: Preferences;
  /** The plan of the best trialing or active subscription, null for none; undefined when not asked. */
  entitledPlan?: Subscription["plan"] | null;
  /** Whether `conversationId` is one of the caller's conversations (null when none was asked). */
  conversationExists: boolean | null;
  lastMessage: LastMessage | null;
}

/**
 * Preferences; the subscription's plan with `withPlan`; and when `conversationId` is given,
 * whether it is the caller's and its last message.
 */
export async function readTurn({ claims, conversationId, withPlan = false }: { claims: DbClaims; conversationId: string | null; withPlan?: boolean }): Promise<TurnState> {
  const steps: TransactionStep[] = [{ as: claims, query: (db) => preferencesQuery(db, claims) }];
  if (withPlan) steps.push({ as: claims, query: (db) => entitledPlanQuery(db, claims.sub) });
  if (conversationId) {
    steps.push({ as: claims, query: (db) => conversationExistsQuery(db, conversationId) });
    steps.push({ as: claims, query: (db) => lastMessageQuery(db, conversationId) });
  }
  const results = await runTransaction(steps);
  const profile = results.shift() ?? [];
  const subscription = withPlan ? (results.shift() ?? []) : null;
  const [conversation, last] = results;
  return {
    preferences: toPreferences(profile[0] as Parameters<typeof toPreferences>[0]),
    ...(subscription ? { entitledPlan: (subscription[0] as { plan: Subscription["plan"] } | undefined)?.plan ?? null } : {}),
    conversationExists: conversationId ? (conversation?.length ?? 0) > 0 : null,
    lastMessage: conversationId ? toLastMessage(last?.[0] as Parameters<typeof toLastMessage>[0]) : null,
  };
}

export interface UserMessage {
  id: string;
  parts: unknown[];
  contextSummary: unknown;
}

/**
 * Creates the conversation (unless a concurrent first turn of the same chat just did) and stores
 * the user's message, together. Returns whether this call created the conversation. A
 * conversation id that exists but is not the caller's fails the message's insert policy: the
 * transaction rolls back and the error maps to not_found.
 */
export async function startTurn(input: {
  claims: DbClaims;
  conversationId: string;
  create: { title: string; workbook: string | null } | null;
  message: UserMessage | null;
}): Promise<{ created: boolean }> {
  const { claims, conversationId, create, message } = input;
  const steps: TransactionStep[] = [];
  if (create) {
    steps.push({ as: claims, query: (db) => createConversationIfMissingQuery(db, { claims, id: conversationId, ...create }) });
  }
  if (message) {
    steps.push({
      as: claims,
      query: (db) => insertMessageQuery(db, { claims, conversationId, id: message.id, role: "user", parts: message.parts, contextSummary: message.contextSummary }),
    });
  }
  if (steps.length === 0) return { created: false };
  const [first] = await runTransaction(steps);
  return { created: create !== null && (first?.length ?? 0) > 0 };
}

export interface FinishedTurn {
  claims: DbClaims;
  conversationId: string;
  answer: Pick<StoredMessage, "id" | "parts" | "model" | "provider" | "inputTokens" | "outputTokens" | "latencyMs" | "cached" | "status">;
  workbook: string | null;
  /** The billing row, when a provider (or the offline analyst) produced the answer. */
  usage: NewUsageRecord | null;
  /** A further step of the stored answer `answer.id` (agent mode): its parts are replaced, its tokens added to. */
  continues?: boolean;
}

/** The answer, the conversation's activity and the usage row, all or nothing. */
export async function finishTurn({ claims, conversationId, answer, workbook, usage, continues = false }: FinishedTurn): Promise<void> {
  const steps: TransactionStep[] = [
    continues
      ? { as: claims, query: (db) => continueAnswerQuery(db, { conversationId, ...answer, latencyMs: answer.latencyMs ?? null }) }
      : { as: claims, query: (db) => insertMessageQuery(db, { claims, conversationId, role: "assistant", ...answer }) },
    { as: claims, query: (db) => touchConversationQuery(db, { id: conversationId, workbook }) },
  ];
  if (usage) steps.push({ as: "service_role", query: (db) => insertUsageRecordQuery(db, usage) });
  await runTransaction(steps);
}

/**
 * Records the outcomes of proposals (applied, rejected, undone) on their stored answers, as the
 * client reports them: as the user acts, and again with each question. Returns how many answers
 * changed (none when they were recorded already).
 */
export async function recordToolOutcomes(input: {
  claims: DbClaims;
  conversationId: string;
  outcomes: readonly { messageId: string; toolCallId: string; outcome: unknown }[];
}): Promise<number> {
  const { claims, conversationId, outcomes } = input;
  const [rows] = await runTransaction([{ as: claims, query: () => recordToolOutcomesQuery({ conversationId, outcomes }) }]);
  return rows.length;
}
