// Growth benchmark: does a large stored history slow the product? Two production servers of one
// build run side by side on the local Postgres server (mock model, in-process KV), each on a
// scratch database of its own: one empty, one seeded with a million messages (bench/growth-seed.ts:
// 1,000 users, one heavy user with 10,000 conversations). Then, over HTTP:
//
// - chat throughput on both, in interleaved rounds (background load on a shared machine falls on
//   both alike): the seeded store must keep at least 90% of the empty store's req/s;
// - the heavy user's history list and search p95 (target: under 50 ms), by kind of query;
// - the usage summary p95, the export of the heavy user's account, and one retention run;
// - the same list and search queries timed in the database alone, as the user;
// - the plans Postgres chooses for those queries at this size (EXPLAIN ANALYZE, recorded).
//
// Usage: npm run bench -- --growth [--admin-url=postgres://postgres@127.0.0.1:5432/postgres]
//        [--rounds=3] [--round-seconds=8] [--samples=200] [--ports=3602,3603] [--keep]
// Writes bench/results/growth-latest.json; exit 1 when a target is missed.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createBenchUser, isGoodUiStream, uiChatBody, type BenchUser } from "./api-client";
import { GROWTH_SEED, growthSeedStatements } from "./growth-seed";
import { salesContext } from "./sales-data";
import { createScratchDatabase, ensureBuild, ROOT, startServer, type ServerHandle } from "./server-process";
import { round, summarize, type LatencySummary } from "./stats";
import { numberFlag } from "./flags";

const text = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

const config = {
  adminUrl: text("admin-url", "postgres://postgres@127.0.0.1:5432/postgres"),
  rounds: Math.max(1, numberFlag("rounds", 3)),
  roundSeconds: numberFlag("round-seconds", 8),
  connections: numberFlag("connections", 4),
  samples: numberFlag("samples", 200),
  ports: text("ports", "").split(",").filter(Boolean).map(Number),
};
const TARGETS = { throughputRatio: 0.9, listP95Ms: 50, searchP95Ms: 50 };
const CRON_SECRET = "growth-bench-cron-secret";

/** Closed-loop chat load for `seconds`: new questions, each answer read whole and checked. */
async function chatRound(server: ServerHandle, user: BenchUser, seconds: number, counter: { n: number }) {
  const context = salesContext({ rows: 20 });
  const ends = Date.now() + seconds * 1000;
  let good = 0;
  let bad = 0;
  await Promise.all(
    Array.from({ length: config.connections }, async () => {
      while (Date.now() < ends) {
        const body = uiChatBody(`How do sales compare by region? (growth ${counter.n++})`, context);
        const response = await fetch(`${server.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${user.apiKey}` }, body });
        if (response.ok && isGoodUiStream(await response.text())) good++;
        else bad++;
      }
    }),
  );
  return { reqPerSec: good / seconds, good, bad };
}

