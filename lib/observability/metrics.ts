// Prometheus metrics (GET /api/metrics). One registry per process, kept on globalThis so dev
// reloads do not register the same metric twice. Labels are bounded on purpose: routes are
// patterns (`/api/keys/[id]`, see route-pattern.ts), never raw URLs; no user ids.
//
// Other modules call the record* functions; they never throw (a metric must not fail a request).
// On Vercel every function instance has its own registry, so a scrape sees one instance: use
// these for a long-running deployment, and the platform's analytics on serverless.
import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { listBreakerStates, type BreakerStatus } from "@/lib/ai/providers/circuit-breaker";

const BREAKER_VALUE: Record<BreakerStatus, number> = { closed: 0, half_open: 1, open: 2 };

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "eaa_" });

  return {
    registry,
    requests: new Counter({
      name: "eaa_http_requests_total",
      help: "API requests by route pattern, method and status.",
      labelNames: ["route", "method", "status"] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: "eaa_http_request_duration_seconds",
      help: "Time until the response headers were ready (streams continue after), by route pattern, method and status.",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    tokens: new Counter({
      name: "eaa_ai_tokens_total",
      help: "Model tokens by provider, model and direction (input or output).",
      labelNames: ["provider", "model", "direction"] as const,
      registers: [registry],
    }),
    cost: new Counter({
      name: "eaa_ai_cost_usd_total",
      help: "Estimated model cost in US dollars by provider and model.",
      labelNames: ["provider", "model"] as const,
      registers: [registry],
    }),
    modelCalls: new Counter({
      name: "eaa_ai_model_calls_total",
      help: "Model calls that reported usage, by provider and model.",
      labelNames: ["provider", "model"] as const,
      registers: [registry],
    }),
    cacheHits: new Counter({
      name: "eaa_ai_cache_hits_total",
      help: "Answers served from the AI response cache.",
      registers: [registry],
    }),
    cacheMisses: new Counter({
      name: "eaa_ai_cache_misses_total",
      help: "Answers that missed the AI response cache and called a model.",
      registers: [registry],
    }),
    rateLimitRefusals: new Counter({
      name: "eaa_rate_limit_refusals_total",
      help: "Requests refused with 429 by a rate-limit policy.",
      labelNames: ["policy"] as const,
      registers: [registry],
    }),
    breaker: new Gauge({
      name: "eaa_ai_breaker_state",
      help: "Circuit breaker per AI provider: 0 closed, 1 half-open, 2 open.",
      labelNames: ["provider"] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const breaker of listBreakerStates()) this.set({ provider: breaker.provider }, BREAKER_VALUE[breaker.state]);
      },
    }),
  };
}

type Metrics = ReturnType<typeof createMetrics>;
const holder = globalThis as unknown as { __eaaMetrics?: Metrics };

function metrics(): Metrics {
  holder.__eaaMetrics ??= createMetrics();
  return holder.__eaaMetrics;
}

function safely(fn: () => void) {
  try {
    fn();
  } catch {
    // A metric must never fail the request that records it.
  }
}

const label = (value: string, fallback = "unknown") => (value ? value.slice(0, 100) : fallback);

export function recordRequest(input: { route: string; method: string; status: number; durationSeconds: number }) {
  safely(() => {
    const labels = { route: label(input.route), method: input.method.toUpperCase().slice(0, 10), status: String(input.status) };
    metrics().requests.inc(labels);
    metrics().duration.observe(labels, Math.max(0, input.durationSeconds));
  });
}

/** One model call's usage. `costMicros` is micro-dollars (lib/ai/pricing.ts); cached answers cost 0. */
export function recordTokens(input: { provider: string; model: string; inputTokens: number; outputTokens: number; costMicros: number }) {
  safely(() => {
    const m = metrics();
    const base = { provider: label(input.provider), model: label(input.model) };
    m.modelCalls.inc(base);
    if (input.inputTokens > 0) m.tokens.inc({ ...base, direction: "input" }, input.inputTokens);
    if (input.outputTokens > 0) m.tokens.inc({ ...base, direction: "output" }, input.outputTokens);
    if (input.costMicros > 0) m.cost.inc(base, input.costMicros / 1_000_000);
  });
}

export function recordCacheHit() {
  safely(() => metrics().cacheHits.inc());
}

export function recordCacheMiss() {
  safely(() => metrics().cacheMisses.inc());
}

export function recordRateLimitRefusal(policy: string) {
  safely(() => metrics().rateLimitRefusals.inc({ policy: label(policy) }));
}

/** The Prometheus text exposition of every metric. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
