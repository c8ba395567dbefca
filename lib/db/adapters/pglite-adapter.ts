// Embedded adapter: PGlite (Postgres compiled to WASM) persisted under DATA_DIR, or in memory
// for `memory://`.
//
// PGlite runs in a worker thread, not on the server's thread. Its WASM executes synchronously,
// so on the server's thread every statement (parse, plan, execute, write, plus the JS protocol
// work around it) would stall every other request and stream for its whole duration: a third of
// a chat request's CPU time went there (bench/README.md). In the worker it runs on another core,
// as a Postgres server would, and the server's thread only posts statements and receives rows.
//
// PGlite has a single connection, so a mutex hands it to one Kysely connection (and so one
// transaction) at a time. Statements reach the worker in order and run there in order.
import { Worker, type ResourceLimits } from "node:worker_threads";
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from "kysely";
import type { DB } from "../schema";
import { isRoleSwitch, roleSwitchSql, type DatabaseAdapter, type RawSession } from "../database-adapter";

// The worker, as source: a file beside this one would not survive bundling. It resolves
// `@electric-sql/pglite` from the working directory (the project root for `next start`, tests
// and scripts). Each message holds statements to run in order (a transaction's `begin` travels
// with its first statement); the reply carries the last statement's rows, or the first error
// with PGlite's error fields (code, detail, constraint…) so callers map it as before.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
function serializeError(error) {
  const out = { message: String(error && error.message || error) };
  if (error && typeof error === "object") {
    for (const key of Object.keys(error)) {
      const value = error[key];
      if (value === undefined || typeof value === "function" || (value && typeof value === "object")) continue;
      out[key] = value;
    }
  }
  return out;
}
// The extensions the migrations create (trigram search of the history) are loaded up front:
// PGlite only offers an extension to CREATE EXTENSION when it was given at construction.
Promise.all([
  import("@electric-sql/pglite"),
  import("@electric-sql/pglite/contrib/pg_trgm"),
  import("@electric-sql/pglite/contrib/btree_gin"),
]).then(async ([{ PGlite }, { pg_trgm }, { btree_gin }]) => {
  const options = { extensions: { pg_trgm, btree_gin } };
  const pg = workerData.dataDir.startsWith("memory://") ? new PGlite(options) : new PGlite(workerData.dataDir, options);
  await pg.waitReady;
  async function handle(message) {
    if (message.op === "close") {
      await pg.close();
      return { rows: [] };
    }
    if (message.op === "transaction") {
      // A whole transaction in one message: the rows of every statement, or a rollback.
      // Statements without results (begin, role switches, commit) use the simple protocol,
      // about a third of the cost of the extended one; a leading one carries the begin.
      const statements = message.statements;
      const leading = statements[0] && statements[0].exec;
      try {
        await pg.exec(leading ? "begin; " + leading : "begin");
        const results = leading ? [[]] : [];
        for (const statement of leading ? statements.slice(1) : statements) {
          if (statement.exec) {
            await pg.exec(statement.exec);
            results.push([]);
          } else {
            results.push((await pg.query(statement.sql, statement.params)).rows);
          }
        }
        await pg.exec("commit");
        return { results };
      } catch (error) {
        await pg.exec("rollback").catch(() => {});
        throw error;
      }
    }
    let result = { rows: [], affectedRows: undefined };
    for (const statement of message.statements) {
      if (statement.exec) {
        await pg.exec(statement.exec);
        result = { rows: [], affectedRows: undefined };
      } else {
        const r = await pg.query(statement.sql, statement.params);
        result = { rows: r.rows, affectedRows: r.affectedRows };
      }
    }
    return result;
  }
  // One message at a time, in the order they were posted: a transaction sent whole must not
  // interleave with the statements of another.
  let tail = Promise.resolve();
  parentPort.on("message", (message) => {
    tail = tail.then(() => handle(message)).then(
      (result) => parentPort.postMessage({ id: message.id, ok: true, ...result }),
      (error) => parentPort.postMessage({ id: message.id, ok: false, error: serializeError(error) }),
    );
  });
  parentPort.postMessage({ ready: true });
}).catch((error) => parentPort.postMessage({ ready: false, error: serializeError(error) }));
`;

/** A statement for the worker: with parameters (extended protocol), or `exec` SQL without results. */
type Statement = { sql: string; params?: unknown[]; exec?: undefined } | { exec: string; sql?: undefined; params?: undefined };

/** A Postgres string literal (standard_conforming_strings is on: only the quote is special). */
const describe = (statements: Statement[]) => statements.map((s) => s.exec ?? s.sql).join("; ");
type Reply = { id: number; ok: boolean; rows?: unknown[]; affectedRows?: number; results?: unknown[][]; error?: Record<string, unknown> };
type Message = { op: "run"; statements: Statement[] } | { op: "transaction"; statements: Statement[] } | { op: "close" };

/** Called after every statement with its SQL and round-trip time (bench/profile-chat.ts). */
let tracer: ((sql: string, ms: number) => void) | null = null;
export function setPgliteTracer(fn: ((sql: string, ms: number) => void) | null) {
  tracer = fn;
}

function errorFrom(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(String(fields.message ?? "PGlite error")), fields);
}

/** The worker and its pending requests. A worker that dies fails them all, and every later call. */
class PgliteWorker {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  private lost: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly onLost: () => void,
  ) {
    worker.on("message", (reply: Reply) => {
      const entry = this.pending.get(reply.id);
      if (!entry) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      entry.resolve(reply);
    });
    const fail = (error: Error) => {
      if (this.lost) return;
      // Mapped to 503 by toDatabaseError; get-database.ts reopens on the next request.
      this.lost = Object.assign(new Error(`Connection to the embedded database terminated: ${error.message}`), { code: "57P01" });
      for (const entry of this.pending.values()) entry.reject(this.lost);
      this.pending.clear();
      this.onLost();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`worker exited with code ${code}`)));
  }

  static async start(dataDir: string, onLost: () => void, resourceLimits?: ResourceLimits): Promise<PgliteWorker> {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { dataDir }, resourceLimits });
    await new Promise<void>((resolve, reject) => {
      const settle = () => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
      const onMessage = (message: { ready?: boolean; error?: Record<string, unknown> }) => {
        settle();
        if (message.ready) resolve();
        else {
          void worker.terminate();
          reject(errorFrom(message.error ?? { message: "PGlite did not start" }));
        }
      };
      const onError = (error: Error) => {
        settle();
        reject(error);
      };
      const onExit = (code: number) => {
        settle();
        reject(new Error(`The embedded database's worker exited with code ${code} before it was ready.`));
      };
      worker.once("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
    });
    // Idle, the worker does not keep the process alive (as an in-thread PGlite would not).
    worker.unref();
    return new PgliteWorker(worker, onLost);
  }

  private send(message: Message): Promise<Reply> {
    if (this.lost) return Promise.reject(this.lost);
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ id, ...message });
    });
  }

  async run(statements: Statement[]): Promise<{ rows: unknown[]; affectedRows?: number }> {
    const started = tracer ? performance.now() : 0;
    const reply = await this.send({ op: "run", statements });
    if (tracer) tracer(describe(statements), performance.now() - started);
    if (!reply.ok) throw errorFrom(reply.error ?? {});
    return { rows: reply.rows ?? [], affectedRows: reply.affectedRows };
  }

  /** Posts a whole transaction; `posted` runs once it is queued in the worker. */
  async transaction(statements: Statement[], posted: () => void): Promise<unknown[][]> {
    const started = tracer ? performance.now() : 0;
    const reply = this.send({ op: "transaction", statements });
    posted();
    const result = await reply;
    if (tracer) tracer(`[transaction] begin; ${describe(statements)}; commit`, performance.now() - started);
    if (!result.ok) throw errorFrom(result.error ?? {});
    return result.results ?? [];
  }

  async close() {
    if (!this.lost) {
      await this.send({ op: "close" }).catch(() => undefined);
      this.lost = Object.assign(new Error("The embedded database is closed."), { code: "57P01" });
    }
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }
}

