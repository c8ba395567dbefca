// /api/health/detailed when dependencies fail: 503 when the database is down, 200 "degraded"
// when only the KV is, and never the driver's message (which may hold a connection string).
import { describe, expect, it, vi } from "vitest";

const DB_ERROR = "connect ECONNREFUSED postgres://app:super-secret-pw@db.internal.example:5432/prod";
const KV_ERROR = "WRONGPASS invalid password for redis://default:kv-secret-token@kv.internal.example:6379";

const state = vi.hoisted(() => ({ dbDown: true, kvDown: false, hang: false }));

vi.mock("@/lib/db/get-database", async () => {
  const { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } = await import("kysely");
  // A database whose connection answers, refuses or never answers, as the test says.
  const connection = {
    executeQuery: async () => {
      if (state.hang) return new Promise<never>(() => undefined);
      return { rows: [] };
    },
    streamQuery: () => {
      throw new Error("unused");
    },
  };
  const db = new Kysely<unknown>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => ({
        init: async () => undefined,
        acquireConnection: async () => connection,
        beginTransaction: async () => undefined,
        commitTransaction: async () => undefined,
        rollbackTransaction: async () => undefined,
        releaseConnection: async () => undefined,
        destroy: async () => undefined,
      }),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return {
    getDatabase: async () => {
      if (state.dbDown) throw Object.assign(new Error(DB_ERROR), { code: "ECONNREFUSED" });
      return { db };
    },
    closeDatabase: async () => undefined,
  };
});

vi.mock("@/lib/kv/get-kv", () => ({
  getKv: () => ({
    kind: "redis",
    ping: async () => {
      if (state.kvDown) throw Object.assign(new Error(KV_ERROR), { code: "WRONGPASS" });
      return { latencyMs: 1 };
    },
  }),
}));

const { GET: detailed } = await import("@/app/api/health/detailed/route");
const { callRoute } = await import("../../helpers/call-route");

describe("GET /api/health/detailed with failing dependencies", () => {
  it("is 503 and down when the database is unreachable, without leaking the error", async () => {
    state.dbDown = true;
    state.kvDown = false;
    const { status, json, text } = await callRoute(detailed, "/api/health/detailed");
    expect(status).toBe(503);
    expect(json.status).toBe("down");
    expect(json.checks.database).toMatchObject({ status: "down", reason: "unreachable (ECONNREFUSED)" });
    expect(json.checks.auth.status).toBe("down");
    for (const leak of ["super-secret-pw", "db.internal.example", "postgres://"]) expect(text).not.toContain(leak);
  });

  it("is 200 and degraded when only the KV is down", async () => {
    state.dbDown = false;
    state.kvDown = true;
    const { status, json, text } = await callRoute(detailed, "/api/health/detailed");
    expect(json.checks.kv).toMatchObject({ status: "down", reason: "unreachable (WRONGPASS)" });
    expect(json.checks.database.status).toBe("ok");
    expect(status).toBe(200);
    expect(json.status).toBe("degraded");
    for (const leak of ["kv-secret-token", "kv.internal.example", "redis://"]) expect(text).not.toContain(leak);
  });

  it("gives up on a dependency that hangs instead of hanging itself", async () => {
    state.dbDown = false;
    state.hang = true;
    state.kvDown = false;
    const started = performance.now();
    const { status, json } = await callRoute(detailed, "/api/health/detailed");
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(status).toBe(503);
    expect(json.checks.database.reason).toMatch(/no answer within/);
  });
});
