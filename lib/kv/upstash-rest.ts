// KV adapter for Vercel KV / Upstash Redis over its REST API (KV_REST_API_URL +
// KV_REST_API_TOKEN), through @upstash/redis. Works wherever fetch works, including serverless.
//
// Values are encoded by lib/kv (JSON), so the client's own JSON deserialization is off. Requests
// get one quick retry and a hard timeout, so an outage fails fast (see kv-down-policy.ts) instead
// of holding a request through the client's default five retries.
import { Redis } from "@upstash/redis";
import type { Kv } from "./kv";
import { createRedisProtocolKv, type RedisTransport } from "./redis-protocol-kv";

export interface UpstashRestKvOptions {
  url: string;
  token: string;
  keyPrefix?: string;
  /** Overall time allowed for one request, retries included, in ms (default 3000). */
  timeoutMs?: number;
}

export function createUpstashRestKv(options: UpstashRestKvOptions): Kv {
  const timeoutMs = options.timeoutMs ?? 3_000;
  const redis = new Redis({
    url: options.url,
    token: options.token,
    automaticDeserialization: false,
    enableTelemetry: false,
    retry: { retries: 1, backoff: () => 50 },
    signal: () => AbortSignal.timeout(timeoutMs),
  });

  const transport: RedisTransport = {
    async get(key) {
      return redis.get<string>(key);
    },
    async mget(keys) {
      return redis.mget<(string | null)[]>(keys);
    },
    async set(key, value, { px, nx }) {
      const result =
        px !== undefined
          ? nx
            ? await redis.set(key, value, { px, nx: true })
            : await redis.set(key, value, { px })
          : nx
            ? await redis.set(key, value, { nx: true })
            : await redis.set(key, value);
      return result === "OK";
    },
    async del(keys) {
      return redis.del(...keys);
    },
    async pexpire(key, ttlMs) {
      return (await redis.pexpire(key, ttlMs)) === 1;
    },
    async pttl(key) {
      return redis.pttl(key);
    },
    async evalsha(sha1, keys, args) {
      return redis.evalsha(sha1, keys, args);
    },
    async eval(source, keys, args) {
      return redis.eval(source, keys, args);
    },
    async ping() {
      return redis.ping();
    },
    async close() {
      // Stateless HTTP: nothing to release.
    },
  };

  return createRedisProtocolKv("upstash", transport, options.keyPrefix);
}
