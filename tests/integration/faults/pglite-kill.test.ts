// Fault: the process is killed (SIGKILL: no shutdown hooks, no flush) while it writes to the
// embedded PGlite database. Every transaction that reported its commit must be there after a
// restart — whole (user, conversation and both messages), never half — and the data directory
// must open cleanly, migrate (a no-op) and accept new writes.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPgliteAdapter } from "@/lib/db/adapters/pglite-adapter";
import { migrate } from "@/lib/db/migrate";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const WRITER = path.join(ROOT, "tests/fixtures/faults/pglite-writer.ts");
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs the writer until it has committed `commits` transactions plus a random few ms, then SIGKILLs it. */
function writeThenKill(dataDir: string, commits: number): Promise<{ committed: string[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", WRITER, dataDir, "20000"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const committed: string[] = [];
    let stderr = "";
    let buffered = "";
    let killScheduled = false;
    const guard = setTimeout(() => child.kill("SIGKILL"), 25_000); // bounded whatever happens
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) if (line.startsWith("committed ")) committed.push(line.slice(10));
      if (!killScheduled && committed.length >= commits) {
        killScheduled = true;
        // Land the kill at an arbitrary point of a later transaction, not right after a commit.
        setTimeout(() => child.kill("SIGKILL"), 5 + Math.floor(Math.random() * 40));
      }
    });
    child.once("error", reject);
    child.once("exit", (_code, signal) => {
      clearTimeout(guard);
      // Lines printed before the kill may still sit in the pipe's buffer: `buffered` holds at
      // most a partial line, which was never a completed "committed" line.
      if (!killScheduled) reject(new Error(`the writer exited before it was killed:\n${stderr}`));
      else resolve({ committed, signal });
    });
  });
}

/** `kills`: how many times the writer was killed on this directory; each may leave one transaction in flight. */
async function verify(dataDir: string, committed: string[], kills: number) {
  const adapter = await createPgliteAdapter(dataDir);
  try {
    const report = await migrate(adapter);
    expect(report.applied).toEqual([]); // already migrated: reopening does not redo anything
    // Only the writer's rows: verify() itself adds one "after-kill" user per round.
    const users = await adapter.db.selectFrom("auth.users").select("id").where("email", "like", "writer-%").execute();
    const present = new Set(users.map((u) => u.id));
    const missing = committed.filter((id) => !present.has(id));
    expect(missing, "committed transactions lost after SIGKILL").toEqual([]);

    // Atomicity: every user that exists (committed or caught by the kill after its commit
    // reached disk) has its whole transaction — one conversation and both messages.
    const counts = await adapter.db
      .selectFrom("auth.users as u")
      .leftJoin("conversations as c", "c.user_id", "u.id")
      .leftJoin("messages as m", "m.conversation_id", "c.id")
      .select(["u.id", (eb) => eb.fn.count<number>("c.id").distinct().as("conversations"), (eb) => eb.fn.count<number>("m.id").as("messages")])
      .where("u.email", "like", "writer-%")
      .groupBy("u.id")
      .execute();
    for (const row of counts) expect([row.id, Number(row.conversations), Number(row.messages)]).toEqual([row.id, 1, 2]);
    // At most one in flight per kill: committed to disk, but killed before it printed its line.
    expect(users.length - committed.length).toBeLessThanOrEqual(kills);

    // The directory is healthy: it takes new writes.
    const fresh = await adapter.db.insertInto("auth.users").values({ email: `after-kill-${Date.now()}@example.test` }).returning("id").executeTakeFirstOrThrow();
    expect(fresh.id).toMatch(/^[0-9a-f-]{36}$/);
    return users.length;
  } finally {
    await adapter.close();
  }
}

describe("PGlite survives a process kill during writes", () => {
  it("keeps every committed transaction, whole, and reopens cleanly — twice in a row", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "pglite-kill-"));
    dirs.push(dataDir);

    const first = await writeThenKill(dataDir, 25);
    expect(first.signal).toBe("SIGKILL");
    expect(first.committed.length).toBeGreaterThanOrEqual(25);
    const afterFirst = await verify(dataDir, first.committed, 1);

    // A second crash on a directory that already went through recovery once.
    const second = await writeThenKill(dataDir, 10);
    expect(second.signal).toBe("SIGKILL");
    const total = await verify(dataDir, [...first.committed, ...second.committed], 2);
    expect(total).toBeGreaterThanOrEqual(afterFirst + second.committed.length);
  }, 60_000);
});
