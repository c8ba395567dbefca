// Fault: the Postgres server becomes unreachable, or the connection dies between two statements
// of a transaction. Clients get a 503 with a clear message (no driver details), nothing
// half-written remains on the real server, and the app recovers when the database returns.
// The app talks to Postgres through a TCP proxy this test controls (tests/fixtures/faults), in
// a database of its own on the test server, so other suites sharing the server are unaffected.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPgCutProxy, type PgCutProxy } from "@/tests/fixtures/faults/pg-cut-proxy";
import type { Handler } from "@/tests/helpers/call-route";
import { postgresAvailable, TEST_DATABASE_URL } from "@/tests/helpers/postgres";

const available = await postgresAvailable();
const DB_NAME = `faults_${process.pid}_${randomUUID().slice(0, 8)}`;
const CLEAR_MESSAGE = "The database is unavailable right now. Try again shortly.";

let proxy: PgCutProxy;
let admin: pg.Client; // straight to the real server, never through the proxy
let app: {
  keys: { GET: Handler; POST: Handler };
  chat: Handler;
  signup: Handler;
  callRoute: typeof import("@/tests/helpers/call-route").callRoute;
  createTestUser: typeof import("@/tests/helpers/test-users").createTestUser;
  closeDatabase: () => Promise<void>;
};

function serverUrl(database: string) {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  return url;
}

describe.skipIf(!available)("Postgres outage", () => {
  let user: Awaited<ReturnType<typeof app.createTestUser>>;

  beforeAll(async () => {
    const target = new URL(TEST_DATABASE_URL);
    const maintenance = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await maintenance.connect();
    await maintenance.query(`create database "${DB_NAME}"`);
    await maintenance.end();
    admin = new pg.Client({ connectionString: serverUrl(DB_NAME).toString() });
    await admin.connect();

    proxy = await startPgCutProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = serverUrl(DB_NAME);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    // Before any app module loads: lib/env reads the environment once.
    process.env.DATABASE_URL = viaProxy.toString();
    const [keys, { POST: chat }, { POST: signup }, { callRoute }, { createTestUser }, { closeDatabase }, chain] = await Promise.all([
      import("@/app/api/keys/route"),
      import("@/app/api/chat/route"),
      import("@/app/api/auth/signup/route"),
      import("@/tests/helpers/call-route"),
      import("@/tests/helpers/test-users"),
      import("@/lib/db/get-database"),
      import("@/lib/ai/providers/get-provider-chain"),
    ]);
    chain.setProviderChainForTests(chain.createProviderChain({ providers: [{ kind: "mock", tokens: 5, delayMs: 0 }], timeoutMs: 5_000 }));
    app = { keys: keys as unknown as typeof app.keys, chat: chat as Handler, signup: signup as Handler, callRoute, createTestUser, closeDatabase };
    user = await createTestUser("pg-fault"); // opens and migrates the new database through the proxy
  });

  afterAll(async () => {
    await app?.closeDatabase().catch(() => undefined);
    await proxy?.close();
    await admin?.end().catch(() => undefined);
    const maintenance = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await maintenance.connect();
    await maintenance.query(`drop database if exists "${DB_NAME}" with (force)`);
    await maintenance.end();
  });

  const keyRows = async (name: string) =>
    (await admin.query("select id from api_keys where user_id = $1 and name = $2", [user.id, name])).rowCount;

  it("works through the proxy while the database is up", async () => {
    const { status } = await app.callRoute(app.keys.POST, "/api/keys", { token: user.accessToken, body: { name: "before" } });
    expect(status).toBe(201);
    expect(await keyRows("before")).toBe(1);
  });

  it("answers 503 with a clear message, fast, while the database is unreachable", async () => {
    await proxy.refuse();
    const calls: [Handler, string, Parameters<typeof app.callRoute>[2]][] = [
      [app.keys.GET, "/api/keys", { token: user.accessToken }],
      [app.keys.POST, "/api/keys", { token: user.accessToken, body: { name: "while-down" } }],
      [app.signup, "/api/auth/signup", { body: { email: `down-${randomUUID().slice(0, 8)}@example.test`, password: "correct-horse-42" } }],
      [app.chat, "/api/chat", { token: user.accessToken, body: { messages: [{ id: "m1", role: "user", parts: [{ type: "text", text: "Anyone there?" }] }] } }],
    ];
    for (const [handler, route, options] of calls) {
      const started = performance.now();
      const { status, json, text } = await app.callRoute(handler, route, options);
      expect(performance.now() - started, route).toBeLessThan(7_000);
      expect(status, route).toBe(503);
      expect(json?.error?.message, route).toBe(CLEAR_MESSAGE);
      // Driver details stay in the logs.
      expect(text, route).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|5432|postgres/i);
    }
    await proxy.accept();
    expect(await keyRows("while-down")).toBe(0);
  });

  it("a connection cut between a statement and its COMMIT leaves nothing behind, and the client gets 503", async () => {
    const cut = proxy.cutBeforeCommitAfter(/insert into "api_keys"/i);
    const { status, json } = await app.callRoute(app.keys.POST, "/api/keys", { token: user.accessToken, body: { name: "cut-mid-transaction" } });
    const statement = await Promise.race([cut, new Promise<string>((resolve) => setTimeout(() => resolve(""), 2_000))]);
    expect(statement, `no INSERT INTO api_keys was seen; statements: ${proxy.seen.slice(-5).join(" | ")}`).toMatch(/insert into "api_keys"/i);
    expect(status).toBe(503);
    expect(json.error.message).toBe(CLEAR_MESSAGE);
    // The real server rolled the transaction back: no key row, and no audit entry for it.
    expect(await keyRows("cut-mid-transaction")).toBe(0);
    const audit = await admin.query("select count(*)::int as n from audit_log where user_id = $1 and action = 'api_key.created'", [user.id]);
    expect(audit.rows[0].n).toBe(1); // only the key created before the faults
  });

  it("recovers: the next requests succeed without a restart", async () => {
    const { status } = await app.callRoute(app.keys.POST, "/api/keys", { token: user.accessToken, body: { name: "after-recovery" } });
    expect(status).toBe(201);
    expect(await keyRows("after-recovery")).toBe(1);
    const chat = await app.callRoute(app.chat, "/api/chat", {
      token: user.accessToken,
      body: { messages: [{ id: "m2", role: "user", parts: [{ type: "text", text: "Back?" }] }] },
    });
    expect(chat.status).toBe(200);
    expect(chat.text).toContain('"type":"finish"');
  });
});
