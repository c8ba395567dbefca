// GET /api/health, /api/health/detailed and /api/metrics through the real route handlers.
import { afterEach, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { GET as health } from "@/app/api/health/route";
import { GET as detailed } from "@/app/api/health/detailed/route";
import { GET as metrics } from "@/app/api/metrics/route";
import { GET as listKeys } from "@/app/api/keys/route";
import { DELETE as revokeKey } from "@/app/api/keys/[id]/route";
import { callRoute } from "../../helpers/call-route";
import { createTestUser } from "../../helpers/test-users";

const savedToken = env.METRICS_TOKEN;
afterEach(() => {
  env.METRICS_TOKEN = savedToken;
});

describe("GET /api/health", () => {
  it("answers at once without touching a dependency", async () => {
    const started = performance.now();
    const { status, json, headers } = await callRoute(health, "/api/health");
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: "ok" });
    expect(headers.get("cache-control")).toBe("no-store");
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe("GET /api/health/detailed", () => {
  it("reports every concern's mode, status and latency, and is 200 when the database is up", async () => {
    const { status, json, text } = await callRoute(detailed, "/api/health/detailed");
    expect(status).toBe(200);
    expect(json.status).toMatch(/^(ok|degraded)$/);
    const { database, kv, auth, ai, billing } = json.checks;
    expect(database).toMatchObject({ mode: process.env.DATABASE_URL ? "postgres" : "pglite", status: "ok" });
    expect(typeof database.latencyMs).toBe("number");
    expect(kv).toMatchObject({ status: "ok" });
    expect(["memory", "redis", "upstash"]).toContain(kv.mode);
    expect(auth.mode).toBe("local");
    expect(ai.mode).toBe("offline");
    expect(ai.providers).toEqual([]);
    expect(billing).toMatchObject({ mode: "off", configured: false });
    // Nothing that identifies where the dependencies live or how to log in to them.
    for (const leak of [process.env.DATABASE_URL, process.env.REDIS_URL, process.env.AUTH_SECRET, "postgres://", "redis://", "memory://"]) {
      if (leak) expect(text).not.toContain(leak);
    }
  });
});

describe("GET /api/metrics", () => {
  it("is Prometheus text with requests by route pattern, not by raw URL", async () => {
    const user = await createTestUser("metrics");
    await callRoute(listKeys, "/api/keys", { token: user.accessToken });
    for (const id of [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()]) {
      await callRoute(revokeKey, `/api/keys/${id}`, { method: "DELETE", token: user.accessToken, params: { id } });
    }
    const { status, text, headers } = await callRoute(metrics, "/api/metrics");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toMatch(/eaa_http_requests_total\{route="\/api\/keys",method="GET",status="200"\} \d+/);
    expect(text).toMatch(/eaa_http_requests_total\{route="\/api\/keys\/\[id\]",method="DELETE",status="404"\} 3/);
    expect(text).not.toMatch(/route="\/api\/keys\/[0-9a-f]{8}-/);
    expect(text).toContain("# TYPE eaa_http_request_duration_seconds histogram");
    expect(text).toContain("# TYPE eaa_ai_tokens_total counter");
    expect(text).toContain("# TYPE eaa_ai_breaker_state gauge");
    expect(text).not.toContain(user.id);
  });

  it("needs the bearer METRICS_TOKEN when one is set", async () => {
    env.METRICS_TOKEN = "metrics-token-for-tests-0123456789";
    for (const authorization of [undefined, "Bearer wrong", "Bearer metrics-token-for-tests-012345678", "Basic bWV0cmljcw==", "Bearer metrics-token-for-tests-0123456789x"]) {
      const { status, json, headers } = await callRoute(metrics, "/api/metrics", { headers: authorization ? { authorization } : {} });
      expect(status, String(authorization)).toBe(401);
      expect(json.error.code).toBe("unauthorized");
      expect(headers.get("www-authenticate")).toMatch(/Bearer/);
    }
    const ok = await callRoute(metrics, "/api/metrics", { token: "metrics-token-for-tests-0123456789" });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain("eaa_http_requests_total");
  });
});
