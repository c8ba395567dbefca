// Argument checks and value encoding shared by every adapter, so a bad argument fails the same
// way everywhere (a TypeError, a programming mistake) and values round-trip identically.
import type { HoldOptions, RateWindow, SettleOptions } from "./kv";

const MAX_SLIDING_WINDOW_COST = 1_000;

export function checkKey(key: string): string {
  if (typeof key !== "string" || key.length === 0) throw new TypeError("KV key must be a non-empty string");
  return key;
}

/** 0 means "no expiry"; otherwise a whole number of milliseconds (rounded up). */
export function checkTtl(ttlMs: number | undefined): number {
  if (ttlMs === undefined) return 0;
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new TypeError(`KV ttlMs must be a positive number, got ${ttlMs}`);
  return Math.ceil(ttlMs);
}

export function checkInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value)) throw new TypeError(`KV ${name} must be a safe integer, got ${value}`);
  return value;
}

export function checkWindows(windows: readonly RateWindow[]): RateWindow[] {
  if (windows.length === 0) throw new TypeError("slidingWindows needs at least one window");
  const seen = new Set<number>();
  return windows.map(({ limit, windowMs }) => {
    if (!Number.isSafeInteger(limit) || limit < 0) throw new TypeError(`window limit must be an integer >= 0, got ${limit}`);
    if (!Number.isSafeInteger(windowMs) || windowMs <= 0) {
      throw new TypeError(`windowMs must be a positive integer, got ${windowMs}`);
    }
    if (seen.has(windowMs)) throw new TypeError(`two windows of ${windowMs} ms would share a key`);
    seen.add(windowMs);
    return { limit, windowMs };
  });
}

export function checkCost(cost: number | undefined): number {
  const value = cost ?? 1;
  if (!Number.isInteger(value) || value < 0 || value > MAX_SLIDING_WINDOW_COST) {
    throw new TypeError(`sliding window cost must be an integer from 0 to ${MAX_SLIDING_WINDOW_COST}, got ${cost}`);
  }
  return value;
}

export function checkNow(now: number | undefined): number {
  const value = now ?? Date.now();
  if (!Number.isFinite(value)) throw new TypeError(`now must be a finite number, got ${now}`);
  return Math.floor(value);
}

/** Where a counter's holds are stored. */
export function holdsKey(key: string): string {
  return `${key}:holds`;
}

/** A hold id is a random id plus the amount held, so the Lua side can sum holds from their ids. */
export function holdId(id: string, amount: number): string {
  return `${id}:${amount}`;
}

export function checkHold(options: HoldOptions): Required<HoldOptions> {
  const amount = options.amount;
  if (!Number.isSafeInteger(amount) || amount < 1) throw new TypeError(`hold amount must be an integer >= 1, got ${amount}`);
  const minAmount = options.minAmount ?? amount;
  if (!Number.isSafeInteger(minAmount) || minAmount < 1 || minAmount > amount) {
    throw new TypeError(`hold minAmount must be an integer from 1 to amount (${amount}), got ${options.minAmount}`);
  }
  const limit = checkInteger("limit", options.limit);
  if (!Number.isSafeInteger(options.holdMs) || options.holdMs <= 0) {
    throw new TypeError(`holdMs must be a positive integer, got ${options.holdMs}`);
  }
  return { amount, minAmount, limit, holdMs: options.holdMs, now: checkNow(options.now) };
}

export function checkSettle(id: string, options: SettleOptions): { amount: number; ttlMs: number; now: number } {
  if (typeof id !== "string" || !/^[^:]+:\d+$/.test(id)) throw new TypeError(`not a hold id: ${String(id)}`);
  const amount = options.amount;
  if (!Number.isSafeInteger(amount) || amount < 0) throw new TypeError(`settle amount must be an integer >= 0, got ${amount}`);
  return { amount, ttlMs: checkTtl(options.ttlMs), now: checkNow(options.now) };
}

export function windowKey(key: string, windowMs: number): string {
  return `${key}:${windowMs}`;
}

export function encodeValue(value: unknown): string {
  const encoded = JSON.stringify(value);
  if (encoded === undefined) throw new TypeError("KV value must be JSON-serializable");
  return encoded;
}

/** Parses a stored value; a string that is not JSON comes back as it is. */
export function decodeValue<T>(raw: string | null | undefined): T | null {
  if (raw === null || raw === undefined) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return raw as T;
  }
}
