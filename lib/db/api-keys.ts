// API key rows. The key itself is never stored: only its SHA-256 and a display prefix.
import "server-only";
import { sql } from "kysely";
import { AppError } from "@/lib/errors/app-error";
import { isApiKeyScope, normalizeScopes, type ApiKeyScope } from "@/lib/auth/key-scopes";
import { runTransaction, withUserDb, type DbClaims } from "./with-rls";
import { isoTimestamp, isoTimestampOrNull } from "./row-values";

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const SUMMARY_COLUMNS = ["id", "name", "prefix", "scopes", "created_at", "last_used_at", "revoked_at"] as const;

/** Scopes as stored (a text[]), kept to the known ones in their canonical order. */
function readScopes(value: unknown): ApiKeyScope[] {
  return Array.isArray(value) ? normalizeScopes(value.filter(isApiKeyScope)) : [];
}

export async function createApiKeyRow({
  claims,
  name,
  prefix,
  keyHash,
  scopes,
}: {
  claims: DbClaims;
  name: string;
  prefix: string;
  keyHash: string;
  scopes: readonly ApiKeyScope[];
}) {
  const row = await withUserDb(claims, (tx) =>
    tx
      .insertInto("api_keys")
      .values({ user_id: claims.sub, name, prefix, key_hash: keyHash, scopes: [...scopes] })
      .returning(SUMMARY_COLUMNS)
      .executeTakeFirstOrThrow(),
  );
  return toSummary(row);
}

function toSummary(row: {
  id: string;
  name: string;
  prefix: string;
  scopes: unknown;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}): ApiKeySummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: readScopes(row.scopes),
    createdAt: isoTimestamp(row.created_at),
    lastUsedAt: isoTimestampOrNull(row.last_used_at),
    revokedAt: isoTimestampOrNull(row.revoked_at),
  };
}

export async function listApiKeys({ claims }: { claims: DbClaims }) {
  const rows = await withUserDb(claims, (tx) =>
    tx
      .selectFrom("api_keys")
      .select(SUMMARY_COLUMNS)
      .orderBy("created_at", "desc")
      .execute(),
  );
  return rows.map(toSummary);
}

export async function countActiveApiKeys({ claims }: { claims: DbClaims }) {
  const row = await withUserDb(claims, (tx) =>
    tx.selectFrom("api_keys").select(sql<number>`count(*)::int`.as("n")).where("revoked_at", "is", null).executeTakeFirstOrThrow(),
  );
  return row.n;
}

/**
 * Revokes one of the caller's keys; another user's key id is simply not found (RLS). Returns the
 * key's hash too, for the KV's copy of verified keys (lib/auth/api-key-cache.ts).
 */
export async function revokeApiKey({ claims, id }: { claims: DbClaims; id: string }): Promise<{ key: ApiKeySummary; keyHash: string }> {
  const row = await withUserDb(claims, (tx) =>
    tx
      .updateTable("api_keys")
      .set({ revoked_at: sql`coalesce(revoked_at, now())` })
      .where("id", "=", id)
      .returning([...SUMMARY_COLUMNS, "key_hash"])
      .executeTakeFirst(),
  );
  if (!row) throw new AppError("not_found", "No API key with that id.");
  return { key: toSummary(row), keyHash: row.key_hash };
}

/** The hashes of all of the caller's keys, revoked ones included (before erasing the account). */
export async function listApiKeyHashes({ claims }: { claims: DbClaims }): Promise<string[]> {
  const rows = await withUserDb(claims, (tx) => tx.selectFrom("api_keys").select("key_hash").execute());
  return rows.map((row) => row.key_hash);
}

/**
 * Looks a presented key up by hash (as the server: the caller is not known yet), on every
 * API-key request: one indexed read. last_used_at is informative; it is stamped at most once a
 * minute, so the hot path rarely writes.
 */
export async function findActiveApiKey({ keyHash }: { keyHash: string }) {
  const [rows] = await runTransaction([
    {
      as: "service_role",
      query: (db) =>
        db
          .selectFrom("api_keys")
          .innerJoin("auth.users", "auth.users.id", "api_keys.user_id")
          .select(["api_keys.id", "api_keys.user_id", "api_keys.scopes", "api_keys.last_used_at", "auth.users.email"])
          .where("api_keys.key_hash", "=", keyHash)
          .where("api_keys.revoked_at", "is", null),
    },
  ]);
  const row = rows[0] as { id: string; user_id: string; scopes: unknown; last_used_at: Date | string | null; email: string | null } | undefined;
  if (!row) return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await runTransaction([{ as: "service_role", query: (db) => db.updateTable("api_keys").set({ last_used_at: new Date() }).where("id", "=", row.id) }]);
  }
  return { keyId: row.id, userId: row.user_id, email: row.email ?? "", scopes: readScopes(row.scopes) };
}
