// The embedded KV: an in-process store with the same semantics as Redis for the operations of
// the port (JSON values, TTL expiry, atomic counters, sliding windows). Used when neither
// KV_REST_API_URL nor REDIS_URL is set. Counts are per process: right for one local server, not
// for several instances, which is what the Redis adapters are for.
//
// Exactness under concurrency: every operation reads and writes in one synchronous section (no
// `await` in between), and JavaScript runs one section at a time, so parallel requests are
// serialized exactly as a Lua script serializes them on Redis.
import { randomUUID } from "node:crypto";
import type {
  HoldOptions,
  HoldResult,
  Kv,
  KvSetOptions,
  MultiWindowResult,
  RateWindow,
  ReserveOptions,
  ReserveResult,
  SettleOptions,
  SettleResult,
  SlidingWindowRequest,
  SlidingWindowResult,
} from "./kv";
import { KvError } from "./kv-error";
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

type Entry =
  | { type: "string"; value: string; expiresAt: number | null }
  | { type: "zset"; scores: number[]; expiresAt: number | null }
  // Holds: id -> amount and the request time (`now`) at which the hold stops counting.
  | { type: "holds"; holds: Map<string, { amount: number; until: number }>; expiresAt: number | null };

export interface MemoryKvOptions {
  /** Prepended to every key. */
  keyPrefix?: string;
  /** Clock for TTL expiry (not for rate-limit windows, which take `now` per call). */
  clock?: () => number;
  /** How often expired keys are swept out of memory; they are invisible from expiry regardless. */
  sweepIntervalMs?: number;
  /**
   * Most bytes (keys + JSON values, approximately) that evictable entries — cache entries, set
   * with `evictable: true` — may hold; past it the least recently used are dropped. Other
   * entries are never evicted. Default 64 MiB: the response cache keeps answers for 7 days, and a
   * long-running embedded server must not grow with every distinct question.
   */
  maxEvictableBytes?: number;
}

/** The default bound of the evictable (cache) entries of the embedded store. */
const DEFAULT_MAX_EVICTABLE_BYTES = 64 * 1024 * 1024;

