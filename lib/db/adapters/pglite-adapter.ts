// Embedded adapter: PGlite (Postgres compiled to WASM) persisted under DATA_DIR, or in memory
// for `memory://`. PGlite has a single connection, so a mutex hands it to one Kysely
// connection (and so one transaction) at a time.
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
import type { PGlite } from "@electric-sql/pglite";
import type { DB } from "../schema";
import type { DatabaseAdapter, RawSession } from "../database-adapter";

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
  constructor(private readonly pg: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(query.sql, [...query.parameters]);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows !== undefined ? BigInt(result.affectedRows) : undefined,
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming queries are not supported on PGlite");
  }
}

class PgliteDriver implements Driver {
  readonly mutex = new Mutex();
  private readonly releases = new WeakMap<DatabaseConnection, () => void>();

  constructor(private readonly pg: PGlite) {}

  async init() {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.lock();
    const connection = new PgliteConnection(this.pg);
    this.releases.set(connection, release);
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection) {
    await connection.executeQuery({ sql: "begin", parameters: [] } as unknown as CompiledQuery);
  }

  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery({ sql: "commit", parameters: [] } as unknown as CompiledQuery);
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery({ sql: "rollback", parameters: [] } as unknown as CompiledQuery);
  }

  async releaseConnection(connection: DatabaseConnection) {
    this.releases.get(connection)?.();
    this.releases.delete(connection);
  }

  async destroy() {}
}

export async function createPgliteAdapter(dataDir: string): Promise<DatabaseAdapter> {
  const { PGlite } = await import("@electric-sql/pglite");
  const pg = dataDir.startsWith("memory://") ? new PGlite() : new PGlite(dataDir);
  await pg.waitReady;
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
        query: async <R>(text: string, params: unknown[] = []) =>
          (await pg.query<R>(text, params)).rows,
        exec: async (text: string) => {
          await pg.exec(text);
        },
      };
      try {
        return await fn(session);
      } finally {
        release();
      }
    },
    async close() {
      await db.destroy();
      await pg.close();
    },
  };
}
