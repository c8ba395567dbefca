// KV adapter for Redis over TCP (REDIS_URL), through ioredis.
//
// Tuned to fail fast rather than hang when Redis is down, because the KV-down policy
// (lib/limits/kv-down-policy.ts) needs a quick answer to pause chat or let reads through:
// - no offline queue: a command issued while disconnected fails at once instead of waiting;
// - a short connect timeout and command timeout;
// - reconnection keeps running in the background (capped back-off), and commands work again as
//   soon as the connection is ready.
import { Redis } from "ioredis";
import type { Kv } from "./kv";
import { createRedisProtocolKv, type RedisTransport } from "./redis-protocol-kv";

export interface RedisTcpKvOptions {
  url: string;
  keyPrefix?: string;
  /** Connect timeout in ms (default 2000). */
  connectTimeoutMs?: number;
  /** Per-command timeout in ms (default 2000). */
  commandTimeoutMs?: number;
}

export function createRedisTcpKv(options: RedisTcpKvOptions): Kv {
  const connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
  const redis = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: connectTimeoutMs,
    commandTimeout: options.commandTimeoutMs ?? 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    // RESP2 is understood by every Redis-compatible server and proxy; the port needs nothing newer.
    protocol: 2,
  });
  // Connection errors surface as a rejected command (a KvError) on the request that hit them;
  // without a listener ioredis would print every reconnect attempt as an unhandled error.
  redis.on("error", () => {});
  let closed = false;
  // One shared wait for the connection in progress, however many requests arrive meanwhile.
  let connecting: Promise<void> | undefined;

  /** Resolves once the connection is usable; rejects quickly while Redis is unreachable. */
  async function ready(): Promise<Redis> {
    if (closed) throw new Error("Redis client is closed");
    if (redis.status === "ready") return redis;
    if (!connecting) {
      let attempt: Promise<void>;
      switch (redis.status) {
        case "wait":
        case "end":
          attempt = redis.connect();
          break;
        case "connecting":
        case "connect":
          attempt = waitForReady(redis, connectTimeoutMs);
          break;
        default:
          throw new Error(`Redis is unreachable (connection ${redis.status})`);
      }
      connecting = attempt.finally(() => {
        connecting = undefined;
      });
    }
    await connecting;
    return redis;
  }

  const transport: RedisTransport = {
    async get(key) {
      return (await ready()).get(key);
    },
    async mget(keys) {
      return (await ready()).mget(keys);
    },
    async set(key, value, { px, nx }) {
      const args: (string | number)[] = [key, value];
      if (px !== undefined) args.push("PX", px);
      if (nx) args.push("NX");
      return (await (await ready()).call("SET", ...args)) === "OK";
    },
    async del(keys) {
      return (await ready()).del(...keys);
    },
    async pexpire(key, ttlMs) {
      return (await (await ready()).pexpire(key, ttlMs)) === 1;
    },
    async pttl(key) {
      return (await ready()).pttl(key);
    },
    async evalsha(sha1, keys, args) {
      return (await ready()).evalsha(sha1, keys.length, ...keys, ...args);
    },
    async eval(source, keys, args) {
      return (await ready()).eval(source, keys.length, ...keys, ...args);
    },
    async ping() {
      return (await ready()).ping();
    },
    async close() {
      closed = true;
      if (redis.status === "ready") await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };

  return createRedisProtocolKv("redis", transport, options.keyPrefix);
}

function waitForReady(redis: Redis, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      redis.off("ready", onReady);
      redis.off("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onReady = () => done();
    const onClose = () => done(new Error("Redis connection closed while connecting"));
    const timer = setTimeout(() => done(new Error(`Redis did not connect within ${timeoutMs} ms`)), timeoutMs);
    redis.once("ready", onReady);
    redis.once("close", onClose);
  });
}
