// The KV port: the small interface the cache, rate limits and usage counters use. Three adapters
// implement it with the same semantics (lib/kv/memory.ts, redis-tcp.ts, upstash-rest.ts); which
// one runs is decided in one place, lib/kv/create-kv.ts.
//
// Conventions shared by every adapter:
// - values are JSON: `set` stores JSON.stringify(value), `get` returns the parsed value (a stored
//   string that is not JSON comes back as that string); counters are plain integers, so `get` on a
//   counter key returns a number;
// - durations are milliseconds; a missing `ttlMs` means "no expiry";
// - every failure of the store (unreachable, timeout, error reply) rejects with a KvError, so
//   callers can apply the KV-down policy (lib/limits/kv-down-policy.ts) without guessing;
// - counters, holds and rate-limit windows are updated atomically (a Lua script on Redis, one
//   synchronous section in memory), so parallel requests can never over-admit.

export type KvKind = "memory" | "redis" | "upstash";

export interface KvSetOptions {
  /** Expire the key after this many milliseconds. */
  ttlMs?: number;
  /** Only write when the key does not exist (SET NX); `set` then returns false if it existed. */
  onlyIfAbsent?: boolean;
  /**
   * A cache entry: the store may drop it before its TTL when it runs short of memory (least
   * recently used first). Counters, rate windows and tombstones are never written with this.
   * The embedded store bounds its evictable entries (lib/kv/memory.ts); on Redis, eviction is
   * the server's `maxmemory-policy` (volatile-lru evicts only keys with a TTL, as these have).
   */
  evictable?: boolean;
}

export interface RateWindow {
  /** How many units (requests) the window admits. */
  limit: number;
  /** Length of the sliding window in milliseconds. */
  windowMs: number;
}

export interface SlidingWindowRequest {
  /** Current time in ms since the epoch; defaults to Date.now() on this server (tests inject it). */
  now?: number;
  /** Units this request takes; defaults to 1. 0 only reads the state. */
  cost?: number;
}

export interface SlidingWindowResult {
  /** True when the request was admitted (and counted). */
  allowed: boolean;
  limit: number;
  /** Units still available in this window after this request. */
  remaining: number;
  /** Ms until the oldest counted request leaves the window, i.e. when `remaining` next grows; 0 when empty. */
  resetMs: number;
  /** Ms until a request of this cost would be admitted by this window; 0 when it would be now. */
  retryAfterMs: number;
}

export interface MultiWindowResult {
  /** True only when every window admitted the request; then it is counted in every window. */
  allowed: boolean;
  /** One result per window, in the order the windows were given. */
  windows: SlidingWindowResult[];
}

export interface ReserveOptions {
  /** How much to add; defaults to 1. */
  amount?: number;
  /** The counter never goes above this: a reservation that would exceed it is refused. */
  limit: number;
  /** Expiry set when the counter is created (or has none). */
  ttlMs?: number;
}

export interface ReserveResult {
  /** True when the amount was added. */
  reserved: boolean;
  /** The counter after the call (unchanged when refused). */
  value: number;
}

/**
 * A hold sets part of a limited counter aside for work whose real cost is known only afterwards
 * (a model call): `counter + every live hold <= limit` is checked and the hold added in one atomic
 * step, then `settle` replaces the hold with the real amount. A hold that is never settled (the
 * server died mid-call) stops counting `holdMs` after it was made, so it cannot block anyone for
 * long. Holds live beside the counter, in a sorted set stored under `${key}:holds`.
 */
export interface HoldOptions {
  /** Most to set aside (an integer >= 1). */
  amount: number;
  /**
   * Least worth setting aside: when less than `amount` is left, the hold takes what is left if
   * that is at least this much. Defaults to `amount` (all or nothing).
   */
  minAmount?: number;
  /** The counter plus every live hold never goes above this. */
  limit: number;
  /** How long an unsettled hold counts, in ms. */
  holdMs: number;
  /** Current time in ms since the epoch; defaults to Date.now() on this server (tests inject it). */
  now?: number;
}

export interface HoldResult {
  /** True when the hold was made. */
  held: boolean;
  /** Names the hold for `settle` (opaque); null when refused. */
  holdId: string | null;
  /** What was set aside: from `minAmount` to `amount`; 0 when refused. */
  amount: number;
  /** The counter (settled amounts only). */
  used: number;
  /** Sum of the live holds after the call, this one included. */
  pending: number;
}

export interface SettleOptions {
  /** The real amount to add to the counter (an integer >= 0; 0 only releases the hold). */
  amount: number;
  /** Expiry set when the counter is created (or has none). */
  ttlMs?: number;
  /** Current time, as for `hold`. */
  now?: number;
}

export interface SettleResult {
  /** The counter after the call. */
  used: number;
  /** Sum of the live holds after the call. */
  pending: number;
  /** False when the hold had already expired or been settled (the amount is added regardless). */
  released: boolean;
}

export interface Kv {
  readonly kind: KvKind;

  get<T = unknown>(key: string): Promise<T | null>;
  /** Several keys in one round trip; null for each missing key. */
  mget<T = unknown>(keys: readonly string[]): Promise<(T | null)[]>;
  /** Stores a JSON value; returns false only when `onlyIfAbsent` found an existing key. */
  set(key: string, value: unknown, options?: KvSetOptions): Promise<boolean>;
  /** Deletes keys; returns how many existed. */
  del(keys: string | readonly string[]): Promise<number>;

  /** Atomically adds `amount` (an integer, may be negative); sets `ttlMs` when the key is created. */
  incrBy(key: string, amount: number, options?: { ttlMs?: number }): Promise<number>;
  /** Atomically adds `amount` only if the result stays within `limit` (quota reservation). */
  reserve(key: string, options: ReserveOptions): Promise<ReserveResult>;
  /** Sets aside part of a counter's limit until `settle` (see HoldOptions). */
  hold(key: string, options: HoldOptions): Promise<HoldResult>;
  /**
   * Replaces a hold with the real amount in one atomic step: drops the hold and adds `amount` to
   * the counter. The amount is added even when the hold has expired: it was really spent.
   */
  settle(key: string, holdId: string, options: SettleOptions): Promise<SettleResult>;
  /** Sets a key's expiry; returns false when the key does not exist. */
  expire(key: string, ttlMs: number): Promise<boolean>;
  /** Remaining time to live in ms; -1 when the key has no expiry, -2 when it does not exist. */
  ttlMs(key: string): Promise<number>;

  /** Sliding-window rate limit on one window (see slidingWindows). */
  slidingWindow(key: string, options: RateWindow & SlidingWindowRequest): Promise<SlidingWindowResult>;
  /**
   * Sliding-window log over several windows, checked and counted atomically: the request is
   * counted in every window or in none, so a refusal by one window never uses up another.
   * Each window is stored under `${key}:${windowMs}`, so windows must have distinct lengths.
   */
  slidingWindows(
    key: string,
    windows: readonly RateWindow[],
    request?: SlidingWindowRequest,
  ): Promise<MultiWindowResult>;

  /** Round trip to the store. */
  ping(): Promise<{ latencyMs: number }>;
  /** Releases connections and timers. The instance must not be used afterwards. */
  close(): Promise<void>;
}
