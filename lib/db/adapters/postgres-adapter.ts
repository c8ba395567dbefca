// Server adapter: any Postgres 15+ through DATABASE_URL (Supabase's pooler in production,
// the local server in CI), over a small node-postgres pool.
import { Kysely, PostgresDialect } from "kysely";
import type { DB } from "../schema";
import type { DatabaseAdapter, RawSession } from "../database-adapter";

// Any constant works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK_ID = 7_314_159;

export async function createPostgresAdapter(connectionString: string): Promise<DatabaseAdapter> {
  const { default: pg } = await import("pg");
  // timestamptz -> Date is the default; bigint (int8) stays a string to avoid precision loss.
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // Supabase's transaction pooler does not support prepared statements across transactions;
    // node-postgres only prepares named statements, which Kysely never uses.
  });
  // An idle client losing its server must not crash the process.
  pool.on("error", () => {});
  // Nor may a checked-out one: pg-pool removes its idle listener while a client is lent out, and
  // a connection dropped mid-transaction then emits "error" with no listener — an uncaught
  // exception. The query in flight is rejected anyway (the caller maps it to 503) and pg-pool
  // discards the broken client on release (tests/integration/faults/postgres-outage.test.ts).
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: "postgres",
    db,
    async withExclusiveSession(fn) {
      const client = await pool.connect();
      const session: RawSession = {
        query: async <R>(text: string, params: unknown[] = []) =>
          (await client.query(text, params)).rows as R[],
        exec: async (text: string) => {
          await client.query(text);
        },
      };
      try {
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
        try {
          return await fn(session);
        } finally {
          await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
