import { describe, expect, it } from "vitest";
import { cp, mkdir, mkdtemp, readdir, rename, rm, writeFile } from "node:fs/promises";
import pg from "pg";
import os from "node:os";
import path from "node:path";
import { createPgliteAdapter } from "@/lib/db/adapters/pglite-adapter";
import { createPostgresAdapter } from "@/lib/db/adapters/postgres-adapter";
import type { DatabaseAdapter } from "@/lib/db/database-adapter";
import { migrate, supabaseDir } from "@/lib/db/migrate";
import { postgresAvailable, TEST_DATABASE_URL } from "../../helpers/postgres";

const TABLES = [
  "profiles",
  "conversations",
  "messages",
  "usage_records",
  "customers",
  "subscriptions",
  "stripe_events",
  "api_keys",
  "audit_log",
  "password_reset_tokens",
  "addin_heartbeats",
  "workspaces",
  "workspace_members",
  "workspace_invites",
  "workspace_audit_log",
];

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
  }, 120_000); // two on-disk PGlite starts, each migrating: slow on a loaded machine
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
    // A fresh database of its own: the shared one holds whatever earlier runs left there.
    const name = `eaa_migrate_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    const a = await createPostgresAdapter(url.toString());
    const b = await createPostgresAdapter(url.toString());
    try {
      const [first, second] = await Promise.all([migrate(a), migrate(b)]);
      // Between them the two runs applied every migration exactly once.
      const files = (await readdir(path.join(supabaseDir(), "migrations"))).filter((file) => file.endsWith(".sql")).sort();
      expect([...first.applied, ...second.applied].sort()).toEqual(files);
      const again = await migrate(a);
      expect(again.applied).toEqual([]);
      const rows = await a.withExclusiveSession((s) =>
        s.query<{ tablename: string; rowsecurity: boolean }>(
          "select tablename, rowsecurity from pg_tables where schemaname = 'public'",
        ),
      );
      for (const table of TABLES) expect(rows.find((r) => r.tablename === table)?.rowsecurity).toBe(true);
    } finally {
      await a.close();
      await b.close();
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    }
  });
});

/**
 * Upgrading a database that already holds data: everything up to the migration before
 * `name` is applied, `seed` writes rows, then the rest is applied; returns a query function
 * to look at the result.
 */
async function upgradeAcross(adapter: DatabaseAdapter, name: string, seed: (query: (sql: string) => Promise<unknown[]>) => Promise<void>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "eaa-upgrade-"));
  try {
    await cp(supabaseDir(), path.join(dir, "supabase"), { recursive: true });
    const held = path.join(dir, "held");
    await mkdir(held);
    for (const file of await readdir(path.join(dir, "supabase", "migrations"))) {
      if (file >= name) await rename(path.join(dir, "supabase", "migrations", file), path.join(held, file));
    }
    const before = await migrate(adapter, path.join(dir, "supabase"));
    expect(before.applied).not.toContain(name);
    const query = (text: string) => adapter.withExclusiveSession((s) => s.query<Record<string, unknown>>(text));
    await seed(query);
    await cp(held, path.join(dir, "supabase", "migrations"), { recursive: true });
    const after = await migrate(adapter, path.join(dir, "supabase"));
    expect(after.applied).toContain(name);
    return query;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const SCOPES_MIGRATION = "20261201000000_api_key_scopes.sql";

async function checkKeyScopesUpgrade(adapter: DatabaseAdapter) {
  const query = await upgradeAcross(adapter, SCOPES_MIGRATION, async (q) => {
    await q(`insert into auth.users (id, email) values ('11111111-1111-4111-8111-111111111111', 'old-key@example.test')`);
    await q(`insert into public.api_keys (user_id, name, prefix, key_hash) values
      ('11111111-1111-4111-8111-111111111111', 'made before scopes', 'eaa_oldkey00', 'hash-old-1'),
      ('11111111-1111-4111-8111-111111111111', 'revoked before scopes', 'eaa_oldkey01', 'hash-old-2')`);
    await q(`update public.api_keys set revoked_at = now() where key_hash = 'hash-old-2'`);
  });
  // Existing keys keep working for what keys did: chat, history and usage. Nothing else changed.
  const rows = (await query(`select name, scopes, revoked_at is not null as revoked from public.api_keys order by name`)) as { name: string; scopes: string[]; revoked: boolean }[];
  expect(rows).toEqual([
    { name: "made before scopes", scopes: ["chat", "history", "usage"], revoked: false },
    { name: "revoked before scopes", scopes: ["chat", "history", "usage"], revoked: true },
  ]);
  // Only the three known scopes, at least one.
  for (const bad of ["array['admin']", "array[]::text[]", "array['chat','keys']", "null"]) {
    await expect(
      query(`insert into public.api_keys (user_id, name, prefix, key_hash, scopes) values ('11111111-1111-4111-8111-111111111111', 'bad', 'eaa_bad', 'hash-${bad.length}-${Math.random()}', ${bad})`),
      bad,
    ).rejects.toThrow(/api_keys_scopes_valid|null value/);
  }
  await query(`insert into public.api_keys (user_id, name, prefix, key_hash, scopes) values ('11111111-1111-4111-8111-111111111111', 'chat only', 'eaa_ok', 'hash-ok', array['chat'])`);
}

const hasPostgres = await postgresAvailable();

describe("the API key scopes migration", () => {
  it("gives keys made before it all three scopes and allows only known scopes (PGlite)", async () => {
    const adapter = await createPgliteAdapter("memory://");
    try {
      await checkKeyScopesUpgrade(adapter);
    } finally {
      await adapter.close();
    }
  });

  it.runIf(hasPostgres)("does the same on the Postgres server", async () => {
    // A database of its own, so the upgrade starts from before the migration.
    const name = `eaa_upgrade_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    const adapter = await createPostgresAdapter(url.toString());
    try {
      await checkKeyScopesUpgrade(adapter);
    } finally {
      await adapter.close();
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    }
  });
});
