// The production server under test, for bench/run.ts and bench/load-test.ts: build when needed,
// start `next start` on a free loopback port with embedded defaults and a fresh temp DATA_DIR,
// wait until it answers, sample its memory, and always stop it (by its own process group id)
// and remove the temp directory — also on errors and Ctrl-C.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
const NEXT_BIN = path.join(ROOT, "node_modules", ".bin", "next");
// The server runs as `node <next's CLI> start`, so node flags (--cpu-prof) can be passed.
const NEXT_CLI = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

// What the production build is made from: a file here newer than the build makes it stale.
const SOURCES = ["app", "components", "lib", "supabase", "proxy.ts", "instrumentation.ts", "next.config.ts", "package.json", "postcss.config.mjs"];

function newestSourceMtime(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its folder
  for (const child of readdirSync(full)) newest = Math.max(newest, newestSourceMtime(path.join(entry, child)));
  return newest;
}

/**
 * Builds with `next build` when there is no production build yet, when the sources changed
 * since it was made (a benchmark of old code would mislead), or when asked to.
 */
export function ensureBuild(options: { rebuild?: boolean } = {}): void {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const stale = built > 0 && Math.max(...SOURCES.map(newestSourceMtime)) > built;
  if (!options.rebuild && built > 0 && !stale) return;
  console.log(options.rebuild ? "Rebuilding (next build)…" : stale ? "The sources changed since the last build: running next build…" : "No production build found: running next build…");
  const result = spawnSync(NEXT_BIN, ["build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
}

/** A port the OS says is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

// Anything that would switch a concern away from its embedded default, or change the settings
// the benchmark fixes, is removed from the inherited environment.
const STRIPPED = /^(DATABASE_URL|REDIS_URL|KV_REST_API_|NEXT_PUBLIC_SUPABASE_|SUPABASE_|AZURE_OPENAI_|OPENAI_|STRIPE_|AI_|MOCK_MODEL_|RATE_LIMIT_SCALE|DEFAULT_PLAN|DATA_DIR|AUTH_SECRET|BENCH_ROUTES|LOG_LEVEL|METRICS_TOKEN|CRON_SECRET|APP_URL|ALLOWED_ORIGINS|PORT|NODE_ENV|TRUST_PROXY|__NEXT)/;

export interface ServerOptions {
  /** Variables on top of the embedded defaults (AI_PROVIDER_ORDER, MOCK_MODEL_*, …). */
  env: Record<string, string>;
  /** Extra node flags for the server (e.g. --cpu-prof, which NODE_OPTIONS does not allow). */
  nodeArgs?: string[];
  startTimeoutMs?: number;
  /** A fixed port (machines shared between several runs); a free one when absent. */
  port?: number;
}

export interface ServerHandle {
  url: string;
  port: number;
  /** PID of the `next start` node process (the leader of the process group the server runs in). */
  pid: number;
  dataDir: string;
  /** The last lines the server printed (for failure reports). */
  recentOutput(): string;
  /** Resident memory of the server's process tree, in bytes. */
  rssBytes(): number;
  stop(): Promise<void>;
}

const running = new Set<ServerHandle>();
let handlersInstalled = false;

function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const killAll = () => {
    for (const server of running) killGroup(server.pid, "SIGKILL");
    for (const server of running) rmSync(server.dataDir, { recursive: true, force: true });
    running.clear();
  };
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the server under test`);
      killAll();
      process.exit(130);
    });
  }
}

function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal); // the group `spawn({ detached: true })` created for this server
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** PIDs of `pid` and all its descendants, from /proc. */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // exited while we looked
    }
  }
  const result: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const current = queue.shift()!;
    result.push(current);
    queue.push(...(children.get(current) ?? []));
  }
  return result;
}

/** VmRSS of one process in bytes (0 when it is gone). */
function processRss(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export async function startServer(options: ServerOptions): Promise<ServerHandle> {
  installExitHandlers();
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "excel-ai-bench-"));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !STRIPPED.test(name)) env[name] = value;
  Object.assign(env, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", DATA_DIR: dataDir, PORT: String(port) }, options.env);

  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), NEXT_CLI, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let exitCode: number | null | undefined;
  child.once("exit", (code) => (exitCode = code));

  const pid = child.pid!;
  const url = `http://127.0.0.1:${port}`;
  const handle: ServerHandle = {
    url,
    port,
    pid,
    dataDir,
    recentOutput: () => output.join("\n"),
    rssBytes: () => processTree(pid).reduce((sum, p) => sum + processRss(p), 0),
    async stop() {
      if (!running.has(handle)) return;
      running.delete(handle);
      if (exitCode === undefined) {
        killGroup(pid, "SIGTERM");
        const timer = setTimeout(() => killGroup(pid, "SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  running.add(handle);

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exitCode !== undefined) {
      await handle.stop();
      throw new Error(`the server exited during start-up (code ${exitCode}):\n${handle.recentOutput()}`);
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await handle.stop();
      throw new Error(`the server did not answer /api/health within ${options.startTimeoutMs ?? 60_000} ms:\n${handle.recentOutput()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return handle;
}

/**
 * A fresh database on a Postgres server (for `--postgres` runs), created through `adminUrl`
 * and dropped afterwards, so a benchmark never touches the databases tests use.
 */
export async function createScratchDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: pg } = await import("pg");
  const name = `bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(`drop database if exists "${name}" with (force)`);
    } finally {
      await client.end();
    }
  };
  return { url: url.toString(), drop };
}
