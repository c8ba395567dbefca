// npm run bench:functions — 1,000 cached in-cell function calls answered end to end, as a pane
// recalculating a 1,000-row column sends them: 20 batches of 50 to POST /api/v1/functions, three
// batches in flight at a time, against a production build on the embedded defaults. The cache is
// warmed once (those calls are computed and stored), then the whole column is recalculated
// --rounds times; every answer must be marked cached. Target: each round under 1 s.
// Writes bench/results/functions-latest.json; exits non-zero when a round misses the target or
// any answer is not a cached value.
//
// Flags: --rebuild (next build first), --rounds=10, --calls=1000, --parallel=3, --port=<fixed port>,
//        --out=<file>.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createBenchUser } from "./api-client";
import { ensureBuild, ROOT, startServer } from "./server-process";
import { round, summarize } from "./stats";
import { numberFlag } from "./flags";

/** A count flag: at least 1. */
function flag(name: string, fallback: number): number {
  const value = numberFlag(name, fallback);
  if (value < 1) throw new Error(`--${name} must be a number >= 1`);
  return value;
}

const CALLS = flag("calls", 1_000);
const ROUNDS = flag("rounds", 10);
const PARALLEL = flag("parallel", 3);
const BATCH = 50;
const TARGET_MS = 1_000;
const OUT = process.argv.find((a) => a.startsWith("--out="))?.slice(6) ?? path.join(ROOT, "bench", "results", "functions-latest.json");
const LABELS = [["Hardware", "Software", "Services"]];
const KINDS = ["hardware order", "software renewal", "services visit"];

const calls = Array.from({ length: CALLS }, (_, i) => ({ id: `r${i + 1}`, name: "CLASSIFY", args: [`${KINDS[i % 3]} ${i + 1}`, LABELS] }));
const batches = Array.from({ length: Math.ceil(CALLS / BATCH) }, (_, i) => calls.slice(i * BATCH, (i + 1) * BATCH));

/** The whole column, PARALLEL batches at a time; returns how many answers were cached values. */
async function recalculate(url: string, apiKey: string): Promise<{ ms: number; cached: number; computed: number; errors: number }> {
  const started = performance.now();
  let next = 0;
  const counts = { cached: 0, computed: 0, errors: 0 };
  async function worker() {
    while (next < batches.length) {
      const batch = batches[next++];
      const response = await fetch(`${url}/api/v1/functions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ calls: batch }),
      });
      const body = (await response.json()) as { results?: { value?: unknown; cached?: boolean }[] };
      if (response.status !== 200 || !body.results) {
        counts.errors += batch.length;
        continue;
      }
      for (const result of body.results) {
        if (result.value === undefined) counts.errors++;
        else if (result.cached) counts.cached++;
        else counts.computed++;
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return { ms: performance.now() - started, ...counts };
}

async function main() {
  ensureBuild({ rebuild: process.argv.includes("--rebuild") });
  const portArg = process.argv.find((a) => a.startsWith("--port="));
  const server = await startServer({ env: { RATE_LIMIT_SCALE: "100000", DEFAULT_PLAN: "team", LOG_LEVEL: "warn" }, port: portArg ? flag("port", 0) : undefined });
  try {
    const user = await createBenchUser(server.url, "functions");
    const warm = await recalculate(server.url, user.apiKey);
    if (warm.errors > 0 || warm.computed !== CALLS) throw new Error(`warm-up: ${warm.computed} computed, ${warm.errors} errors`);
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await recalculate(server.url, user.apiKey));
    const times = rounds.map((r) => r.ms);
    const latency = summarize(times);
    const notCached = rounds.reduce((sum, r) => sum + r.computed + r.errors, 0);
    const worst = Math.max(...times);
    const result = {
      date: new Date().toISOString(),
      calls: CALLS,
      batches: batches.length,
      parallel: PARALLEL,
      rounds: ROUNDS,
      mode: "embedded (PGlite, in-process KV), no AI model: CLASSIFY computed deterministically once, then from the cache",
      warmUpMs: round(warm.ms),
      roundMs: latency,
      worstRoundMs: round(worst),
      notCached,
      targetMs: TARGET_MS,
      pass: worst < TARGET_MS && notCached === 0,
    };
    mkdirSync(path.dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`| calls | batches | parallel | warm-up (computed) | cached round p50 | p95 | worst | target | pass |`);
    console.log(`|---|---|---|---|---|---|---|---|---|`);
    console.log(
      `| ${CALLS} | ${batches.length} | ${PARALLEL} | ${round(warm.ms)} ms | ${latency.p50} ms | ${latency.p95} ms | ${round(worst)} ms | < ${TARGET_MS} ms | ${result.pass ? "yes" : "NO"} |`,
    );
    if (!result.pass) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

await main();