class Mutex {
  private tail: Promise<void> = Promise.resolve();

  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => next);
    return previous.then(() => release);
  }
}

class PgliteConnection implements DatabaseConnection {
  /** `begin` waits here to travel with the transaction's first statement: one round trip fewer. */
  pendingBegin = false;

  constructor(private readonly pg: PgliteWorker) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const statements: Statement[] = [{ sql: query.sql, params: [...query.parameters] }];
    if (this.pendingBegin) {
      statements.unshift({ exec: "begin" });
      this.pendingBegin = false;
    }
    const result = await this.pg.run(statements);
    return {
      rows: result.rows as R[],
      numAffectedRows: result.affectedRows !== undefined ? BigInt(result.affectedRows) : undefined,
    };
  }

  // biome-ignore lint/correctness/useYield: Kysely asks for an async iterator; this one fails on the first read
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming queries are not supported on PGlite");
  }
}

class PgliteDriver implements Driver {
  readonly mutex = new Mutex();
  private readonly releases = new WeakMap<DatabaseConnection, () => void>();

  constructor(private readonly pg: PgliteWorker) {}

  async init() {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.lock();
    const connection = new PgliteConnection(this.pg);
    this.releases.set(connection, release);
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection) {
    (connection as PgliteConnection).pendingBegin = true;
  }

