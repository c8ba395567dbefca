// The database port: a typed Kysely instance plus the raw session migrations need.
import type { Kysely } from "kysely";
import type { DB } from "./schema";

export interface RawSession {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs a multi-statement SQL script. */
  exec(sql: string): Promise<void>;
}

export interface DatabaseAdapter {
  kind: "pglite" | "postgres";
  db: Kysely<DB>;
  /** One session, held exclusively (across processes on Postgres) while `fn` runs. */
  withExclusiveSession<T>(fn: (session: RawSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
