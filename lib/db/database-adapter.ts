// The database port: a typed Kysely instance plus the raw session migrations need.
import type { Kysely } from "kysely";
import type { DB } from "./schema";

export interface RawSession {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs a multi-statement SQL script. */
  exec(sql: string): Promise<void>;
}

/** A compiled statement (Kysely's CompiledQuery has this shape). */
export interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

/** Sets the role and JWT claims for the rest of the transaction, as PostgREST does. */
export interface RoleSwitch {
  role: "authenticated" | "service_role";
  /** The claims as JSON (`request.jwt.claims`). */
  claims: string;
}

export type TransactionStatement = Statement | RoleSwitch;

export function isRoleSwitch(statement: TransactionStatement): statement is RoleSwitch {
  return "role" in statement;
}

/**
 * A role switch as SQL without parameters, so it can travel with `begin` in one simple-protocol
 * message. The role is one of two names; the claims are JSON (no raw control characters), quoted
 * as a standard string literal (standard_conforming_strings is on since Postgres 9.1).
 */
export function roleSwitchSql(statement: RoleSwitch): string {
  const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
  return `select set_config('role', ${literal(statement.role)}, true), set_config('request.jwt.claims', ${literal(statement.claims)}, true)`;
}

export interface DatabaseAdapter {
  kind: "pglite" | "postgres";
  db: Kysely<DB>;
  /**
   * One transaction, held exclusively (across processes on Postgres, through a transaction-scoped
   * advisory lock, which Supabase's transaction pooler supports) while `fn` runs; committed when
   * `fn` resolves, rolled back when it throws.
   */
  withExclusiveSession<T>(fn: (session: RawSession) => Promise<T>): Promise<T>;
  /**
   * Runs the statements in one transaction (rolled back if one fails) and returns the rows of
   * each (none for a role switch). Unlike `db.transaction()`, the whole transaction is known up front, so an adapter can
   * send it at once: PGlite's worker gets one message instead of a round trip per statement.
   */
  runTransaction(statements: TransactionStatement[]): Promise<unknown[][]>;
  close(): Promise<void>;
}
