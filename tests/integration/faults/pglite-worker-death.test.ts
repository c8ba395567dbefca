// Fault: the embedded database's worker thread dies (here: it runs out of heap on a huge result).
// The server itself must live on: the query in flight fails with 503 "database unavailable",
// the owner is told so it can reopen, later calls fail fast instead of hanging, and reopening the
// data directory finds every committed row.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createPgliteAdapter } from "@/lib/db/adapters/pglite-adapter";
import { toDatabaseError } from "@/lib/db/with-rls";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("the PGlite worker dies", () => {
  it("fails the query in flight with 503, calls onLost, and a reopened database has every committed row", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "pglite-worker-death-"));
    dirs.push(dataDir);
    let lost = 0;
    const adapter = await createPgliteAdapter(dataDir, { onLost: () => lost++, resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
    await sql`create table notes (id int primary key, body text not null)`.execute(adapter.db);
    for (let id = 1; id <= 20; id++) await sql`insert into notes values (${id}, ${`note ${id}`})`.execute(adapter.db);

    // 20 copies of an 8 MiB string: far past the worker's heap.
    const huge = sql`select repeat('x', 8 * 1024 * 1024) as big from generate_series(1, 20)`.execute(adapter.db);
    const failure = await huge.then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure, "the huge result should have killed the worker").not.toBeNull();
    const mapped = toDatabaseError(failure);
    expect(mapped.status).toBe(503);
    expect(lost).toBe(1);

    // Later calls fail at once with the same error instead of waiting on a dead thread.
    const started = Date.now();
    const later = await sql`select 1`.execute(adapter.db).then(
      () => null,
      (error: unknown) => error,
    );
    expect(toDatabaseError(later).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1_000);
    await adapter.close().catch(() => undefined);

    const reopened = await createPgliteAdapter(dataDir);
    try {
      const { rows } = await sql<{ id: number; body: string }>`select id, body from notes order by id`.execute(reopened.db);
      expect(rows).toHaveLength(20);
      expect(rows[19]).toEqual({ id: 20, body: "note 20" });
      await sql`insert into notes values (21, 'after the reopen')`.execute(reopened.db);
    } finally {
      await reopened.close();
    }
  }, 60_000);
});
