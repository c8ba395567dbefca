// The dependency report of GET /api/health/detailed: for each swappable part (runtimeModes), the
// mode it runs in, whether it answers, and how fast. Each probe has a deadline, so a hung
// dependency shows as "down" instead of hanging the check. Failures are described by a short, fixed
// reason (an error code at most), never by the driver's message, which may hold a connection
// string.
import "server-only";
import { sql } from "kysely";
import { env, runtimeModes, type Env } from "@/lib/env";
import { getDatabase } from "@/lib/db/get-database";
import { getKv } from "@/lib/kv/get-kv";
import { listBreakerStates } from "@/lib/ai/providers/circuit-breaker";
import { logger } from "./logger";

export type CheckStatus = "ok" | "degraded" | "down";

export interface DependencyCheck {
  mode: string;
  status: CheckStatus;
  latencyMs: number;
  /** A short fixed reason when not ok; never an error message from a driver. */
  reason?: string;
}

export interface ProviderCheck {
  name: string;
  configured: boolean;
  breaker: "closed" | "half_open" | "open";
  status: CheckStatus;
}

export interface HealthReport {
  /** ok: everything answers; degraded: the essentials (database) answer, something else does not; down: they do not. */
  status: CheckStatus;
  checks: {
    database: DependencyCheck;
    kv: DependencyCheck;
    auth: DependencyCheck;
    ai: DependencyCheck & { providers: ProviderCheck[] };
    billing: DependencyCheck & { configured: boolean };
  };
  time: string;
}

const PROBE_TIMEOUT_MS = 3_000;
/** Opening the database the first time migrates it: a cold start is slow, not down. */
const DATABASE_OPEN_TIMEOUT_MS = 20_000;

class ProbeTimeout extends Error {
  code = "TIMEOUT";
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ProbeTimeout(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** `prepare` (e.g. opening a connection pool) is not timed; `run` is the round trip reported. */
async function probe(mode: string, name: string, run: () => Promise<unknown>, prepare?: () => Promise<unknown>): Promise<DependencyCheck> {
  let started = performance.now();
  try {
    if (prepare) {
      await withDeadline(prepare(), DATABASE_OPEN_TIMEOUT_MS);
      started = performance.now();
    }
    await withDeadline(run(), PROBE_TIMEOUT_MS);
    return { mode, status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    const code = (error as { code?: unknown })?.code;
    const reason = error instanceof ProbeTimeout ? error.message : typeof code === "string" && /^[\w-]{1,40}$/.test(code) ? `unreachable (${code})` : "unreachable";
    // The message may name hosts or credentials: it goes to the (scrubbed) log only.
    logger.warn({ check: name, code: typeof code === "string" ? code : undefined, err: (error as Error)?.message }, "health check failed");
    return { mode, status: "down", latencyMs: Math.round(performance.now() - started), reason };
  }
}

function aiCheck(source: Env): HealthReport["checks"]["ai"] {
  const modes = runtimeModes(source);
  if (modes.ai === "offline") {
    return { mode: "offline", status: "ok", latencyMs: 0, providers: [] };
  }
  const configured = new Set<string>(modes.ai);
  const breakers = new Map(listBreakerStates().map((state) => [state.provider, state.state]));
  const providers: ProviderCheck[] = source.AI_PROVIDER_ORDER.map((name) => {
    const breaker = breakers.get(name) ?? "closed";
    const isConfigured = configured.has(name);
    return {
      name,
      configured: isConfigured,
      breaker,
      status: !isConfigured ? "ok" : breaker === "closed" ? "ok" : breaker === "half_open" ? "degraded" : "down",
    };
  });
  const active = providers.filter((provider) => provider.configured);
  // The offline analyst still answers when every provider is open: degraded, never down.
  const status: CheckStatus = active.every((provider) => provider.status === "ok") ? "ok" : "degraded";
  return {
    mode: modes.ai.join(">"),
    status,
    latencyMs: 0,
    providers,
    ...(status === "ok" ? {} : { reason: "a provider's circuit breaker is not closed" }),
  };
}

export async function checkHealth(source: Env = env): Promise<HealthReport> {
  const modes = runtimeModes(source);
  const [database, kv] = await Promise.all([
    probe(
      modes.database,
      "database",
      async () => sql`select 1`.execute((await getDatabase()).db),
      () => getDatabase(),
    ),
    probe(modes.kv, "kv", () => getKv().ping()),
  ]);
  const ai = aiCheck(source);
  const billing = { mode: modes.billing, status: "ok" as const, latencyMs: 0, configured: modes.billing === "stripe" };
  // Auth runs in-process (local) or is verified with the project's keys (Supabase); its data
  // lives in the database, so the database check covers it.
  const auth: DependencyCheck = { mode: modes.auth, status: database.status === "ok" ? "ok" : "down", latencyMs: 0 };

  const status: CheckStatus =
    database.status !== "ok" ? "down" : [kv, ai, billing].every((check) => check.status === "ok") ? "ok" : "degraded";
  return { status, checks: { database, kv, auth, ai, billing }, time: new Date().toISOString() };
}
