// In-process breakdown of one chat request, for finding what the full /api/chat adds over the
// bare route: calls the route handlers directly (no HTTP, no Next.js server) on a fresh PGlite
// with the mock model, sequentially, and reports per request the wall time and the number and
// wall time of round trips to the PGlite worker. Run:
//   node --conditions=react-server --import tsx bench/profile-chat.ts [--requests=200] [--trace]
// (`react-server` lets the app's `server-only` modules load outside Next.js.)
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { salesContext } from "./sales-data";
import { round, summarize } from "./stats";

const requests = Number(process.argv.find((a) => a.startsWith("--requests="))?.slice(11) ?? 200);
const dataDir = mkdtempSync(path.join(os.tmpdir(), "excel-ai-profile-"));
Object.assign(process.env, {
  DATA_DIR: dataDir,
  AI_PROVIDER_ORDER: "mock",
  MOCK_MODEL_TOKENS: "40",
  MOCK_MODEL_DELAY_MS: "0",
  RATE_LIMIT_SCALE: "100000",
  DEFAULT_PLAN: "team",
  LOG_LEVEL: "silent",
  BENCH_ROUTES: "true",
  AUTH_SECRET: "profile-chat-secret-that-is-at-least-32-chars",
});

// Count and time every round trip to the PGlite worker (a transaction's `begin` travels with its
// first statement). The time is wall time on the server's thread: the wait, not CPU it spends.
const { setPgliteTracer } = await import("@/lib/db/adapters/pglite-adapter");
const db = { count: 0, ms: 0 };
let trace: string[] | null = null;
let traceStart = 0;
setPgliteTracer((sql, ms) => {
  db.count++;
  db.ms += ms;
  const ended = performance.now() - traceStart;
  trace?.push(`${(ended - ms).toFixed(2).padStart(6)} → ${ended.toFixed(2).padStart(6)} ms  (${ms.toFixed(2).padStart(5)})  ${sql.replace(/\s+/g, " ").slice(0, 90)}`);
});

const [{ POST: signup }, { POST: createKey }, { POST: chat }, { POST: v1Chat }, { POST: bare }, excel] = await Promise.all([
  import("@/app/api/auth/signup/route"),
  import("@/app/api/keys/route"),
  import("@/app/api/chat/route"),
  import("@/app/api/v1/chat/route"),
  import("@/app/api/bench/bare/route"),
  import("@/lib/excel"),
]);

type Handler = (request: Request) => Promise<Response>;
const base = "http://127.0.0.1:3000";
async function call(handler: Handler, route: string, body: unknown, token?: string) {
  const response = await handler(
    new Request(`${base}${route}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "127.0.0.1", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }),
  );
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${route}: ${response.status} ${text.slice(0, 200)}`);
  return text;
}

try {
  const session = JSON.parse(await call(signup as Handler, "/api/auth/signup", { email: "profile@example.test", password: "correct-horse-battery-42" }));
  const { key } = JSON.parse(await call(createKey as Handler, "/api/keys", { name: "profile" }, session.access_token));
  const context = salesContext({ rows: 199 });

  // Analysis alone, as run-chat does it.
  const analysisMs: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    const parsed = excel.parseExcelContext(structuredClone(context), { maxCells: 1_000_000 });
    excel.buildCompactContext(parsed, excel.analyzeExcelContext(parsed));
    analysisMs.push(performance.now() - started);
  }

  const scenarios: [string, Handler, string, (i: number) => unknown][] = [
    ["bare streamText", bare as Handler, "/api/bench/bare", (i) => ({ messages: [{ id: `m${i}`, role: "user", parts: [{ type: "text", text: `Question ${i}` }] }], context })],
    ["/api/chat", chat as Handler, "/api/chat", (i) => ({ messages: [{ id: `m${i}`, role: "user", parts: [{ type: "text", text: `Question ${i}` }] }], context })],
    ["/api/v1/chat", v1Chat as Handler, "/api/v1/chat", (i) => ({ message: `Question ${i}`, context })],
    // The same question every time: answered from the response cache after the first.
    ["/api/chat, cached", chat as Handler, "/api/chat", () => ({ messages: [{ id: "same", role: "user", parts: [{ type: "text", text: "The same question" }] }], context })],
  ];
  console.log(`${requests} sequential requests each, 2,000-cell context, after 20 warm-up requests\n`);
  console.log("| handler | p50 ms | p95 ms | mean ms | PGlite round trips / request | PGlite wait ms / request |\n|---|---:|---:|---:|---:|---:|");
  for (const [label, handler, route, body] of scenarios) {
    for (let i = 0; i < 20; i++) await call(handler, route, body(-i - 1), key);
    // Answers are stored after the stream ends: let the warm-up's writes finish first.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const times: number[] = [];
    const before = { ...db };
    for (let i = 0; i < requests; i++) {
      const started = performance.now();
      await call(handler, route, body(i), key);
      times.push(performance.now() - started);
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // include the answer's writes
    const s = summarize(times);
    console.log(`| ${label} | ${s.p50} | ${s.p95} | ${s.mean} | ${round((db.count - before.count) / requests, 1)} | ${round((db.ms - before.ms) / requests, 2)} |`);
  }
  if (process.argv.includes("--trace")) {
    // The round trips of one request, in order: when each started and ended (ms from the start
    // of the request) and how long it took, and when the response's body was read.
    for (const [label, index] of [["/api/chat", 1], ["/api/chat, cached", 3]] as const) {
      trace = [];
      traceStart = performance.now();
      await call(chat as Handler, "/api/chat", scenarios[index][3](999_999), key);
      const answered = performance.now() - traceStart;
      await new Promise((resolve) => setTimeout(resolve, 300));
      console.log(`\nRound trips of one ${label} request (${trace.length}; the answer was read whole at ${answered.toFixed(2)} ms):\n${trace.join("\n")}`);
    }
    trace = null;
  }
  const a = summarize(analysisMs);
  console.log(`\nanalysis of the 2,000-cell context (parse + analyse + compact): p50 ${a.p50} ms, p95 ${a.p95} ms`);
} finally {
  const { closeDatabase } = await import("@/lib/db/get-database");
  await closeDatabase().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
