// Soak test: a long-running embedded production server (PGlite, in-process KV, mock model) under
// a moderate, steady mix of real traffic — new questions (each one a new cache entry and new
// rows), repeated questions (cache hits), history lists and searches — while its resident memory
// is sampled. Memory must level off: the in-process KV bounds its cache entries and every other
// entry expires, so a server that keeps growing with traffic is a leak.
//
// Usage: ./node_modules/.bin/tsx bench/soak.ts [--duration=1800] [--rate=3] [--sample=15]
//        [--warmup=300] [--port=<fixed port>] [--out=bench/results/soak-latest.json]
// Verdict: the median RSS of the last tenth of the run against the median of the tenth right
// after the warm-up; "flat" when it grew less than --max-growth (10%). Exit 1 otherwise, or when
// more than 1% of requests failed.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createBenchUser, isGoodUiStream, uiChatBody, type BenchUser } from "./api-client";
import { salesContext } from "./sales-data";
import { ensureBuild, ROOT, startServer } from "./server-process";
import { round } from "./stats";
import { numberFlag } from "./flags";


const config = {
  durationSeconds: numberFlag("duration", 1800),
  ratePerSecond: numberFlag("rate", 3),
  sampleSeconds: numberFlag("sample", 15),
  warmupSeconds: numberFlag("warmup", 300),
  maxGrowth: numberFlag("max-growth", 0.1),
  port: numberFlag("port", 0) || undefined,
  users: 4,
  contextRows: 60,
};
const out = process.argv.find((a) => a.startsWith("--out="))?.slice(6) ?? path.join(ROOT, "bench", "results", "soak-latest.json");

type Kind = "new" | "cached" | "list" | "search";
/** The traffic mix, per 10 requests. */
const MIX: Kind[] = ["new", "new", "new", "new", "new", "cached", "cached", "list", "search", "new"];

interface Sample {
  seconds: number;
  rssMb: number;
  requests: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  ensureBuild();
  const server = await startServer({
    port: config.port,
    env: {
      AI_PROVIDER_ORDER: "mock",
      MOCK_MODEL_TOKENS: "40",
      MOCK_MODEL_DELAY_MS: "0",
      RATE_LIMIT_SCALE: "100000",
      DEFAULT_PLAN: "team",
      LOG_LEVEL: "warn",
    },
  });
  const counts: Record<Kind, { ok: number; failed: number }> = {
    new: { ok: 0, failed: 0 },
    cached: { ok: 0, failed: 0 },
    list: { ok: 0, failed: 0 },
    search: { ok: 0, failed: 0 },
  };
  const failures: string[] = [];
  const samples: Sample[] = [];
  try {
    console.log(`Soak: ${server.url} (pid ${server.pid}), ${config.durationSeconds}s at ${config.ratePerSecond} req/s`);
    const users: BenchUser[] = [];
    for (let i = 0; i < config.users; i++) users.push(await createBenchUser(server.url, `soak-${i}`));
    const context = salesContext({ rows: config.contextRows });
    const started = Date.now();
    let sent = 0;
    let inFlight = 0;

    const request = async (n: number) => {
      const kind = MIX[n % MIX.length];
      const user = users[n % users.length];
      const headers = { "content-type": "application/json", authorization: `Bearer ${user.apiKey}` };
      try {
        let ok: boolean;
        if (kind === "new" || kind === "cached") {
          const question = kind === "new" ? `Summarise sales for region ${n % 97} and product ${n} (soak ${n})` : "Which region sold the most?";
          const response = await fetch(`${server.url}/api/chat`, { method: "POST", headers, body: uiChatBody(question, context) });
          ok = response.ok && isGoodUiStream(await response.text());
        } else {
          const query = kind === "search" ? `?q=${encodeURIComponent(`soak ${n - 3}`)}` : "?limit=20";
          const response = await fetch(`${server.url}/api/conversations${query}`, { headers: { authorization: `Bearer ${user.accessToken}` } });
          ok = response.ok && Array.isArray(((await response.json()) as { conversations?: unknown }).conversations);
        }
        counts[kind][ok ? "ok" : "failed"]++;
        if (!ok && failures.length < 20) failures.push(`${kind} #${n}`);
      } catch (error) {
        counts[kind].failed++;
        if (failures.length < 20) failures.push(`${kind} #${n}: ${(error as Error).message}`);
      }
    };

    // Sessions expire: refresh the access tokens the history reads use well before they do.
    const refresh = setInterval(() => {
      for (const user of users) {
        void fetch(`${server.url}/api/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: user.email, password: "correct-horse-battery-42" }),
        })
          .then((response) => response.json() as Promise<{ access_token?: string }>)
          .then((session) => {
            if (session.access_token) user.accessToken = session.access_token;
          })
          .catch(() => undefined);
      }
    }, 10 * 60_000);

    const sampler = setInterval(() => {
      const seconds = Math.round((Date.now() - started) / 1000);
      const rssMb = round(server.rssBytes() / 1024 / 1024, 1);
      samples.push({ seconds, rssMb, requests: sent });
      console.log(`${String(seconds).padStart(5)} s  rss ${rssMb} MB  requests ${sent}  in flight ${inFlight}`);
    }, config.sampleSeconds * 1000);

    // Open loop: one request every 1/rate seconds whatever the previous ones are doing.
    const interval = 1000 / config.ratePerSecond;
    const pending = new Set<Promise<void>>();
    while (Date.now() - started < config.durationSeconds * 1000) {
      const due = started + sent * interval;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const n = sent++;
      inFlight++;
      const promise = request(n).finally(() => {
        inFlight--;
        pending.delete(promise);
      });
      pending.add(promise);
    }
    await Promise.all(pending);
    clearInterval(sampler);
    clearInterval(refresh);
  } finally {
    await server.stop();
  }

  const afterWarmup = samples.filter((sample) => sample.seconds >= config.warmupSeconds);
  const tenth = Math.max(1, Math.floor(afterWarmup.length / 10));
  const earlyMb = median(afterWarmup.slice(0, tenth).map((s) => s.rssMb));
  const lateMb = median(afterWarmup.slice(-tenth).map((s) => s.rssMb));
  const growth = (lateMb - earlyMb) / earlyMb;
  const total = Object.values(counts).reduce((sum, c) => sum + c.ok + c.failed, 0);
  const failed = Object.values(counts).reduce((sum, c) => sum + c.failed, 0);
  const flat = Number.isFinite(growth) && growth < config.maxGrowth;
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, totalMemMb: Math.round(os.totalmem() / 1024 / 1024) },
    config,
    requests: { total, failed, byKind: counts, failures },
    rss: { earlyMedianMb: round(earlyMb, 1), lateMedianMb: round(lateMb, 1), growth: round(growth, 4), peakMb: Math.max(...samples.map((s) => s.rssMb)) },
    verdict: flat ? "flat" : "growing",
    samples,
  };
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nRSS after warm-up ${round(earlyMb, 1)} MB, at the end ${round(lateMb, 1)} MB (${round(growth * 100, 1)}%): ${result.verdict}; ${failed}/${total} requests failed. Written to ${path.relative(ROOT, out)}`);
  if (!flat || failed > total * 0.01) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
