// usage_records: one row per model call with tokens and cost (cached answers cost 0). Only the
// server writes them (service role; users have no insert policy); users read their own under RLS.
import "server-only";
import type { Kysely } from "kysely";
import type { DB, ServiceType } from "./schema";
import { withServiceDb, withUserDb, type DbClaims } from "./with-rls";
import { int4Count, isoTimestamp } from "./row-values";

export interface NewUsageRecord {
  userId: string;
  serviceType: ServiceType;
  promptTokens: number;
  completionTokens: number;
  costMicros: number;
  model: string;
  provider: string;
  cached: boolean;
  conversationId: string | null;
  /** The workspace whose pooled quota the chat drew on; omitted or null for a personal chat. */
  workspaceId?: string | null;
}


/** As service_role: users have no insert policy on usage_records. */
export function insertUsageRecordQuery(db: Kysely<DB>, record: NewUsageRecord) {
  return db.insertInto("usage_records").values({
    user_id: record.userId,
    service_type: record.serviceType,
    prompt_tokens: int4Count(record.promptTokens),
    completion_tokens: int4Count(record.completionTokens),
    cost_micros: Math.max(0, Math.round(record.costMicros || 0)),
    model: record.model.slice(0, 200),
    provider: record.provider.slice(0, 100),
    cached: record.cached,
    conversation_id: record.conversationId,
    workspace_id: record.workspaceId ?? null,
  });
}

export async function insertUsageRecord(record: NewUsageRecord): Promise<void> {
  await withServiceDb((tx) => insertUsageRecordQuery(tx, record).execute());
}

/** A stored record as its owner reads it. */
export type UsageRecordRow = Omit<NewUsageRecord, "userId"> & { createdAt: string };

/** The caller's own records, newest first. */
export async function listUsageRecords({ claims, limit = 100 }: { claims: DbClaims; limit?: number }): Promise<UsageRecordRow[]> {
  const rows = await withUserDb(claims, (tx) =>
    tx.selectFrom("usage_records").selectAll().orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute(),
  );
  return rows.map((row) => ({
    serviceType: row.service_type,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    costMicros: Number(row.cost_micros),
    model: row.model,
    provider: row.provider,
    cached: row.cached,
    conversationId: row.conversation_id,
    createdAt: isoTimestamp(row.created_at),
  }));
}
