// Runs before every test file. `server-only` throws outside a React Server environment; tests
// import server modules directly. Without DATABASE_URL each file gets its own in-memory PGlite.
import { vi } from "vitest";

vi.mock("server-only", () => ({}));

process.env.NODE_ENV ??= "test";
if (!process.env.DATABASE_URL) process.env.DATA_DIR = "memory://";
process.env.AUTH_SECRET ??= "test-secret-that-is-at-least-32-characters-long";
