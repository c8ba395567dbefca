// Applies supabase/migrations/*.sql in order, once each, recording them in the same table the
// Supabase CLI uses (supabase_migrations.schema_migrations), so `supabase db push` and this
// runner agree. Before them, on databases that are not Supabase, the local shim
// (supabase/shim/supabase-shim.sql) supplies the auth schema and roles. Safe to run on every
// start and from several processes at once: everything runs in one transaction holding a
// transaction-scoped advisory lock (so it also works through Supabase's transaction pooler),
// and a failing file leaves nothing of the run applied.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import type { DatabaseAdapter, RawSession } from "./database-adapter";

const SHIM_MARKER = "created by the local Supabase shim";

export interface MigrationReport {
  shimApplied: boolean;
  applied: string[];
  skipped: string[];
}

export function supabaseDir() {
  return path.join(process.cwd(), "supabase");
}

async function needsShim(session: RawSession): Promise<boolean> {
  const [row] = await session.query<{ users: string | null; comment: string | null }>(
    `select to_regclass('auth.users')::text as users,
            case when to_regclass('auth.users') is null then null
                 else obj_description(to_regclass('auth.users'), 'pg_class') end as comment`,
  );
  // Absent: a plain Postgres or PGlite. Present with our marker: re-apply (idempotent).
  // Present without it: Supabase's own auth schema, which must never be touched.
  return !row?.users || row.comment === SHIM_MARKER;
}

export async function migrate(adapter: DatabaseAdapter, dir = supabaseDir()): Promise<MigrationReport> {
  const migrationsDir = path.join(dir, "migrations");
  const files = (await readdir(migrationsDir)).filter((file) => file.endsWith(".sql")).sort();

  return adapter.withExclusiveSession(async (session) => {
    const report: MigrationReport = { shimApplied: false, applied: [], skipped: [] };
    if (await needsShim(session)) {
      await session.exec(await readFile(path.join(dir, "shim", "supabase-shim.sql"), "utf8"));
      report.shimApplied = true;
    }
    await session.exec(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key,
        statements text[],
        name text
      );`);
    const done = new Set(
      (await session.query<{ version: string }>("select version from supabase_migrations.schema_migrations")).map(
        (row) => row.version,
      ),
    );
    for (const file of files) {
      const [version, ...rest] = file.replace(/\.sql$/, "").split("_");
      if (done.has(version)) {
        report.skipped.push(file);
        continue;
      }
      const script = await readFile(path.join(migrationsDir, file), "utf8");
      try {
        await session.exec(script);
        await session.query(
          "insert into supabase_migrations.schema_migrations (version, name) values ($1, $2)",
          [version, rest.join("_")],
        );
      } catch (error) {
        throw new Error(`migration ${file} failed (nothing of this run was applied): ${(error as Error).message}`, { cause: error });
      }
      report.applied.push(file);
    }
    return report;
  });
}
