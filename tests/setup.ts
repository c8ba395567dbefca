// Runs before every test file. `server-only` throws outside a React Server environment; tests
// import server modules directly. Without DATABASE_URL each file gets its own in-memory PGlite.
import { vi } from "vitest";

vi.mock("server-only", () => ({}));

// Next.js types NODE_ENV as read-only; at run time it is an ordinary variable.
(process.env as Record<string, string | undefined>).NODE_ENV ??= "test";
if (!process.env.DATABASE_URL) process.env.DATA_DIR = "memory://";
process.env.AUTH_SECRET ??= "test-secret-that-is-at-least-32-characters-long";
// Route tests create many users from few IPs; tests of the limits themselves pass an explicit
// scale of 1 to checkRateLimit.
process.env.RATE_LIMIT_SCALE ??= "1000";
// Route tests stand behind one trusted reverse proxy: tests/helpers/call-route.ts writes the
// X-Forwarded-For (and Host/Proto) headers that proxy would. Tests of the other deployments
// (no proxy, Vercel, several hops) change `env` for their own cases.
process.env.TRUST_PROXY ??= "1";
// Each test file (and each run) gets its own KV namespace: quota and rate-limit counters live for
// days in a shared Redis and must not leak between files or runs.
process.env.KV_PREFIX ??= `test:${process.pid}:${Date.now().toString(36)}:`;

import { afterAll } from "vitest";

afterAll(async () => {
  const { closeDatabase } = await import("@/lib/db/get-database");
  await closeDatabase();
});
