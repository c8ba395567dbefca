// Data retention (GET /api/cron/retention, run daily): deletes, for every user, messages
// older than their `profiles.retention_days` (default 90) and conversations with no activity in
// that time. A workspace conversation follows its workspace's retention policy when an admin
// set one (`workspaces.retention_days`), whatever its author's own setting. One set-based statement as service_role (a cron job has no user, and it must see
// every user's rows); usage records stay (billing needs them) and lose only their conversation link.
import "server-only";
import { sql } from "kysely";
import { withServiceDb } from "./with-rls";

const DEFAULT_RETENTION_DAYS = 90;

export interface RetentionResult {
  conversations: number;
  messages: number;
}

/**
 * A conversation expires when it was last updated before the cutoff and holds no message newer
 * than it. Every message older than the cutoff goes too, also in conversations still in use.
 * `now` is injectable for tests.
 */
export async function deleteExpiredHistory({ now = new Date() }: { now?: Date } = {}): Promise<RetentionResult> {
  const at = now.toISOString();
  const result = await withServiceDb((tx) =>
    sql<{ conversations: number; messages: number }>`
      with policy as (
        select c.id as conversation_id, c.updated_at,
               ${at}::timestamptz - make_interval(days => coalesce(w.retention_days, p.retention_days, ${DEFAULT_RETENTION_DAYS})) as cutoff
        from public.conversations c
        left join public.workspaces w on w.id = c.workspace_id
        left join public.profiles p on p.id = c.user_id
      ),
      expired as (
        select policy.conversation_id as id
        from policy
        where policy.updated_at < policy.cutoff
          and not exists (
            select 1 from public.messages m where m.conversation_id = policy.conversation_id and m.created_at >= policy.cutoff
          )
      ),
      deleted_messages as (
        delete from public.messages m
        using policy
        where m.conversation_id = policy.conversation_id
          and (m.created_at < policy.cutoff or m.conversation_id in (select id from expired))
        returning 1
      ),
      deleted_conversations as (
        delete from public.conversations c
        where c.id in (select id from expired)
        returning 1
      )
      select (select count(*) from deleted_conversations)::int as conversations,
             (select count(*) from deleted_messages)::int as messages
    `.execute(tx),
  );
  const row = result.rows[0];
  return { conversations: Number(row?.conversations ?? 0), messages: Number(row?.messages ?? 0) };
}
