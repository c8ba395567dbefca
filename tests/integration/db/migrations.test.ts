import { describe, expect, it } from "vitest";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createPgliteAdapter } from "@/lib/db/adapters/pglite-adapter";
import { createPostgresAdapter } from "@/lib/db/adapters/postgres-adapter";
import { migrate, supabaseDir } from "@/lib/db/migrate";
import { postgresAvailable, TEST_DATABASE_URL } from "../../helpers/postgres";

const TABLES = ["profiles", "conversations", "messages", "usage_records", "customers", "subscriptions", "stripe_events", "api_keys", "audit_log"];

describe("migrations on PGlite", () => {
  it("apply on a fresh data directory, and a second start is a no-op", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "eaa-pglite-"));
    const first = await createPgliteAdapter(dir);
    const report = await migrate(first);
    expect(report.shimApplied).toBe(true);
    expect(report.applied.length).toBeGreaterThan(0);
    await first.close();

    const second = await createPgliteAdapter(dir);
    const again = await migrate(second);
    expect(again.applied).toEqual([]);
    expect(again.skipped).toEqual(report.applied);
    const rows = await second.withExclusiveSession((s) =>
      s.query<{ tablename: string; rowsecurity: boolean }>(
        "select tablename, rowsecurity from pg_tables where schemaname = 'public' order by tablename",
      ),
    );
    expect(rows.map((r) => r.tablename).sort()).toEqual([...TABLES].sort());
    expect(rows.every((r) => r.rowsecurity)).toBe(true);
    await second.close();
  });
});

describe("a failing migration", () => {
  it("leaves nothing of its run applied, and the run succeeds once the file is fixed", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "eaa-broken-"));
    await cp(supabaseDir(), path.join(dir, "supabase"), { recursive: true });
    const broken = path.join(dir, "supabase", "migrations", "29991231000000_broken.sql");
    await writeFile(broken, "create table public.half_done (id int);\nselect 1 / 0;\n");
    const adapter = await createPgliteAdapter("memory://");
    try {
      await expect(migrate(adapter, path.join(dir, "supabase"))).rejects.toThrow(/29991231000000_broken\.sql failed \(nothing of this run was applied\): division by zero/);
      const [left] = await adapter.withExclusiveSession((s) =>
        s.query<{ conversations: string | null; half: string | null; recorded: string | null }>(
          "select to_regclass('public.conversations')::text as conversations, to_regclass('public.half_done')::text as half, to_regclass('supabase_migrations.schema_migrations')::text as recorded",
        ),
      );
      expect(left).toEqual({ conversations: null, half: null, recorded: null });

      await writeFile(broken, "create table public.half_done (id int);\n");
      const report = await migrate(adapter, path.join(dir, "supabase"));
      expect(report.applied).toContain("29991231000000_broken.sql");
    } finally {
      await adapter.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(await postgresAvailable())("migrations on the Postgres server", () => {
  it("apply once, concurrently safe, and a second run is a no-op", async () => {
    const a = await createPostgresAdapter(TEST_DATABASE_URL);
    const b = await createPostgresAdapter(TEST_DATABASE_URL);
    await Promise.all([migrate(a), migrate(b)]);
    const again = await migrate(a);
    expect(again.applied).toEqual([]);
    const rows = await a.withExclusiveSession((s) =>
      s.query<{ tablename: string; rowsecurity: boolean }>(
        "select tablename, rowsecurity from pg_tables where schemaname = 'public'",
      ),
    );
    for (const table of TABLES) expect(rows.find((r) => r.tablename === table)?.rowsecurity).toBe(true);
    await a.close();
    await b.close();
  });
});
