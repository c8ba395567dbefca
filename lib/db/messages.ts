// Chat messages. Parts are stored in the AI SDK UI message format (jsonb), with what the model
// call cost and how it ended. Reads and writes run as the user under RLS: a message can only be
// added to one's own conversation (the insert policy checks the conversation's owner).
import "server-only";
import { sql, type Kysely } from "kysely";
import type { DB } from "./schema";
import { withUserDb, type DbClaims } from "./with-rls";
import { int4Count, isoTimestamp } from "./row-values";

export type MessageRole = "user" | "assistant";
export type MessageStatus = "complete" | "incomplete" | "error";

export interface StoredMessage {
  id: string;
  conversationId: string;
  role: MessageRole | "system";
  parts: unknown[];
  contextSummary: unknown | null;
  model: string | null;
  provider: string | null;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number | null;
  cached: boolean;
  status: MessageStatus;
  createdAt: string;
}

export interface NewChatMessage {
  claims: DbClaims;
  conversationId: string;
  id?: string;
  role: MessageRole;
  parts: unknown[];
  contextSummary?: unknown;
  model?: string | null;
  provider?: string | null;
  inputTokens?: number;
  outputTokens?: number;
  latencyMs?: number | null;
  cached?: boolean;
  status?: MessageStatus;
}


/** The insert of one message, as the user (the policy checks the conversation is theirs). */
export function insertMessageQuery(db: Kysely<DB>, message: NewChatMessage) {
  return db
    .insertInto("messages")
    .values({
      ...(message.id ? { id: message.id } : {}),
      conversation_id: message.conversationId,
      user_id: message.claims.sub,
      role: message.role,
      parts: JSON.stringify(message.parts),
      context_summary: message.contextSummary === undefined || message.contextSummary === null ? null : JSON.stringify(message.contextSummary),
      model: message.model ?? null,
      provider: message.provider ?? null,
      input_tokens: int4Count(message.inputTokens),
      output_tokens: int4Count(message.outputTokens),
      latency_ms: message.latencyMs === undefined || message.latencyMs === null ? null : int4Count(message.latencyMs),
      cached: message.cached ?? false,
      status: message.status ?? "complete",
    })
    .returning(["id", "created_at"]);
}

function parseJson(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}

/** A conversation's messages, oldest first (empty when the conversation is not the caller's). */
export async function listMessages({ claims, conversationId, limit = 500 }: { claims: DbClaims; conversationId: string; limit?: number }): Promise<StoredMessage[]> {
  const rows = await withUserDb(claims, (tx) =>
    tx
      .selectFrom("messages")
      .selectAll()
      .where("conversation_id", "=", conversationId)
      .orderBy("created_at", "asc")
      .orderBy("id", "asc")
      .limit(limit)
      .execute(),
  );
  return rows.map((row) => ({
    id: row.id,
    conversationId: row.conversation_id,
    role: row.role,
    parts: (parseJson(row.parts) as unknown[]) ?? [],
    contextSummary: parseJson(row.context_summary) ?? null,
    model: row.model,
    provider: row.provider,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    latencyMs: row.latency_ms,
    cached: row.cached,
    status: row.status,
    createdAt: isoTimestamp(row.created_at),
  }));
}

/**
 * Records what happened to proposals of a conversation's stored answers, in one statement: each
 * reported tool part gets the client's outcome as output. Only tool parts the server offered
 * (input available, or an earlier outcome) change; server refusals (output-error), text and
 * everything else stay as stored, and answers whose outcomes are already stored are not
 * rewritten. `outcomes` holds one entry per (message, tool call).
 */
export function recordToolOutcomesQuery(input: { conversationId: string; outcomes: readonly { messageId: string; toolCallId: string; outcome: unknown }[] }) {
  const reported = JSON.stringify(input.outcomes.map((o) => ({ m: o.messageId, t: o.toolCallId, o: o.outcome })));
  return sql`
    with reported as (
      select r->>'m' as message_id, r->>'t' as tool_call_id, r->'o' as outcome
      from jsonb_array_elements(${reported}::jsonb) as r
    )
    update public.messages as m
    set parts = (
      select jsonb_agg(
        case when x.outcome is not null and p->>'type' like 'tool-%' and p->>'state' in ('input-available', 'output-available')
             then p || jsonb_build_object('state', 'output-available', 'output', x.outcome)
             else p end
        order by t.i)
      from jsonb_array_elements(m.parts) with ordinality as t(p, i)
      left join reported x on x.message_id = m.id and x.tool_call_id = t.p->>'toolCallId'
    )
    where m.conversation_id = ${input.conversationId}
      and m.role = 'assistant'
      and m.id in (select message_id from reported)
      and exists (
        select 1 from jsonb_array_elements(m.parts) as q(p)
        join reported x on x.message_id = m.id and x.tool_call_id = q.p->>'toolCallId'
        where q.p->>'type' like 'tool-%' and q.p->>'state' in ('input-available', 'output-available')
          and q.p->'output' is distinct from x.outcome
      )
    returning m.id`;
}

