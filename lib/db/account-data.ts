// Everything stored about a user, for GDPR access and portability. Read under the user's own
// RLS context, so the export cannot include anyone else's rows even if a query were wrong.
import "server-only";
import { withUserDb, type DbClaims } from "./with-rls";

export async function collectAccountData({ claims }: { claims: DbClaims }) {
  return withUserDb(claims, async (tx) => {
    const [profile, conversations, messages, usage, keys, audit, customer, subscriptions, addin, functionResults, microsoft] = await Promise.all([
      tx.selectFrom("profiles").selectAll().executeTakeFirst(),
      // RLS also shows workspace colleagues' conversations and a workspace's usage to its admins:
      // the export is the caller's own data.
      tx.selectFrom("conversations").selectAll().where("user_id", "=", claims.sub).orderBy("created_at").execute(),
      tx.selectFrom("messages").selectAll().where("user_id", "=", claims.sub).orderBy("created_at").execute(),
      tx.selectFrom("usage_records").selectAll().where("user_id", "=", claims.sub).orderBy("created_at").execute(),
      tx.selectFrom("api_keys").select(["id", "name", "prefix", "scopes", "created_at", "last_used_at", "revoked_at"]).orderBy("created_at").execute(),
      tx.selectFrom("audit_log").selectAll().orderBy("created_at").execute(),
      tx.selectFrom("customers").selectAll().executeTakeFirst(),
      tx.selectFrom("subscriptions").selectAll().where("user_id", "=", claims.sub).execute(),
      tx.selectFrom("addin_heartbeats").selectAll().executeTakeFirst(),
      // The in-cell functions' cached results computed from the user's cells: personal ones, and
      // those their calls added to a workspace's shared cache (not their colleagues').
      tx
        .selectFrom("function_results")
        .select(["function_name", "value", "model", "provider", "workspace_id", "created_at", "expires_at"])
        .where("user_id", "=", claims.sub)
        .orderBy("created_at")
        .execute(),
      // The Microsoft identity (tenant and object id) the account signs in as, when it does.
      tx.selectFrom("entra_identities").select(["tenant_id", "object_id", "created_at", "last_seen_at"]).execute(),
    ]);
    const byConversation = new Map<string, unknown[]>();
    for (const row of messages) {
      // The searchable copy of the text (a generated column) repeats the parts: not exported.
      const { search_text: _searchText, ...message } = row as typeof row & { search_text?: string };
      const list = byConversation.get(message.conversation_id) ?? [];
      list.push(message);
      byConversation.set(message.conversation_id, list);
    }
    return {
      profile: profile ?? null,
      conversations: conversations.map((conversation) => ({ ...conversation, messages: byConversation.get(conversation.id) ?? [] })),
      usageRecords: usage.map((row) => ({ ...row, id: String(row.id), cost_micros: Number(row.cost_micros) })),
      apiKeys: keys,
      auditLog: audit.map((row) => ({ ...row, id: String(row.id) })),
      billing: { customer: customer ?? null, subscriptions },
      addinLastSeen: addin ?? null,
      functionResults,
      microsoftIdentities: microsoft,
    };
  });
}
