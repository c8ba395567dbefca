import { describe, expect, it } from "vitest";
import { BreakerRegistry, CircuitBreaker } from "@/lib/ai/providers/circuit-breaker";

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("CircuitBreaker", () => {
  it("opens after N consecutive failures and refuses until the cool-down has passed", () => {
    const c = clock();
    const breaker = new CircuitBreaker("azure", { failureThreshold: 3, cooldownMs: 10_000, now: c.now });
    for (let i = 0; i < 2; i++) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.recordFailure("server_error 500");
    }
    expect(breaker.state).toBe("closed");
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure("rate_limited 429");
    expect(breaker.state).toBe("open");
    expect(breaker.tryAcquire()).toBe(false);
    c.advance(9_999);
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.snapshot()).toMatchObject({ provider: "azure", state: "open", consecutiveFailures: 3, lastFailure: "rate_limited 429" });
    expect(breaker.snapshot().retryAt).toBe(new Date(1_000_000 + 10_000).toISOString());
  });

  it("a success resets the count of consecutive failures", () => {
    const breaker = new CircuitBreaker("openai", { failureThreshold: 2 });
    breaker.recordFailure("x");
    breaker.recordSuccess();
    breaker.recordFailure("y");
    expect(breaker.state).toBe("closed");
  });

  it("half-opens after the cool-down: one trial; success closes, failure re-opens", () => {
    const c = clock();
    const breaker = new CircuitBreaker("azure", { failureThreshold: 1, cooldownMs: 1_000, now: c.now });
    breaker.recordFailure("timeout");
    expect(breaker.state).toBe("open");
    c.advance(1_000);
    expect(breaker.state).toBe("half_open");
    expect(breaker.tryAcquire()).toBe(true); // the trial
    expect(breaker.tryAcquire()).toBe(false); // only one at a time
    breaker.recordFailure("timeout");
    expect(breaker.state).toBe("open");
    c.advance(1_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordSuccess();
    expect(breaker.state).toBe("closed");
    expect(breaker.snapshot()).toMatchObject({ consecutiveFailures: 0, totalFailures: 2, totalSuccesses: 1, retryAt: null });
  });

  it("release() frees a half-open trial without deciding anything", () => {
    const c = clock();
    const breaker = new CircuitBreaker("azure", { failureThreshold: 1, cooldownMs: 0, now: c.now });
    breaker.recordFailure("x");
    expect(breaker.tryAcquire()).toBe(true);
    breaker.release();
    expect(breaker.state).toBe("half_open");
    expect(breaker.tryAcquire()).toBe(true);
  });

  it("the registry lists every breaker's state", () => {
    const registry = new BreakerRegistry({ failureThreshold: 1 });
    registry.get("azure").recordFailure("x");
    registry.get("openai");
    expect(registry.list().map((s) => [s.provider, s.state])).toEqual([
      ["azure", "open"],
      ["openai", "closed"],
    ]);
  });
});