/** Sequential GETs (one connection: what one request costs), with their latencies. */
async function timeGets(server: ServerHandle, token: string, paths: string[]): Promise<{ latency: LatencySummary; failed: number }> {
  const samples: number[] = [];
  let failed = 0;
  for (const p of paths) {
    const started = performance.now();
    const response = await fetch(`${server.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    samples.push(performance.now() - started);
    if (!response.ok) failed++;
  }
  return { latency: summarize(samples), failed };
}

/** The plan of `query` as the user (RLS applies), with its execution time. */
async function explainAsUser(client: pg.Client, userId: string, query: string, params: unknown[]): Promise<{ ms: number; plan: string }> {
  await client.query("begin");
  try {
    await client.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: userId, role: "authenticated", aud: "authenticated" })]);
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`explain (analyze, costs off) ${query}`, params);
    const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
    return { ms: Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? NaN), plan };
  } finally {
    await client.query("rollback");
  }
}

// What listConversations sends (lib/db/conversations.ts): a page of the list, and a search page.
const LIST_SQL = `select c.id, c.title, c.workbook, c.created_at, c.updated_at,
  (select count(*)::int from messages m where m.conversation_id = c.id) as message_count
  from conversations c order by c.updated_at desc, c.id desc limit 20 offset $1`;
const SEARCH_SQL = `select c.id, c.title, c.workbook, c.created_at, c.updated_at,
  (select count(*)::int from messages m where m.conversation_id = c.id) as message_count,
  (count(*) over ())::int as total
  from conversations c where c.id in (select public.search_conversation_ids($1))
  order by c.updated_at desc, c.id desc limit 20`;

/** Round-trip times of queries run as the user, each in its own transaction as the app does. */
async function timeQueries(client: pg.Client, userId: string, queries: [string, unknown[]][]): Promise<LatencySummary> {
  const claims = JSON.stringify({ sub: userId, role: "authenticated", aud: "authenticated" });
  const samples: number[] = [];
  for (const [query, params] of queries) {
    const started = performance.now();
    await client.query("begin");
    await client.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [claims]);
    await client.query(query, params);
    await client.query("commit");
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

async function main() {
  ensureBuild();
  const empty = await createScratchDatabase(config.adminUrl);
  const seeded = await createScratchDatabase(config.adminUrl);
  const servers: ServerHandle[] = [];
  const serverEnv = (url: string) => ({
    DATABASE_URL: url,
    AI_PROVIDER_ORDER: "mock",
    MOCK_MODEL_TOKENS: "40",
    RATE_LIMIT_SCALE: "100000",
    DEFAULT_PLAN: "team",
    LOG_LEVEL: "warn",
    CRON_SECRET,
  });
  try {
    const emptyServer = await startServer({ port: config.ports[0], env: serverEnv(empty.url) });
    servers.push(emptyServer);
    const seededServer = await startServer({ port: config.ports[1], env: serverEnv(seeded.url) });
    servers.push(seededServer);
    const [emptyUser, heavy] = [await createBenchUser(emptyServer.url, "growth-empty"), await createBenchUser(seededServer.url, "growth-heavy")];

    console.log(`Seeding ${seeded.url.replace(/\/\/.*@/, "//")}: ${GROWTH_SEED.heavyConversations * GROWTH_SEED.heavyMessagesPerConversation + GROWTH_SEED.otherMessages} messages…`);
    const client = new pg.Client({ connectionString: seeded.url });
    await client.connect();
    const seedStarted = performance.now();
    for (const statement of growthSeedStatements(heavy.userId)) await client.query(statement);
    const seedSeconds = round((performance.now() - seedStarted) / 1000, 1);
    const counts = (await client.query<{ users: number; conversations: number; messages: number; usage: number; heavy: number }>(
      `select (select count(*) from auth.users)::int as users, (select count(*) from conversations)::int as conversations,
              (select count(*) from messages)::int as messages, (select count(*) from usage_records)::int as usage,
              (select count(*) from conversations where user_id = $1)::int as heavy`,
      [heavy.userId],
    )).rows[0];
    console.log(`Seeded in ${seedSeconds} s:`, counts);

    // Chat throughput, empty vs seeded, interleaved.
    const counter = { n: 0 };
    await chatRound(emptyServer, emptyUser, 2, counter); // warm-up
    await chatRound(seededServer, heavy, 2, counter);
    const rounds: { empty: number; seeded: number }[] = [];
    let chatErrors = 0;
    for (let r = 0; r < config.rounds; r++) {
      const e = await chatRound(emptyServer, emptyUser, config.roundSeconds, counter);
      const s = await chatRound(seededServer, heavy, config.roundSeconds, counter);
      chatErrors += e.bad + s.bad;
      rounds.push({ empty: round(e.reqPerSec), seeded: round(s.reqPerSec) });
      console.log(`round ${r + 1}: empty ${e.reqPerSec.toFixed(1)} req/s, seeded ${s.reqPerSec.toFixed(1)} req/s`);
    }
    const emptyRps = rounds.reduce((sum, r) => sum + r.empty, 0) / rounds.length;
    const seededRps = rounds.reduce((sum, r) => sum + r.seeded, 0) / rounds.length;

    // The heavy user's history.
    const n = config.samples;
    const token = heavy.accessToken;
    const list = await timeGets(seededServer, token, Array.from({ length: n }, (_, i) => `/api/conversations?limit=20&offset=${(i % 10) * 20}`));
    const searches = {
      // A number that occurs in one message: what a user looking for one exchange types.
      rare: Array.from({ length: n }, (_, i) => `/api/conversations?q=${encodeURIComponent(`row ${(i * 7919) % 100_000}`)}`),
      // A word and a number: a few conversations.
      phrase: Array.from({ length: n }, (_, i) => `/api/conversations?q=${encodeURIComponent(`Heavy revenue ${(i * 20) % 10_000}`)}`),
      // One of the 20 words every text is made of: thousands of conversations match.
      common: Array.from({ length: n }, (_, i) => `/api/conversations?q=${["pivot", "vlookup", "forecast", "churn"][i % 4]}`),
      // Two characters: below trigram length, read from the owner's rows.
      short: Array.from({ length: Math.ceil(n / 4) }, (_, i) => `/api/conversations?q=${["Q3", "zz", "7%", "ab"][i % 4]}`),
    };
    const search: Record<string, { latency: LatencySummary; failed: number }> = {};
    for (const [kind, paths] of Object.entries(searches)) search[kind] = await timeGets(seededServer, token, paths);
    const searchAll = summarize(
      Object.entries(searches)
        .filter(([kind]) => kind !== "short")
        .flatMap(([kind]) => [search[kind].latency.p95]),
    );
    const usage = await timeGets(seededServer, token, Array.from({ length: Math.ceil(n / 2) }, () => "/api/usage"));

    const exportStarted = performance.now();
    const exported = await fetch(`${seededServer.url}/api/account/export`, { headers: { authorization: `Bearer ${token}` } });
    const exportBytes = (await exported.arrayBuffer()).byteLength;
    const exportMs = round(performance.now() - exportStarted);

    // The same reads timed in the database alone, as the user (RLS applies): what the store
    // costs, apart from the app server's own work (which a busy machine inflates).
    const inDatabase = {
      list: await timeQueries(client, heavy.userId, Array.from({ length: n / 2 }, (_, i) => [LIST_SQL, [(i % 10) * 20]])),
      searchRare: await timeQueries(client, heavy.userId, Array.from({ length: n / 2 }, (_, i) => [SEARCH_SQL, [`row ${(i * 7919) % 100_000}`]])),
      searchPhrase: await timeQueries(client, heavy.userId, Array.from({ length: n / 2 }, (_, i) => [SEARCH_SQL, [`Heavy revenue ${(i * 20) % 10_000}`]])),
      searchCommon: await timeQueries(client, heavy.userId, Array.from({ length: n / 4 }, (_, i) => [SEARCH_SQL, [["pivot", "vlookup", "forecast", "churn"][i % 4]]])),
    };

    // Plans at size, as the user (RLS applies).
    const plans = {
      list: await explainAsUser(client, heavy.userId, "select id, title, updated_at from conversations order by updated_at desc, id desc limit 20", []),
      searchRare: await explainAsUser(client, heavy.userId, "select c.id from conversations c where c.id in (select public.search_conversation_ids($1)) order by updated_at desc limit 20", ["row 4242"]),
      searchCommon: await explainAsUser(client, heavy.userId, "select c.id from conversations c where c.id in (select public.search_conversation_ids($1)) order by updated_at desc limit 20", ["pivot"]),
      searchUnderRlsWithoutFunction: await explainAsUser(client, heavy.userId, "select distinct conversation_id from messages where search_text ilike '%row 4242%'", []),
      usageMonth: await explainAsUser(client, heavy.userId, "select count(*), sum(prompt_tokens + completion_tokens) from usage_records where user_id = $1 and created_at >= date_trunc('month', now())", [heavy.userId]),
      exportMessages: await explainAsUser(client, heavy.userId, "select * from messages order by created_at", []),
    };
    await client.end();

    const retentionStarted = performance.now();
    const retention = await fetch(`${seededServer.url}/api/cron/retention`, { headers: { authorization: `Bearer ${CRON_SECRET}` } });
    const retentionBody = await retention.json();
    const retentionMs = round(performance.now() - retentionStarted);

    const result = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadAverage: os.loadavg().map((l) => round(l)) },
      seed: { ...GROWTH_SEED, seconds: seedSeconds, counts },
      chat: { emptyReqPerSec: round(emptyRps), seededReqPerSec: round(seededRps), ratio: round(seededRps / emptyRps, 3), rounds, errors: chatErrors, connections: config.connections },
      list: list.latency,
      inDatabase,
      search: Object.fromEntries(Object.entries(search).map(([kind, s]) => [kind, s.latency])),
      searchP95WorstKindMs: searchAll.max,
      usageSummary: usage.latency,
      export: { ms: exportMs, bytes: exportBytes, status: exported.status },
      retention: { ms: retentionMs, status: retention.status, result: retentionBody },
      failures: { list: list.failed, search: Object.values(search).reduce((sum, s) => sum + s.failed, 0), usage: usage.failed },
      plans: Object.fromEntries(Object.entries(plans).map(([name, p]) => [name, { executionMs: p.ms, plan: p.plan.split("\n") }])),
      targets: TARGETS,
    };
    const met = {
      throughput: result.chat.ratio >= TARGETS.throughputRatio,
      list: list.latency.p95 < TARGETS.listP95Ms,
      search: search.rare.latency.p95 < TARGETS.searchP95Ms && search.phrase.latency.p95 < TARGETS.searchP95Ms,
      // The same targets for the database's share alone (the store's cost at this size).
      listInDatabase: inDatabase.list.p95 < TARGETS.listP95Ms,
      searchInDatabase: inDatabase.searchRare.p95 < TARGETS.searchP95Ms && inDatabase.searchPhrase.p95 < TARGETS.searchP95Ms,
    };
    const out = path.join(ROOT, "bench", "results", "growth-latest.json");
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify({ ...result, met }, null, 2)}\n`);
    console.log(`\n| measure | value |\n|---|---:|`);
    console.log(`| chat req/s, empty → 1M messages | ${round(emptyRps, 1)} → ${round(seededRps, 1)} (${round((seededRps / emptyRps) * 100, 1)}%) |`);
    console.log(`| list p95 (heavy user) | ${list.latency.p95} ms |`);
    for (const [kind, s] of Object.entries(search)) console.log(`| search p95, ${kind} | ${s.latency.p95} ms |`);
    for (const [name, latency] of Object.entries(inDatabase)) console.log(`| ${name} p95, in the database | ${latency.p95} ms |`);
    console.log(`| usage summary p95 | ${usage.latency.p95} ms |`);
    console.log(`| export (heavy user) | ${exportMs} ms, ${round(exportBytes / 1024 / 1024, 1)} MB |`);
    console.log(`| retention run | ${retentionMs} ms (${JSON.stringify(retentionBody)}) |`);
    console.log(`\nWritten to ${path.relative(ROOT, out)}; targets met: ${JSON.stringify(met)}`);
    if (!Object.values(met).every(Boolean) || chatErrors > 0) process.exitCode = 1;
  } finally {
    for (const server of servers) await server.stop();
    if (!process.argv.includes("--keep")) {
      await empty.drop();
      await seeded.drop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
