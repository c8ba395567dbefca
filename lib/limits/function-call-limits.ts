// Per-plan limits of the in-cell AI functions: calls computed per clock minute and per UTC day,
// both counters in the KV, reserved atomically, so they are exact across instances. (Counters,
// not a sliding-window log: a column recalculating counts thousands of units a minute, one entry
// each in a log.) Only calls that are
// computed count: a result answered from the cache is free. A batch is admitted in part when only
// part of it fits, so the first cells of a column still compute and the rest show the limit.
// A workspace's calls share its pool (identifier `workspace:<id>`): the plan's limits times its
// seats, as the pooled quota of its chats.
//   quota:fn-min:<identifier>:<minute>         calls computed this minute (minute since the epoch)
//   quota:fn:<identifier>:<YYYY-MM-DD>         calls computed today
// KV down: fails closed (the calls are refused with provider_unavailable; nothing is computed).
import { getKv } from "@/lib/kv/get-kv";
import type { Kv } from "@/lib/kv/kv";
import { isKvError } from "@/lib/kv/kv-error";
import { ENTITLEMENTS, type Plan } from "./entitlements";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface FunctionLimitRefusal {
  code: "rate_limited" | "quota_exceeded" | "provider_unavailable";
  /** Short enough for the error tooltip of a cell: which limit, and when it resets. */
  message: string;
  retryAfterSeconds: number;
}

export interface FunctionAdmission {
  /** How many of the requested calls may be computed now (the first ones). */
  admitted: number;
  /** Why the others may not, when admitted < requested. */
  refusal: FunctionLimitRefusal | null;
}

interface AdmitInput {
  plan: Plan;
  /** `user:<id>`, or `workspace:<id>` for a workspace's pool. */
  identifier: string;
  /** A workspace's pool: the plan's per-minute and per-day limits times this (default 1). */
  seats?: number;
  /** True for a workspace's pool: the limit messages say whose limit it is. */
  pooled?: boolean;
  count: number;
  kv?: Kv;
  /** Multiplies the per-minute limit (RATE_LIMIT_SCALE, as for route policies). */
  scale?: number;
  now?: number;
}

/** Reserves as much of `amount` as fits under `limit` (all of it, or what is left); returns how much. */
async function reserveUpTo(kv: Kv, key: string, amount: number, limit: number, ttlMs: number): Promise<number> {
  let wanted = amount;
  for (let attempt = 0; attempt < 3 && wanted > 0; attempt++) {
    const reserved = await kv.reserve(key, { amount: wanted, limit, ttlMs });
    if (reserved.reserved) return wanted;
    wanted = Math.min(wanted - 1, limit - reserved.value);
  }
  return 0;
}

export function functionMinuteKey(identifier: string, now: number): string {
  return `quota:fn-min:${identifier}:${Math.floor(now / MINUTE_MS)}`;
}

export function functionDayKey(identifier: string, now: number): string {
  return `quota:fn:${identifier}:${new Date(now).toISOString().slice(0, 10)}`;
}

function dayResetsAt(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

function formatWait(seconds: number): string {
  if (seconds <= 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

const planName = (plan: Plan) => (plan === "guest" ? "guest access" : `the ${plan} plan`);

/** Whose limit: the plan's, or a workspace's pool of that plan's seats. */
function limitOwner(plan: Plan, pooled: boolean, seats: number): string {
  return pooled ? `the workspace's pool (${plan} plan, ${seats} ${seats === 1 ? "seat" : "seats"})` : planName(plan);
}

const seatsOf = (seats: number | undefined) => Math.max(1, Math.floor(seats ?? 1));

export async function admitFunctionCalls(input: AdmitInput): Promise<FunctionAdmission> {
  const count = Math.max(0, Math.floor(input.count));
  if (count === 0) return { admitted: 0, refusal: null };
  const kv = input.kv ?? getKv();
  const now = input.now ?? Date.now();
  const entitlement = ENTITLEMENTS[input.plan];
  const seats = seatsOf(input.seats);
  const owner = limitOwner(input.plan, input.pooled ?? false, seats);
  const perMinute = Math.max(entitlement.functionCallsPerMinute > 0 ? 1 : 0, Math.round(entitlement.functionCallsPerMinute * seats * (input.scale ?? 1)));
  const perDay = entitlement.functionCallsPerDay * seats;
  const resetsAt = dayResetsAt(now);
  const daySeconds = Math.max(1, Math.ceil((resetsAt - now) / 1000));
  const dayRefusal: FunctionLimitRefusal = {
    code: "quota_exceeded",
    message: `Daily limit reached: ${owner} includes ${perDay.toLocaleString("en-US")} AI function calls a day. It resets at 00:00 UTC (in ${formatWait(daySeconds)}). Cached results stay free.`,
    retryAfterSeconds: daySeconds,
  };
  if (perDay <= 0 || perMinute <= 0) {
    return { admitted: 0, refusal: { ...dayRefusal, message: `AI functions are not included in ${owner}. ${entitlement.upgradeHint}` } };
  }

  try {
    // The day first, then the minute; what the minute refuses is given back to the day.
    const dayKey = functionDayKey(input.identifier, now);
    const ttlMs = resetsAt - now + DAY_MS;
    const day = await reserveUpTo(kv, dayKey, count, perDay, ttlMs);
    if (day === 0) return { admitted: 0, refusal: dayRefusal };

    const minuteStart = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    const minute = await reserveUpTo(kv, functionMinuteKey(input.identifier, now), day, perMinute, 2 * MINUTE_MS);
    const minuteRetryMs = minuteStart + MINUTE_MS - now;
    if (minute < day) await kv.incrBy(dayKey, minute - day, { ttlMs });

    if (minute === count) return { admitted: count, refusal: null };
    if (minute < day) {
      const seconds = Math.max(1, Math.ceil(minuteRetryMs / 1000));
      return {
        admitted: minute,
        refusal: {
          code: "rate_limited",
          message: `Busy: ${owner} computes up to ${perMinute.toLocaleString("en-US")} AI function calls a minute. Recalculate in ${formatWait(seconds)}.`,
          retryAfterSeconds: seconds,
        },
      };
    }
    return { admitted: minute, refusal: dayRefusal };
  } catch (error) {
    if (!isKvError(error)) throw error;
    return {
      admitted: 0,
      refusal: { code: "provider_unavailable", message: "AI functions are paused: the limit counter is unreachable. Recalculate in a moment.", retryAfterSeconds: 5 },
    };
  }
}

/**
 * Today's computed calls against the plan (times `seats` for a workspace's pool), for the usage
 * reports (fails open: 0 when the KV is down).
 */
export async function getFunctionCallUsage(input: { plan: Plan; identifier: string; seats?: number; kv?: Kv; now?: number }): Promise<{ used: number; limit: number; remaining: number; perMinute: number; resetsAt: string }> {
  const kv = input.kv ?? getKv();
  const now = input.now ?? Date.now();
  const entitlement = ENTITLEMENTS[input.plan];
  const seats = seatsOf(input.seats);
  let used = 0;
  try {
    used = (await kv.get<number>(functionDayKey(input.identifier, now))) ?? 0;
  } catch (error) {
    if (!isKvError(error)) throw error;
  }
  const limit = entitlement.functionCallsPerDay * seats;
  return { used, limit, remaining: Math.max(0, limit - used), perMinute: entitlement.functionCallsPerMinute * seats, resetsAt: new Date(dayResetsAt(now)).toISOString() };
}
