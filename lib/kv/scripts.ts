// Lua scripts the Redis adapters (TCP and Upstash REST) run with EVALSHA, falling back to EVAL
// when the server does not have them cached. A script runs atomically on Redis, which is what
// makes counters and rate limits exact under parallel requests. lib/kv/memory.ts implements the
// same algorithms in plain TypeScript; the shared tests hold both to the same results.
// Only plain Lua 5.1 and redis.call: no `#!lua` shebang, so Redis 6 and 7.0 accept them.
import { createHash } from "node:crypto";

export interface LuaScript {
  source: string;
  sha1: string;
}

function script(source: string): LuaScript {
  return { source, sha1: createHash("sha1").update(source).digest("hex") };
}

/**
 * INCRBY that sets an expiry when the key is created (or has none).
 * KEYS[1] counter; ARGV[1] amount; ARGV[2] ttl ms (0 = none). Returns the new value.
 */
export const INCR_WITH_TTL = script(`
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = tonumber(ARGV[2])
if ttl > 0 and redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return value
`);

/**
 * Adds to a counter only if the result stays within a limit.
 * KEYS[1] counter; ARGV[1] amount; ARGV[2] limit; ARGV[3] ttl ms (0 = none).
 * Returns {1, value} when reserved, {0, current} when refused.
 */
export const RESERVE = script(`
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local amount = tonumber(ARGV[1])
if current + amount > tonumber(ARGV[2]) then
  return {0, current}
end
local value = redis.call('INCRBY', KEYS[1], amount)
local ttl = tonumber(ARGV[3])
if ttl > 0 and redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return {1, value}
`);

/**
 * Sliding-window log over several windows, all checked before any is written.
 * KEYS[1] sequence counter (makes sorted-set members unique); KEYS[2..n+1] one sorted set per
 * window, scores = request times. ARGV[1] now ms; ARGV[2] cost; then limit, windowMs per window.
 * An entry made at time t counts while now < t + windowMs.
 * Returns {allowed, then per window: count, resetMs, retryAfterMs}.
 */
export const SLIDING_WINDOWS = script(`
local now = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local n = #KEYS - 1
local counts = {}
local allowed = 1
for i = 1, n do
  local key = KEYS[i + 1]
  local limit = tonumber(ARGV[1 + 2 * i])
  local window = tonumber(ARGV[2 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  counts[i] = redis.call('ZCARD', key)
  if counts[i] + cost > limit then
    allowed = 0
  end
end
local out = {allowed}
for i = 1, n do
  local key = KEYS[i + 1]
  local limit = tonumber(ARGV[1 + 2 * i])
  local window = tonumber(ARGV[2 + 2 * i])
  local retry = 0
  if allowed == 0 and counts[i] + cost > limit then
    local index = counts[i] + cost - limit - 1
    if index < counts[i] then
      local entry = redis.call('ZRANGE', key, index, index, 'WITHSCORES')
      retry = tonumber(entry[2]) + window - now
    else
      retry = window
    end
  end
  out[#out + 1] = counts[i]
  out[#out + 1] = 0
  out[#out + 1] = retry
end
if allowed == 1 and cost > 0 then
  local last = redis.call('INCRBY', KEYS[1], cost)
  local longest = 0
  for i = 1, n do
    local key = KEYS[i + 1]
    local window = tonumber(ARGV[2 + 2 * i])
    local members = {}
    for j = 1, cost do
      members[#members + 1] = now
      members[#members + 1] = now .. ':' .. (last - cost + j)
    end
    redis.call('ZADD', key, unpack(members))
    redis.call('PEXPIRE', key, window)
    counts[i] = counts[i] + cost
    out[3 * i - 1] = counts[i]
    if window > longest then
      longest = window
    end
  end
  redis.call('PEXPIRE', KEYS[1], longest)
end
for i = 1, n do
  if counts[i] > 0 then
    local window = tonumber(ARGV[2 + 2 * i])
    local oldest = redis.call('ZRANGE', KEYS[i + 1], 0, 0, 'WITHSCORES')
    out[3 * i] = tonumber(oldest[2]) + window - now
  end
end
return out
`);

// Holds (lib/kv/kv.ts HoldOptions): a counter KEYS[1] of settled amounts, and a sorted set
// KEYS[2] of holds, member "<id>:<amount>", score = the time (ms) the hold stops counting.
// A hold counts while now < its score. The settled counter is read before anything is written,
// so a counter that is not an integer fails the call without side effects (Redis does not roll a
// script back on error).
const HOLD_HELPERS = `
local function settled(key)
  local raw = redis.call('GET', key)
  if not raw then
    return 0
  end
  if not string.match(raw, '^-?%d+$') then
    error('ERR value is not an integer or out of range')
  end
  return tonumber(raw)
end
local function pending(key, now)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  local total = 0
  for _, member in ipairs(redis.call('ZRANGE', key, 0, -1)) do
    local amount = tonumber(string.match(member, ':(%d+)$'))
    if not amount then
      error('ERR not a hold: ' .. member)
    end
    total = total + amount
  end
  return total
end
`;

/**
 * Sets part of a counter's limit aside when the counter plus every live hold stays within it.
 * KEYS[1] counter; KEYS[2] holds. ARGV[1] now ms; ARGV[2] amount; ARGV[3] min amount;
 * ARGV[4] limit; ARGV[5] hold ms; ARGV[6] random id.
 * Returns {1, amount held, used, pending} or {0, 0, used, pending}.
 */
export const HOLD = script(`${HOLD_HELPERS}
local now = tonumber(ARGV[1])
local used = settled(KEYS[1])
local held = pending(KEYS[2], now)
local amount = math.min(tonumber(ARGV[2]), tonumber(ARGV[4]) - used - held)
if amount < tonumber(ARGV[3]) then
  return {0, 0, used, held}
end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[5]), string.format('%s:%d', ARGV[6], amount))
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[2], tonumber(last[2]) - now)
return {1, amount, used, held + amount}
`);

/**
 * Replaces a hold with the real amount: removes the hold, adds the amount to the counter
 * (setting its expiry when it has none).
 * KEYS[1] counter; KEYS[2] holds. ARGV[1] hold id; ARGV[2] amount; ARGV[3] ttl ms (0 = none);
 * ARGV[4] now ms. Returns {used, pending, released}.
 */
export const SETTLE = script(`${HOLD_HELPERS}
local now = tonumber(ARGV[4])
local used = settled(KEYS[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local released = redis.call('ZREM', KEYS[2], ARGV[1])
local amount = tonumber(ARGV[2])
if amount > 0 then
  used = redis.call('INCRBY', KEYS[1], amount)
  local ttl = tonumber(ARGV[3])
  if ttl > 0 and redis.call('PTTL', KEYS[1]) < 0 then
    redis.call('PEXPIRE', KEYS[1], ttl)
  end
end
return {used, pending(KEYS[2], now), released}
`);
