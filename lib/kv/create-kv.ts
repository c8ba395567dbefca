// Picks the KV adapter from configuration, in this order:
// 1. KV_REST_API_URL + KV_REST_API_TOKEN -> Vercel KV / Upstash over REST;
// 2. REDIS_URL -> Redis over TCP;
// 3. neither -> the in-process store (embedded default).
// getKv() (lib/kv/get-kv.ts) calls this with the environment; tests call it directly.
import type { Kv } from "./kv";
import { createMemoryKv } from "./memory";
import { createRedisTcpKv } from "./redis-tcp";
import { createUpstashRestKv } from "./upstash-rest";

export interface KvConfig {
  restUrl?: string;
  restToken?: string;
  redisUrl?: string;
  /** Prepended to every key (lets tests and several apps share one database). */
  keyPrefix?: string;
}

export function createKv(config: KvConfig = {}): Kv {
  const { restUrl, restToken, redisUrl, keyPrefix } = config;
  if (restUrl || restToken) {
    if (!restUrl || !restToken) {
      throw new Error(`KV over REST needs both KV_REST_API_URL and KV_REST_API_TOKEN (${restUrl ? "token" : "URL"} missing)`);
    }
    return createUpstashRestKv({ url: restUrl, token: restToken, keyPrefix });
  }
  if (redisUrl) return createRedisTcpKv({ url: redisUrl, keyPrefix });
  return createMemoryKv({ keyPrefix });
}
