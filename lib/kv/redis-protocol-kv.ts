// The KV port over any Redis transport. Both Redis adapters (TCP through ioredis, HTTP through
// Upstash REST) only supply the handful of commands below; the semantics, the Lua scripts and
// the error wrapping live here once, so the two cannot drift apart.
import { randomUUID } from "node:crypto";
import type {
  HoldOptions,
  Kv,
  KvKind,
  KvSetOptions,
  MultiWindowResult,
  RateWindow,
  ReserveOptions,
  SettleOptions,
  SlidingWindowRequest,
} from "./kv";
import { KvError, isKvError } from "./kv-error";
import {
  checkCost,
  checkHold,
  checkInteger,
  checkKey,
  checkNow,
  checkSettle,
  checkTtl,
  checkWindows,
  decodeValue,
  encodeValue,
  holdId,
  holdsKey,
  windowKey,
} from "./kv-arguments";
import { HOLD, INCR_WITH_TTL, RESERVE, SETTLE, SLIDING_WINDOWS, type LuaScript } from "./scripts";

/** The commands an adapter must provide. Values are raw strings; arguments are already checked. */
export interface RedisTransport {
  get(key: string): Promise<string | null>;
  mget(keys: string[]): Promise<(string | null)[]>;
  /** SET with optional PX and NX; true when written. */
  set(key: string, value: string, options: { px?: number; nx?: boolean }): Promise<boolean>;
  del(keys: string[]): Promise<number>;
  pexpire(key: string, ttlMs: number): Promise<boolean>;
  pttl(key: string): Promise<number>;
  evalsha(sha1: string, keys: string[], args: (string | number)[]): Promise<unknown>;
  eval(source: string, keys: string[], args: (string | number)[]): Promise<unknown>;
  ping(): Promise<unknown>;
  close(): Promise<void>;
}

export function createRedisProtocolKv(kind: KvKind, transport: RedisTransport, keyPrefix = ""): Kv {
  const fullKey = (key: string) => keyPrefix + checkKey(key);

  async function run<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isKvError(error)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new KvError(kind, `KV ${operation} failed: ${reason}`, { cause: error });
    }
  }

  async function evalScript(script: LuaScript, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await transport.evalsha(script.sha1, keys, args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes("NOSCRIPT")) throw error;
      // Not cached on this server yet (first call, restart, SCRIPT FLUSH): EVAL caches it.
      return transport.eval(script.source, keys, args);
    }
  }

  async function slidingWindows(
    key: string,
    list: readonly RateWindow[],
    request: SlidingWindowRequest = {},
  ): Promise<MultiWindowResult> {
    const base = fullKey(key);
    const windows = checkWindows(list);
    const cost = checkCost(request.cost);
    const now = checkNow(request.now);
    const keys = [`${base}:seq`, ...windows.map(({ windowMs }) => windowKey(base, windowMs))];
    const args = [now, cost, ...windows.flatMap(({ limit, windowMs }) => [limit, windowMs])];
    const reply = await run("slidingWindows", () => evalScript(SLIDING_WINDOWS, keys, args));
    const numbers = toNumbers(kind, reply, 1 + 3 * windows.length);
    const allowed = numbers[0] === 1;
    return {
      allowed,
      windows: windows.map(({ limit }, i) => {
        const [count, resetMs, retryAfterMs] = numbers.slice(1 + 3 * i, 4 + 3 * i);
        return { allowed, limit, remaining: Math.max(0, limit - count), resetMs, retryAfterMs };
      }),
    };
  }

  return {
    kind,

    async get<T>(key: string) {
      const k = fullKey(key);
      return decodeValue<T>(await run("get", () => transport.get(k)));
    },

    async mget<T>(keys: readonly string[]) {
      if (keys.length === 0) return [];
      const full = keys.map(fullKey);
      const values = await run("mget", () => transport.mget(full));
      return values.map((value) => decodeValue<T>(value));
    },

    async set(key: string, value: unknown, options: KvSetOptions = {}) {
      const k = fullKey(key);
      const encoded = encodeValue(value);
      const ttl = checkTtl(options.ttlMs);
      return run("set", () =>
        transport.set(k, encoded, { px: ttl > 0 ? ttl : undefined, nx: options.onlyIfAbsent }),
      );
    },

    async del(keys: string | readonly string[]) {
      const full = (typeof keys === "string" ? [keys] : keys).map(fullKey);
      if (full.length === 0) return 0;
      return run("del", () => transport.del(full));
    },

    async incrBy(key: string, amount: number, options: { ttlMs?: number } = {}) {
      const k = fullKey(key);
      checkInteger("amount", amount);
      const ttl = checkTtl(options.ttlMs);
      const reply = await run("incrBy", () => evalScript(INCR_WITH_TTL, [k], [amount, ttl]));
      return toNumbers(kind, [reply], 1)[0];
    },

    async reserve(key: string, options: ReserveOptions) {
      const k = fullKey(key);
      const amount = checkInteger("amount", options.amount ?? 1);
      const limit = checkInteger("limit", options.limit);
      const ttl = checkTtl(options.ttlMs);
      const reply = await run("reserve", () => evalScript(RESERVE, [k], [amount, limit, ttl]));
      const [reserved, value] = toNumbers(kind, reply, 2);
      return { reserved: reserved === 1, value };
    },

    async hold(key: string, options: HoldOptions) {
      const k = fullKey(key);
      const { amount, minAmount, limit, holdMs, now } = checkHold(options);
      const id = randomUUID();
      const reply = await run("hold", () => evalScript(HOLD, [k, holdsKey(k)], [now, amount, minAmount, limit, holdMs, id]));
      const [held, granted, used, pending] = toNumbers(kind, reply, 4);
      return held === 1
        ? { held: true, holdId: holdId(id, granted), amount: granted, used, pending }
        : { held: false, holdId: null, amount: 0, used, pending };
    },

    async settle(key: string, id: string, options: SettleOptions) {
      const k = fullKey(key);
      const { amount, ttlMs, now } = checkSettle(id, options);
      const reply = await run("settle", () => evalScript(SETTLE, [k, holdsKey(k)], [id, amount, ttlMs, now]));
      const [used, pending, released] = toNumbers(kind, reply, 3);
      return { used, pending, released: released === 1 };
    },

    async expire(key: string, ttlMs: number) {
      const k = fullKey(key);
      const ttl = checkTtl(ttlMs);
      return run("expire", () => transport.pexpire(k, ttl));
    },

    async ttlMs(key: string) {
      const k = fullKey(key);
      return run("ttlMs", () => transport.pttl(k));
    },

    async slidingWindow(key, { limit, windowMs, now, cost }) {
      return (await slidingWindows(key, [{ limit, windowMs }], { now, cost })).windows[0];
    },

    slidingWindows,

    async ping() {
      const started = performance.now();
      await run("ping", () => transport.ping());
      return { latencyMs: performance.now() - started };
    },

    async close() {
      await transport.close();
    },
  };
}

/** Script replies are integers (or arrays of them); RESP and REST clients may hand them over as strings. */
function toNumbers(kind: KvKind, reply: unknown, length: number): number[] {
  const values = Array.isArray(reply) ? reply : [reply];
  const numbers = values.map((value) => (typeof value === "string" ? Number(value) : value));
  if (numbers.length !== length || !numbers.every((value) => typeof value === "number" && Number.isFinite(value))) {
    throw new KvError(kind, `unexpected script reply: ${JSON.stringify(reply)}`);
  }
  return numbers as number[];
}
