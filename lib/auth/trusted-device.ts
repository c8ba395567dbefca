// Device tokens ("device cookies"): after a successful sign-in the browser gets a signed token
// bound to that account. A later sign-in to the same account that presents it comes from a
// device the account's owner has used, and is limited on its own budget instead of the budgets
// that anyone can exhaust (the account's budget for unknown devices, and the per-address one),
// so an attacker guessing passwords cannot lock the owner out. See lib/limits/sign-in-limits.ts.
//
// Browsers keep the tokens in an HttpOnly cookie sent only to the sign-in route. Clients without
// cookies (the add-in's sign-in dialog) may send and receive the same value as `device_token` in
// the body. The value holds the tokens of up to MAX_ACCOUNTS accounts, newest first, joined by `~`;
// a token is `v1.<account tag>.<device id>.<expiry>.<HMAC-SHA256>`.
import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import type { CookieJar } from "./auth-adapter";
import { getAuthSecret } from "./auth-secret";

export const DEVICE_COOKIE = "eaa-device";
/** The cookie is sent with sign-in requests only. */
const DEVICE_COOKIE_PATH = "/api/auth/login";
export const DEVICE_TOKEN_TTL_SECONDS = 60 * 60 * 24 * 180;
const MAX_ACCOUNTS = 5;
const MAX_VALUE_LENGTH = 2048;

let cachedKey: Buffer | null | undefined;

/**
 * The signing key, derived from the server's secret: AUTH_SECRET, else SUPABASE_SECRET_KEY
 * (Supabase deployments need no AUTH_SECRET), else the secret generated into DATA_DIR. Null when
 * none can be had (a read-only disk and no secret set): every device is then unknown.
 */
function signingKey(): Buffer | null {
  if (cachedKey !== undefined) return cachedKey;
  let material: Uint8Array | undefined;
  try {
    material = env.AUTH_SECRET || !env.SUPABASE_SECRET_KEY ? getAuthSecret() : new TextEncoder().encode(env.SUPABASE_SECRET_KEY);
  } catch (error) {
    logger.warn({ err: (error as Error).message }, "no secret for device tokens: set AUTH_SECRET; sign-in treats every device as unknown");
  }
  cachedKey = material ? createHmac("sha256", material).update("excel-ai-assistant device token v1").digest() : null;
  return cachedKey;
}

/** Stands for an account in rate-limit keys and device tokens, without the email in clear. */
export function accountTag(email: string): string {
  return createHash("sha256").update(`account:${email.trim().toLowerCase()}`).digest("base64url").slice(0, 32);
}

function sign(key: Buffer, payload: string) {
  return createHmac("sha256", key).update(payload).digest("base64url");
}

function readToken(key: Buffer, token: string, now: number): { account: string; deviceId: string } | null {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") return null;
  const [, account, deviceId, expiry] = parts;
  const expected = Buffer.from(sign(key, parts.slice(0, 4).join(".")));
  const given = Buffer.from(parts[4]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (!/^\d{1,12}$/.test(expiry) || Number(expiry) * 1000 <= now) return null;
  return { account, deviceId };
}

function tokensIn(value: string | null | undefined): string[] {
  if (!value || value.length > MAX_VALUE_LENGTH) return [];
  return value.split("~").slice(0, MAX_ACCOUNTS);
}

/**
 * The device id of a valid token for this account among the values given (the cookie, a body
 * field), or null: an unknown device.
 */
export function knownDevice({ account, values, now = Date.now() }: { account: string; values: (string | null | undefined)[]; now?: number }): string | null {
  const key = signingKey();
  if (!key) return null;
  for (const value of values) {
    for (const token of tokensIn(value)) {
      const read = readToken(key, token, now);
      if (read?.account === account) return read.deviceId;
    }
  }
  return null;
}

/**
 * The value that remembers this device for `account` (first, with a fresh expiry), keeping the
 * other accounts' valid tokens from `previous`. Null when no signing key is available.
 */
export function rememberDevice({
  account,
  deviceId,
  previous,
  now = Date.now(),
}: {
  account: string;
  deviceId?: string | null;
  previous?: string | null;
  now?: number;
}): string | null {
  const key = signingKey();
  if (!key) return null;
  const id = deviceId ?? randomBytes(16).toString("base64url");
  const payload = `v1.${account}.${id}.${Math.floor(now / 1000) + DEVICE_TOKEN_TTL_SECONDS}`;
  const others = tokensIn(previous).filter((token) => {
    const read = readToken(key, token, now);
    return read !== null && read.account !== account;
  });
  return [`${payload}.${sign(key, payload)}`, ...others].slice(0, MAX_ACCOUNTS).join("~");
}

export function readDeviceCookie(jar: CookieJar): string | undefined {
  return jar.get(DEVICE_COOKIE);
}

export function writeDeviceCookie(jar: CookieJar, value: string, secure: boolean) {
  jar.set(DEVICE_COOKIE, value, {
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: DEVICE_COOKIE_PATH,
    maxAge: DEVICE_TOKEN_TTL_SECONDS,
  });
}
