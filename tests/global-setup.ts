// Server-mode runs (DATABASE_URL set) start from an empty database, so the migrations under
// test are the ones applied, then migrate once before the test files run in parallel.
import pg from "pg";

export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      drop schema if exists public cascade;
      drop schema if exists auth cascade;
      drop schema if exists supabase_migrations cascade;
      create schema public;
      grant all on schema public to public;
    `);
  } finally {
    await client.end();
  }
  const { createPostgresAdapter } = await import("../lib/db/adapters/postgres-adapter");
  const { migrate } = await import("../lib/db/migrate");
  const adapter = await createPostgresAdapter(url);
  await migrate(adapter);
  await adapter.close();
}