export function createMemoryKv(options: MemoryKvOptions = {}): Kv {
  const prefix = options.keyPrefix ?? "";
  const clock = options.clock ?? Date.now;
  const maxEvictableBytes = options.maxEvictableBytes ?? DEFAULT_MAX_EVICTABLE_BYTES;
  const entries = new Map<string, Entry>();
  // Evictable keys and their sizes, least recently used first (a Map keeps insertion order; a
  // read moves the key to the end).
  const evictable = new Map<string, number>();
  let evictableBytes = 0;

  function untrack(key: string) {
    const size = evictable.get(key);
    if (size === undefined) return;
    evictable.delete(key);
    evictableBytes -= size;
  }

  function remove(key: string) {
    entries.delete(key);
    untrack(key);
  }

  /** Any write but an evictable `set` makes the key an ordinary one. */
  function put(key: string, entry: Entry) {
    untrack(key);
    entries.set(key, entry);
  }

  function putEvictable(key: string, entry: Extract<Entry, { type: "string" }>) {
    put(key, entry);
    const size = key.length + entry.value.length;
    evictable.set(key, size);
    evictableBytes += size;
    for (const [oldest] of evictable) {
      if (evictableBytes <= maxEvictableBytes) break;
      remove(oldest);
    }
  }

  const sweep = setInterval(() => {
    const now = clock();
    for (const [key, entry] of entries) {
      if (entry.expiresAt !== null && entry.expiresAt <= now) remove(key);
    }
  }, options.sweepIntervalMs ?? 30_000);
  sweep.unref?.();

  const fullKey = (key: string) => prefix + checkKey(key);

  function live(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= clock()) {
      remove(key);
      return undefined;
    }
    return entry;
  }

  function stringValue(key: string): string | null {
    const entry = live(key);
    if (!entry) return null;
    if (entry.type !== "string") throw wrongType();
    const size = evictable.get(key);
    if (size !== undefined) {
      evictable.delete(key); // now the most recently used
      evictable.set(key, size);
    }
    return entry.value;
  }

  function integerValue(key: string): number {
    const raw = stringValue(key);
    if (raw === null) return 0;
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
      throw new KvError("memory", "ERR value is not an integer or out of range");
    }
    return Number(raw);
  }

  /** Writes a counter, keeping its expiry and giving it `ttl` when it has none. */
  function writeInteger(key: string, value: number, ttl: number): void {
    const existing = live(key);
    let expiresAt = existing?.expiresAt ?? null;
    if (expiresAt === null && ttl > 0) expiresAt = clock() + ttl;
    put(key, { type: "string", value: String(value), expiresAt });
  }

  function zset(key: string): Extract<Entry, { type: "zset" }> | undefined {
    const entry = live(key);
    if (entry && entry.type !== "zset") throw wrongType();
    return entry;
  }

  /** The live holds under `key` at request time `now`; expired ones are dropped first. */
  function liveHolds(key: string, now: number): Extract<Entry, { type: "holds" }> | undefined {
    const entry = live(key);
    if (!entry) return undefined;
    if (entry.type !== "holds") throw wrongType();
    for (const [id, hold] of entry.holds) if (hold.until <= now) entry.holds.delete(id);
    if (entry.holds.size === 0) {
      remove(key);
      return undefined;
    }
    return entry;
  }

  function pendingOf(entry: Extract<Entry, { type: "holds" }> | undefined): number {
    let total = 0;
    for (const hold of entry?.holds.values() ?? []) total += hold.amount;
    return total;
  }

  function windows(key: string, list: readonly RateWindow[], request: SlidingWindowRequest): MultiWindowResult {
    const base = fullKey(key);
    const checked = checkWindows(list);
    const cost = checkCost(request.cost);
    const now = checkNow(request.now);

    const sets = checked.map(({ windowMs }) => {
      const set = zset(windowKey(base, windowMs));
      if (set) {
        // Entries are kept sorted; drop the ones at or before now - window (same as ZREMRANGEBYSCORE).
        let drop = 0;
        while (drop < set.scores.length && set.scores[drop] <= now - windowMs) drop++;
        if (drop > 0) set.scores.splice(0, drop);
        if (set.scores.length === 0) remove(windowKey(base, windowMs));
      }
      return set?.scores ?? [];
    });
    const allowed = checked.every(({ limit }, i) => sets[i].length + cost <= limit);

    const results: SlidingWindowResult[] = checked.map(({ limit, windowMs }, i) => {
      const scores = sets[i];
      let retryAfterMs = 0;
      if (!allowed && scores.length + cost > limit) {
        const index = scores.length + cost - limit - 1;
        retryAfterMs = index < scores.length ? scores[index] + windowMs - now : windowMs;
      }
      return { allowed, limit, remaining: 0, resetMs: 0, retryAfterMs };
    });

    checked.forEach(({ limit, windowMs }, i) => {
      const k = windowKey(base, windowMs);
      let scores = sets[i];
      if (allowed && cost > 0) {
        const set = zset(k) ?? { type: "zset" as const, scores: [], expiresAt: null };
        let at = set.scores.length;
        while (at > 0 && set.scores[at - 1] > now) at--;
        set.scores.splice(at, 0, ...Array.from({ length: cost }, () => now));
        set.expiresAt = clock() + windowMs;
        put(k, set);
        scores = set.scores;
      }
      results[i].remaining = Math.max(0, limit - scores.length);
      results[i].resetMs = scores.length > 0 ? scores[0] + windowMs - now : 0;
    });
    return { allowed, windows: results };
  }

  const kv: Kv = {
    kind: "memory",

    async get<T>(key: string) {
      return decodeValue<T>(stringValue(fullKey(key)));
    },

    async mget<T>(keys: readonly string[]) {
      return keys.map((key) => decodeValue<T>(stringValue(fullKey(key))));
    },

    async set(key: string, value: unknown, options: KvSetOptions = {}) {
      const k = fullKey(key);
      const encoded = encodeValue(value);
      const ttl = checkTtl(options.ttlMs);
      if (options.onlyIfAbsent && live(k)) return false;
      const entry = { type: "string" as const, value: encoded, expiresAt: ttl > 0 ? clock() + ttl : null };
      if (options.evictable) putEvictable(k, entry);
      else put(k, entry);
      return true;
    },

    async del(keys: string | readonly string[]) {
      let removed = 0;
      for (const key of typeof keys === "string" ? [keys] : keys) {
        const k = fullKey(key);
        if (live(k)) removed++;
        remove(k);
      }
      return removed;
    },

    async incrBy(key: string, amount: number, options: { ttlMs?: number } = {}) {
      const k = fullKey(key);
      checkInteger("amount", amount);
      const ttl = checkTtl(options.ttlMs);
      const value = integerValue(k) + amount;
      writeInteger(k, value, ttl);
      return value;
    },

    async reserve(key: string, options: ReserveOptions): Promise<ReserveResult> {
      const k = fullKey(key);
      const amount = checkInteger("amount", options.amount ?? 1);
      const limit = checkInteger("limit", options.limit);
      const ttl = checkTtl(options.ttlMs);
      const current = integerValue(k);
      if (current + amount > limit) return { reserved: false, value: current };
      writeInteger(k, current + amount, ttl);
      return { reserved: true, value: current + amount };
    },

    async hold(key: string, options: HoldOptions): Promise<HoldResult> {
      const k = fullKey(key);
      const { amount, minAmount, limit, holdMs, now } = checkHold(options);
      const used = integerValue(k);
      const entry = liveHolds(holdsKey(k), now);
      const pending = pendingOf(entry);
      const granted = Math.min(amount, limit - used - pending);
      if (granted < minAmount) return { held: false, holdId: null, amount: 0, used, pending };
      const id = holdId(randomUUID(), granted);
      const holds = entry ?? { type: "holds" as const, holds: new Map(), expiresAt: null };
      holds.holds.set(id, { amount: granted, until: now + holdMs });
      const last = Math.max(...Array.from(holds.holds.values(), (hold) => hold.until));
      holds.expiresAt = clock() + (last - now);
      put(holdsKey(k), holds);
      return { held: true, holdId: id, amount: granted, used, pending: pending + granted };
    },

    async settle(key: string, id: string, options: SettleOptions): Promise<SettleResult> {
      const k = fullKey(key);
      const { amount, ttlMs, now } = checkSettle(id, options);
      let used = integerValue(k);
      const entry = liveHolds(holdsKey(k), now);
      const released = entry?.holds.delete(id) ?? false;
      if (entry && entry.holds.size === 0) remove(holdsKey(k));
      if (amount > 0) {
        used += amount;
        writeInteger(k, used, ttlMs);
      }
      return { used, pending: pendingOf(entry), released };
    },

    async expire(key: string, ttlMs: number) {
      const entry = live(fullKey(key));
      const ttl = checkTtl(ttlMs);
      if (!entry) return false;
      entry.expiresAt = clock() + ttl;
      return true;
    },

    async ttlMs(key: string) {
      const entry = live(fullKey(key));
      if (!entry) return -2;
      if (entry.expiresAt === null) return -1;
      return entry.expiresAt - clock();
    },

    async slidingWindow(key, { limit, windowMs, now, cost }) {
      return windows(key, [{ limit, windowMs }], { now, cost }).windows[0];
    },

    async slidingWindows(key, list, request = {}) {
      return windows(key, list, request);
    },

    async ping() {
      return { latencyMs: 0 };
    },

    async close() {
      clearInterval(sweep);
      entries.clear();
      evictable.clear();
      evictableBytes = 0;
    },
  };
  return kv;
}

function wrongType(): KvError {
  return new KvError("memory", "WRONGTYPE Operation against a key holding the wrong kind of value");
}
