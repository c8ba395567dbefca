// Chooses the database adapter from the environment — the one place that decides — and
// migrates it once per process. PGlite under DATA_DIR by default; Postgres with DATABASE_URL.
import "server-only";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import type { DatabaseAdapter } from "./database-adapter";
import { migrate } from "./migrate";

const holder = globalThis as unknown as { __database?: Promise<DatabaseAdapter> };

async function open(onLost: () => void): Promise<DatabaseAdapter> {
  if (env.DATABASE_URL) {
    const { createPostgresAdapter } = await import("./adapters/postgres-adapter");
    const adapter = await createPostgresAdapter(env.DATABASE_URL);
    await migrate(adapter);
    return adapter;
  }
  const { createPgliteAdapter } = await import("./adapters/pglite-adapter");
  let dataDir = env.DATA_DIR;
  if (!dataDir.startsWith("memory://")) {
    dataDir = path.resolve(dataDir, "pglite");
    await mkdir(dataDir, { recursive: true });
  }
  const adapter = await createPgliteAdapter(dataDir, {
    // The worker died (out of memory, a WASM abort): requests in flight got 503; the next one
    // reopens the data directory, which PGlite recovers from its write-ahead log.
    onLost,
  });
  await migrate(adapter);
  return adapter;
}

/** The process-wide database, opened and migrated on first use. */
export function getDatabase(): Promise<DatabaseAdapter> {
  if (!holder.__database) {
    const current: Promise<DatabaseAdapter> = open(() => {
      if (holder.__database === current) holder.__database = undefined;
    }).catch((error) => {
      holder.__database = undefined; // let the next request retry (e.g. Postgres came back)
      throw error;
    });
    holder.__database = current;
  }
  return holder.__database;
}

/** For tests and graceful shutdown. */
export async function closeDatabase() {
  const current = holder.__database;
  holder.__database = undefined;
  if (current) await (await current).close();
}
