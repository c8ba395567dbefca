// API keys for scripts and the add-in: `eaa_` + 32 random bytes, shown once, stored hashed.
import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "eaa_";

export function generateApiKey() {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, 12), keyHash: hashApiKey(key) };
}

export function hashApiKey(key: string) {
  return createHash("sha256").update(key).digest("hex");
}

export function looksLikeApiKey(token: string) {
  return token.startsWith(API_KEY_PREFIX);
}
