// The Prometheus registry: what other modules record shows up with bounded labels.
import { describe, expect, it } from "vitest";
import {
  recordCacheHit,
  recordRateLimitRefusal,
  recordRequest,
  recordTokens,
  renderMetrics,
} from "@/lib/observability/metrics";
import { defaultBreakerRegistry } from "@/lib/ai/providers/circuit-breaker";

describe("metrics", () => {
  it("exposes requests, durations, tokens, cost, cache hits, refusals and breaker states", async () => {
    recordRequest({ route: "/api/keys/[id]", method: "delete", status: 200, durationSeconds: 0.012 });
    recordTokens({ provider: "openai", model: "gpt-4o-mini", inputTokens: 1200, outputTokens: 300, costMicros: 360 });
    recordTokens({ provider: "openai", model: "gpt-4o-mini", inputTokens: 0, outputTokens: 0, costMicros: 0 });
    recordCacheHit();
    recordRateLimitRefusal("chat");
    const breaker = defaultBreakerRegistry().get("azure", { failureThreshold: 1 });
    breaker.recordFailure("timeout");

    const { contentType, body } = await renderMetrics();
    expect(contentType).toMatch(/text\/plain/);
    expect(body).toContain('eaa_http_requests_total{route="/api/keys/[id]",method="DELETE",status="200"} 1');
    expect(body).toMatch(/eaa_http_request_duration_seconds_bucket\{le="0.025",route="\/api\/keys\/\[id\]",method="DELETE",status="200"\} 1/);
    expect(body).toContain('eaa_ai_tokens_total{provider="openai",model="gpt-4o-mini",direction="input"} 1200');
    expect(body).toContain('eaa_ai_tokens_total{provider="openai",model="gpt-4o-mini",direction="output"} 300');
    expect(body).toContain('eaa_ai_cost_usd_total{provider="openai",model="gpt-4o-mini"} 0.00036');
    expect(body).toContain('eaa_ai_model_calls_total{provider="openai",model="gpt-4o-mini"} 2');
    expect(body).toContain("eaa_ai_cache_hits_total 1");
    expect(body).toContain('eaa_rate_limit_refusals_total{policy="chat"} 1');
    expect(body).toContain('eaa_ai_breaker_state{provider="azure"} 2');
    expect(body).toContain("eaa_process_cpu_seconds_total");
  });

  it("never throws into the caller, even with odd input", () => {
    expect(() => recordTokens({ provider: "", model: "x".repeat(1000), inputTokens: Number.NaN, outputTokens: -1, costMicros: Infinity })).not.toThrow();
    expect(() => recordRequest({ route: "", method: "", status: 0, durationSeconds: -5 })).not.toThrow();
  });
});