  async commitTransaction(connection: DatabaseConnection) {
    await this.end(connection as PgliteConnection, "commit");
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    await this.end(connection as PgliteConnection, "rollback");
  }

  private async end(connection: PgliteConnection, sql: "commit" | "rollback") {
    if (connection.pendingBegin) {
      connection.pendingBegin = false; // a transaction that ran nothing: nothing to end
      return;
    }
    await this.pg.run([{ exec: sql }]);
  }

  async releaseConnection(connection: DatabaseConnection) {
    this.releases.get(connection)?.();
    this.releases.delete(connection);
  }

  async destroy() {}
}

/**
 * Opens (creating if needed) the PGlite database at `dataDir` in a worker thread. `onLost` is
 * called if the worker dies, so the owner can reopen the database on the next request.
 */
export async function createPgliteAdapter(
  dataDir: string,
  options: {
    onLost?: () => void;
    /** Bounds the worker's JS heap: past it the worker dies (and `onLost` is called), not the server. */
    resourceLimits?: ResourceLimits;
  } = {},
): Promise<DatabaseAdapter> {
  const pg = await PgliteWorker.start(dataDir, options.onLost ?? (() => {}), options.resourceLimits);
  const driver = new PgliteDriver(pg);
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return {
    kind: "pglite",
    db,
    async withExclusiveSession(fn) {
      const release = await driver.mutex.lock();
      const session: RawSession = {
        query: async <R>(text: string, params: unknown[] = []) => (await pg.run([{ sql: text, params }])).rows as R[],
        exec: async (text: string) => {
          await pg.run([{ exec: text }]);
        },
      };
      try {
        await session.exec("begin");
        try {
          const result = await fn(session);
          await session.exec("commit");
          return result;
        } catch (error) {
          await session.exec("rollback").catch(() => undefined);
          throw error;
        }
      } finally {
        release();
      }
    },
    async runTransaction(statements) {
      // The mutex waits for an interactive transaction to finish, and is released as soon as
      // this one is queued in the worker, which runs messages in order: it is held for one
      // postMessage, not for the transaction's round trip.
      const release = await driver.mutex.lock();
      return pg.transaction(
        statements.map((statement): Statement =>
          isRoleSwitch(statement)
            ? { exec: roleSwitchSql(statement) }
            : { sql: statement.sql, params: [...statement.parameters] },
        ),
        release,
      );
    },
    async close() {
      await db.destroy();
      await pg.close();
    },
  };
}
