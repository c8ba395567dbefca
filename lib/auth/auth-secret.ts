// The key that signs local session JWTs: AUTH_SECRET, or one generated once into DATA_DIR so
// sessions survive restarts on the embedded defaults.
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let cached: Uint8Array | undefined;

export function getAuthSecret(): Uint8Array {
  if (cached) return cached;
  if (env.AUTH_SECRET) {
    cached = new TextEncoder().encode(env.AUTH_SECRET);
    return cached;
  }
  if (env.DATA_DIR.startsWith("memory://")) {
    cached = randomBytes(48);
    return cached;
  }
  const file = path.resolve(env.DATA_DIR, "auth-secret");
  let secret: string;
  try {
    secret = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    secret = randomBytes(48).toString("base64url");
    try {
      writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
    } catch {
      secret = readFileSync(file, "utf8").trim(); // another process won the race
    }
  }
  cached = new TextEncoder().encode(secret);
  return cached;
}