/** The latest message of a conversation. */
export function lastMessageQuery(db: Kysely<DB>, conversationId: string) {
  return db
    .selectFrom("messages")
    .select(["id", "role", "parts", "created_at", "input_tokens", "output_tokens"])
    .where("conversation_id", "=", conversationId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1);
}

export type LastMessage = { id: string; role: StoredMessage["role"]; parts: unknown[]; createdAt: string; inputTokens: number; outputTokens: number };

export function toLastMessage(
  row: { id: string; role: StoredMessage["role"]; parts: unknown; created_at: Date | string; input_tokens?: number; output_tokens?: number } | undefined,
): LastMessage | null {
  return row
    ? {
        id: row.id,
        role: row.role,
        parts: (parseJson(row.parts) as unknown[]) ?? [],
        createdAt: isoTimestamp(row.created_at),
        inputTokens: row.input_tokens ?? 0,
        outputTokens: row.output_tokens ?? 0,
      }
    : null;
}

/**
 * A further step of an answer (agent mode): the stored answer gets its parts replaced by the
 * verified tool results plus the new step, and the step's tokens added to its own. As the user:
 * only their own message changes.
 */
export function continueAnswerQuery(
  db: Kysely<DB>,
  input: {
    conversationId: string;
    id: string;
    parts: unknown[];
    model: string | null;
    provider: string | null;
    inputTokens: number;
    outputTokens: number;
    latencyMs: number | null;
    cached: boolean;
    status: MessageStatus;
  },
) {
  return db
    .updateTable("messages")
    .set((eb) => ({
      parts: JSON.stringify(input.parts),
      model: input.model ?? eb.ref("model"),
      provider: input.provider ?? eb.ref("provider"),
      input_tokens: sql<number>`least(input_tokens + ${int4Count(input.inputTokens)}, 2147483647)`,
      output_tokens: sql<number>`least(output_tokens + ${int4Count(input.outputTokens)}, 2147483647)`,
      latency_ms: input.latencyMs === null ? null : sql<number>`least(coalesce(latency_ms, 0) + ${int4Count(input.latencyMs)}, 2147483647)`,
      cached: input.cached,
      status: input.status,
    }))
    .where("id", "=", input.id)
    .where("conversation_id", "=", input.conversationId)
    .where("role", "=", "assistant")
    .returning(["id"]);
}

export interface Exchange {
  /** The user message's id. */
  id: string;
  conversationId: string;
  userParts: unknown[];
  aiParts: unknown[] | null;
  aiStatus: MessageStatus | null;
  model: string | null;
  provider: string | null;
  contextSummary: unknown | null;
  createdAt: string;
}

/**
 * Question-and-answer pairs across all of the caller's conversations, newest first: each user
 * message with the first assistant message after it in the same conversation (the legacy JSON
 * history).
 */
export async function listExchanges({ claims, limit, offset }: { claims: DbClaims; limit: number; offset: number }) {
  return withUserDb(claims, async (tx) => {
    const { rows } = await sql<{
      id: string;
      conversation_id: string;
      user_parts: unknown;
      context_summary: unknown;
      created_at: Date | string;
      ai_parts: unknown;
      ai_status: MessageStatus | null;
      model: string | null;
      provider: string | null;
    }>`
      select u.id, u.conversation_id, u.parts as user_parts, u.context_summary, u.created_at,
             a.parts as ai_parts, a.status as ai_status, a.model, a.provider
      from messages u
      left join lateral (
        select m.parts, m.status, m.model, m.provider
        from messages m
        where m.conversation_id = u.conversation_id and m.role = 'assistant' and m.created_at >= u.created_at
        order by m.created_at asc, m.id asc
        limit 1
      ) a on true
      where u.role = 'user'
      order by u.created_at desc, u.id desc
      limit ${limit} offset ${offset}
    `.execute(tx);
    const total = await tx
      .selectFrom("messages")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("role", "=", "user")
      .executeTakeFirstOrThrow();
    const items: Exchange[] = rows.map((row) => ({
      id: row.id,
      conversationId: row.conversation_id,
      userParts: (parseJson(row.user_parts) as unknown[]) ?? [],
      aiParts: row.ai_parts === null ? null : ((parseJson(row.ai_parts) as unknown[]) ?? []),
      aiStatus: row.ai_status,
      model: row.model,
      provider: row.provider,
      contextSummary: parseJson(row.context_summary) ?? null,
      createdAt: isoTimestamp(row.created_at),
    }));
    return { items, total: total.n };
  });
}
