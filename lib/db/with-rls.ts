// Every query made for a user runs here, inside a transaction that sets the role and JWT
// claims exactly as PostgREST does, so the RLS policies protect the data, not only our code.
// Server-only writes (billing, usage, audit, key lookup) run as service_role.
import "server-only";
import { sql, type Compilable, type Kysely, type RawBuilder, type Transaction } from "kysely";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";
import { getDatabase } from "./get-database";
import { roleSwitchSql, type TransactionStatement } from "./database-adapter";
import type { DB } from "./schema";

export type Tx = Transaction<DB>;

export interface DbClaims {
  sub: string;
  email?: string | null;
  role: "authenticated";
  aud?: string;
}

const CONNECTION_ERRORS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "57P01", "57P03", "08006", "08001", "08003"]);

/** Maps driver errors to AppError: details are logged, never sent to the client. */
export function toDatabaseError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const code = (error as { code?: string })?.code;
  const message = (error as Error)?.message ?? String(error);
  // An error Postgres answered carries a SQLSTATE and is judged by it; only driver errors without
  // one (a dropped socket, a pool timeout) are judged by their message, so a table or constraint
  // whose name mentions "connect" never turns a refusal into "database unavailable".
  const answeredByPostgres = typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
  if ((code && CONNECTION_ERRORS.has(code)) || (!answeredByPostgres && /connect|terminat|timeout/i.test(message))) {
    logger.error({ err: { code, message } }, "database unavailable");
    return new AppError("internal", "The database is unavailable right now. Try again shortly.", {
      status: 503,
      cause: error,
    });
  }
  // A write for a user row that no longer exists: an access token outliving its deleted account
  // (JWTs stay valid until they expire). The caller's identity is gone, not our database.
  if (code === "23503" && /table "users"/.test(`${message} ${(error as { detail?: string })?.detail ?? ""}`)) {
    logger.warn({ err: { code } }, "write for a user that no longer exists");
    return new AppError("unauthorized", "This account no longer exists. Sign in again.", { cause: error });
  }
  if (code === "42501" && /row-level security/i.test(message)) {
    logger.warn({ err: { code, message } }, "row level security refused a statement");
    return new AppError("not_found", "Not found.", { cause: error });
  }
  logger.error({ err: { code, message } }, "database error");
  return new AppError("internal", "Something went wrong on our side. Try again.", { cause: error });
}

async function openDatabase() {
  try {
    return await getDatabase();
  } catch (error) {
    throw toDatabaseError(Object.assign(new Error(`connect: ${(error as Error).message}`), { code: "ECONNREFUSED" }));
  }
}

async function run<T>(setup: (tx: Tx) => Promise<unknown>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const database = await openDatabase();
  try {
    return await database.db.transaction().execute(async (tx) => {
      await setup(tx);
      return fn(tx);
    });
  } catch (error) {
    throw toDatabaseError(error);
  }
}

/** The role and `request.jwt.claims` a statement runs with. */
function roleFor(as: DbClaims | "service_role") {
  return as === "service_role"
    ? ({ role: "service_role", claims: JSON.stringify({ role: "service_role" }) } as const)
    : ({ role: "authenticated", claims: JSON.stringify({ aud: "authenticated", ...as }) } as const);
}

function roleSetup(as: DbClaims | "service_role") {
  return sql.raw(roleSwitchSql(roleFor(as)));
}

/** One statement of a transaction sent whole, and whom it runs as. */
export interface TransactionStep {
  /** The user's claims (RLS applies), or `service_role` for server-only writes. */
  as: DbClaims | "service_role";
  query: (db: Kysely<DB>) => Compilable | RawBuilder<unknown>;
}

/**
 * Runs the steps in order in one transaction — all or nothing — and returns each step's rows.
 * For the hot path (a chat turn): the statements are compiled up front and the adapter sends the
 * transaction at once, where `withUserDb` pays a round trip per statement. Role and claims are
 * set before the first step and again whenever they change, so each step is checked by RLS as
 * exactly the principal it names.
 */
export async function runTransaction(steps: TransactionStep[]): Promise<unknown[][]> {
  const database = await openDatabase();
  const statements: TransactionStatement[] = [];
  const resultIndex: number[] = [];
  let current: string | null = null;
  for (const step of steps) {
    const role = roleFor(step.as);
    if (role.claims !== current) {
      statements.push(role);
      current = role.claims;
    }
    resultIndex.push(statements.length);
    const query = step.query(database.db);
    statements.push("isRawBuilder" in query ? query.compile(database.db) : query.compile());
  }
  try {
    const results = await database.runTransaction(statements);
    return resultIndex.map((index) => results[index] ?? []);
  } catch (error) {
    throw toDatabaseError(error);
  }
}

/** Runs `fn` as the `authenticated` role with the user's claims (RLS applies). */
export function withUserDb<T>(claims: DbClaims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return run((tx) => roleSetup(claims).execute(tx), fn);
}

/** Runs `fn` as `service_role` (bypasses RLS): only for writes the server alone may make. */
export function withServiceDb<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return run((tx) => roleSetup("service_role").execute(tx), fn);
}
