// Server adapter: any Postgres 15+ through DATABASE_URL (Supabase's pooler in production,
// the local server in CI), over a small node-postgres pool.
import { Kysely, PostgresDialect } from "kysely";
import type { DB } from "../schema";
import { inlineParameters } from "./inline-parameters";
import { isRoleSwitch, roleSwitchSql, type DatabaseAdapter, type RawSession } from "../database-adapter";

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
        // The lock ends with the transaction: nothing is left held on a pooled connection, and
        // it works through a transaction pooler (a session-level lock would not).
        await client.query("begin");
        try {
          await client.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK_ID]);
          const result = await fn(session);
          await client.query("commit");
          return result;
        } catch (error) {
          await client.query("rollback").catch(() => undefined);
          throw error;
        }
      } finally {
        client.release();
      }
    },
    async runTransaction(statements) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        // Usually the whole transaction is one simple-protocol message: one round trip, where
        // the extended protocol takes one per statement (a few ms each through a pooler in
        // another zone). Each statement's result comes back in order.
        const inlined = statements.map((statement) =>
          isRoleSwitch(statement) ? roleSwitchSql(statement) : inlineParameters(statement.sql.replace(/[\s;]+$/, ""), statement.parameters),
        );
        if (inlined.every((text): text is string => text !== null)) {
          const replies = (await client.query(["begin", ...inlined, "commit"].join(";\n"))) as unknown as { rows: unknown[] }[];
          return statements.map((statement, index) => (isRoleSwitch(statement) ? [] : replies[index + 1].rows));
        }
        // A value that must travel as a parameter (binary data, an array): statement by statement.
        const results: unknown[][] = [];
        await client.query("begin");
        for (const statement of statements) {
          if (isRoleSwitch(statement)) {
            await client.query(roleSwitchSql(statement));
            results.push([]);
          } else {
            results.push((await client.query(statement.sql, [...statement.parameters])).rows);
          }
        }
        await client.query("commit");
        return results;
      } catch (error) {
        await client.query("rollback").catch((rollbackError: Error) => {
          broken = rollbackError; // the connection is unusable: the pool must not lend it again
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      await db.destroy();
      // Kysely ends the pool only if it ran a query itself; a process that only migrated (through
      // withExclusiveSession) would otherwise keep idle connections open and not exit.
      if (!pool.ending) await pool.end();
    },
  };
}
