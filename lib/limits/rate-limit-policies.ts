// Named rate-limit policies: the one table that says how many requests each kind of route admits,
// per whom, and what happens when the KV is down. Handlers name a policy (`RATE_LIMITS.chat`); they
// never carry numbers of their own.
//
// `keyedBy` documents the identifier the guard must pass: "user" -> the user id, "ip" -> the client
// IP, "user-or-ip" -> the user id when signed in, else the IP (guests are limited per IP so they
// cannot dodge limits by rotating sessions), "account" -> the account being signed in to,
// "device" -> a device that account has signed in on before (lib/auth/trusted-device.ts).
// `failMode` is the KV-down policy (lib/limits/kv-down-policy.ts): "closed" refuses with 503,
// "open" admits with a warning.
import type { RateWindow } from "@/lib/kv/kv";

export type FailMode = "closed" | "open";

export interface RateLimitPolicy {
  /** Also the key namespace: `rl:<name>:<identifier>`. */
  name: string;
  /** Every window must admit the request. Distinct window lengths. */
  windows: readonly RateWindow[];
  keyedBy: "user" | "ip" | "user-or-ip" | "account" | "device";
  failMode: FailMode;
  /** What the request is, for the message when the KV is down ("chat is paused"). */
  pausedFeature: string;
}

const MINUTE = 60_000;

export const RATE_LIMITS = {
  // Model routes cost money per request: both windows, and nothing runs without the limiter.
  chat: {
    name: "chat",
    windows: [
      { limit: 10, windowMs: MINUTE },
      { limit: 50, windowMs: 15 * MINUTE },
    ],
    keyedBy: "user",
    failMode: "closed",
    pausedFeature: "chat",
  },
  // Every request to the streaming chat route, read before its body: a new question is then also
  // counted against `chat`; a further step of an answer (agent mode, bounded by the plan's steps
  // per answer and checked against the stored answer) only here.
  chatSteps: {
    name: "chat-steps",
    windows: [
      { limit: 60, windowMs: MINUTE },
      { limit: 300, windowMs: 15 * MINUTE },
    ],
    keyedBy: "user",
    failMode: "closed",
    pausedFeature: "chat",
  },
  chatGuest: {
    name: "chat-guest",
    windows: [
      { limit: 10, windowMs: MINUTE },
      { limit: 50, windowMs: 15 * MINUTE },
    ],
    keyedBy: "ip",
    failMode: "closed",
    pausedFeature: "chat",
  },
  // Sign-up and refresh: the brute-force guard. Closed, because an outage of the limiter
  // must not become an unthrottled window for password guessing; existing sessions keep working.
  auth: {
    name: "auth",
    windows: [{ limit: 10, windowMs: 15 * MINUTE }],
    keyedBy: "ip",
    failMode: "closed",
    pausedFeature: "sign-in",
  },
  // Accounts created by a first Microsoft sign-in (a new tenant id + object id), per client
  // address, as local sign-up is limited by `auth`: minting Microsoft users is cheap for anyone
  // who administers a tenant. Applied only when an account is about to be created
  // (lib/limits/microsoft-signup-limit.ts); people who already have an account never count.
  // Closed, like sign-up: during a KV outage existing users keep working, new ones wait.
  microsoftSignup: {
    name: "microsoft-signup",
    windows: [{ limit: 10, windowMs: 15 * MINUTE }],
    keyedBy: "ip",
    failMode: "closed",
    pausedFeature: "creating accounts with Microsoft sign-in",
  },
  // Sign-in (lib/limits/sign-in-limits.ts applies these itself; they are not route policies).
  // Every attempt counts, not only failures, so a burst of parallel guesses cannot slip past a
  // check made before the password is verified. A device the account has signed in on before
  // has its own budget; everyone else shares the account's budget for unknown devices and their
  // address's budget, so an attacker exhausting those never locks out the owner's devices.
  signInIp: {
    name: "sign-in-ip",
    windows: [{ limit: 10, windowMs: 15 * MINUTE }],
    keyedBy: "ip",
    failMode: "closed",
    pausedFeature: "sign-in",
  },
  signInAccount: {
    name: "sign-in-account",
    windows: [
      { limit: 10, windowMs: 15 * MINUTE },
      { limit: 50, windowMs: 24 * 60 * MINUTE },
    ],
    keyedBy: "account",
    failMode: "closed",
    pausedFeature: "sign-in",
  },
  signInDevice: {
    name: "sign-in-device",
    windows: [{ limit: 10, windowMs: 15 * MINUTE }],
    keyedBy: "device",
    failMode: "closed",
    pausedFeature: "sign-in",
  },
  // Password recovery. Requests from one address are refused past their budget (429); requests
  // for one email are answered 202 like every other but send nothing past theirs, whether or not
  // the account exists, so neither limit tells anyone which emails have accounts, and nobody can
  // flood an inbox with reset emails.
  passwordResetIp: {
    name: "password-reset-ip",
    windows: [{ limit: 5, windowMs: 15 * MINUTE }],
    keyedBy: "ip",
    failMode: "closed",
    pausedFeature: "password reset",
  },
  passwordResetAccount: {
    name: "password-reset-account",
    windows: [
      { limit: 3, windowMs: 15 * MINUTE },
      { limit: 10, windowMs: 24 * 60 * MINUTE },
    ],
    keyedBy: "account",
    failMode: "closed",
    pausedFeature: "password reset",
  },
  // Changing the password checks the current one: guesses through a stolen session are limited
  // per account, like sign-in attempts.
  passwordChange: {
    name: "password-change",
    windows: [{ limit: 5, windowMs: 15 * MINUTE }],
    keyedBy: "user",
    failMode: "closed",
    pausedFeature: "password changes",
  },
  // Batches of in-cell AI functions (POST /api/v1/functions, up to 50 calls each). This bounds the
  // requests; the calls inside them are limited per plan (lib/limits/function-call-limits.ts).
  // A sheet recalculating sends many batches at once (a 10,000-row column is 200), cached or not,
  // hence far more room than chat.
  functions: {
    name: "functions",
    windows: [{ limit: 600, windowMs: MINUTE }],
    keyedBy: "user",
    failMode: "closed",
    pausedFeature: "AI functions",
  },
  // Everything else under /api (history, usage, keys, settings): reads stay up during an outage.
  api: {
    name: "api",
    windows: [{ limit: 100, windowMs: 15 * MINUTE }],
    keyedBy: "user-or-ip",
    failMode: "open",
    pausedFeature: "this request",
  },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitPolicyName = keyof typeof RATE_LIMITS;
