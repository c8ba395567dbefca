// Conversations (chat threads). Every query runs as the user under RLS, so another user's
// conversation is simply not there: callers turn "not found" into a 404, never a 403.
import "server-only";
import { sql, type Kysely } from "kysely";
import type { DB } from "./schema";
import { withUserDb, type DbClaims } from "./with-rls";
import { isoTimestamp } from "./row-values";

export interface ConversationSummary {
  id: string;
  title: string;
  workbook: string | null;
  createdAt: string;
  updatedAt: string;
  messageCount: number;
  /** null: the author's personal space. */
  workspaceId: string | null;
  /** Who started it (workspace conversations are read by every member). */
  authorId: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids that are not UUIDs cannot exist; checking first keeps a malformed id a 404, not a SQL error. */
export function isConversationId(id: string): boolean {
  return UUID_RE.test(id);
}


interface Row {
  id: string;
  title: string;
  workbook: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  message_count?: number | string | null;
  workspace_id: string | null;
  user_id: string;
}

function toSummary(row: Row): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    workbook: row.workbook,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
    messageCount: Number(row.message_count ?? 0),
    workspaceId: row.workspace_id,
    authorId: row.user_id,
  };
}

export interface NewConversation {
  claims: DbClaims;
  id: string;
  title: string;
  workbook: string | null;
  /** Shared with this workspace's members; null or omitted for the author's personal space. */
  workspaceId?: string | null;
}

/**
 * Creates the conversation unless its id exists already (a concurrent first turn of the same
 * chat created it): returns the id when this statement created it, no row otherwise.
 */
export function createConversationIfMissingQuery(db: Kysely<DB>, { claims, id, title, workbook, workspaceId }: NewConversation) {
  return db
    .insertInto("conversations")
    .values({ id, user_id: claims.sub, title: title.slice(0, 200), workbook: workbook?.slice(0, 500) ?? null, workspace_id: workspaceId ?? null })
    .onConflict((oc) => oc.column("id").doNothing())
    .returning(["id"]);
}

/**
 * Whether the caller can see a conversation with this id (RLS hides the rest), its author and
 * its workspace (null: personal).
 */
export function conversationExistsQuery(db: Kysely<DB>, id: string) {
  return db.selectFrom("conversations").select(["id", "user_id", "workspace_id"]).where("id", "=", id);
}

/** The caller's conversation, or null (missing, malformed id, or someone else's). */
export async function getConversation({ claims, id }: { claims: DbClaims; id: string }): Promise<ConversationSummary | null> {
  if (!isConversationId(id)) return null;
  const row = await withUserDb(claims, (tx) =>
    tx
      .selectFrom("conversations")
      .select(["id", "title", "workbook", "created_at", "updated_at", "workspace_id", "user_id"])
      .select((eb) => eb.selectFrom("messages").select(sql<number>`count(*)::int`.as("n")).whereRef("messages.conversation_id", "=", "conversations.id").as("message_count"))
      .where("id", "=", id)
      .executeTakeFirst(),
  );
  return row ? toSummary(row) : null;
}

/** Marks activity (sorts the list) and fills the workbook tag when it was unknown. */
export function touchConversationQuery(db: Kysely<DB>, { id, workbook }: { id: string; workbook?: string | null }) {
  return db
    .updateTable("conversations")
    .set({ updated_at: new Date(), ...(workbook ? { workbook: sql<string>`coalesce(workbook, ${workbook.slice(0, 500)})` } : {}) })
    .where("id", "=", id);
}

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * The caller's personal conversations, or with `workspaceId` the workspace's (every member's;
 * RLS gives a non-member none), newest activity first. With `q`, those whose title or any
 * message text contains it (case-insensitive).
 */
export async function listConversations(input: { claims: DbClaims; q?: string; workspaceId?: string | null; limit: number; offset: number }) {
  const { claims, q, workspaceId, limit, offset } = input;
  return withUserDb(claims, async (tx) => {
    let query = workspaceId
      ? tx.selectFrom("conversations").where("conversations.workspace_id", "=", workspaceId)
      : tx.selectFrom("conversations").where("conversations.workspace_id", "is", null).where("conversations.user_id", "=", claims.sub);
    if (q) {
      const pattern = likePattern(q);
      query = query.where((eb) =>
        eb.or([
          eb("conversations.title", "ilike", pattern),
          eb.exists(
            eb
              .selectFrom("messages")
              .select(sql`1`.as("one"))
              .whereRef("messages.conversation_id", "=", "conversations.id")
              .where(
                sql<boolean>`exists (select 1 from jsonb_array_elements(messages.parts) as part where part->>'type' = 'text' and part->>'text' ilike ${pattern})`,
              ),
          ),
        ]),
      );
    }
    // One after the other: a transaction is one connection.
    const rows = await query
        .select([
          "conversations.id",
          "conversations.title",
          "conversations.workbook",
          "conversations.created_at",
          "conversations.updated_at",
          "conversations.workspace_id",
          "conversations.user_id",
        ])
        .select((eb) => eb.selectFrom("messages").select(sql<number>`count(*)::int`.as("n")).whereRef("messages.conversation_id", "=", "conversations.id").as("message_count"))
        .orderBy("conversations.updated_at", "desc")
        .orderBy("conversations.id", "desc")
        .limit(limit)
        .offset(offset)
        .execute();
    const total = await query.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    return { items: rows.map(toSummary), total: total.n };
  });
}

/** Deletes one of the caller's conversations (messages go with it); false when it is not theirs. */
export async function deleteConversation({ claims, id }: { claims: DbClaims; id: string }): Promise<boolean> {
  if (!isConversationId(id)) return false;
  const rows = await withUserDb(claims, (tx) => tx.deleteFrom("conversations").where("id", "=", id).returning("id").execute());
  return rows.length > 0;
}

/** Deletes all of the caller's personal conversations (workspace ones belong to their workspace); returns how many. */
export async function deleteAllConversations({ claims }: { claims: DbClaims }): Promise<number> {
  const rows = await withUserDb(claims, (tx) =>
    tx.deleteFrom("conversations").where("user_id", "=", claims.sub).where("workspace_id", "is", null).returning("id").execute(),
  );
  return rows.length;
}
