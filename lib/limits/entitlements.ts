// What each plan includes (chats a day, tokens a month, cells a request): the one table in code.
// Quotas are enforced by lib/limits/check-quota.ts before the model is called; maxCellsPerRequest
// caps the Excel context a request may send (an oversized selection gets a bad_request that names
// the limit). stepsPerTurn and tokensPerTurn bound one answer in agent mode (lib/ai/chat/agent-turn.ts).
export const PLANS = ["guest", "free", "pro", "team"] as const;
export type Plan = (typeof PLANS)[number];

export interface Entitlement {
  plan: Plan;
  /** Chats (model requests) per UTC day. Guests: per IP. */
  requestsPerDay: number;
  /** Model tokens (prompt + completion) per UTC calendar month. */
  tokensPerMonth: number;
  /** Cells of Excel context accepted in one request. */
  maxCellsPerRequest: number;
  /** Agent mode: model calls (steps) one answer may take, reads and fixes included. */
  stepsPerTurn: number;
  /** Agent mode: model tokens (prompt + completion) one answer may use over all its steps. */
  tokensPerTurn: number;
  /** Where a user at the limit can get more. */
  upgradeUrl: string;
  /** The last sentence of the over-quota message. */
  upgradeHint: string;
}

export const ENTITLEMENTS = {
  guest: {
    plan: "guest",
    requestsPerDay: 10,
    tokensPerMonth: 50_000,
    maxCellsPerRequest: 50_000,
    stepsPerTurn: 8,
    tokensPerTurn: 30_000,
    upgradeUrl: "/sign-up",
    upgradeHint: "Sign up for more.",
  },
  free: {
    plan: "free",
    requestsPerDay: 50,
    tokensPerMonth: 200_000,
    maxCellsPerRequest: 200_000,
    stepsPerTurn: 8,
    tokensPerTurn: 60_000,
    upgradeUrl: "/dashboard/billing",
    upgradeHint: "Upgrade for more.",
  },
  pro: {
    plan: "pro",
    requestsPerDay: 1_000,
    tokensPerMonth: 5_000_000,
    maxCellsPerRequest: 1_000_000,
    stepsPerTurn: 8,
    tokensPerTurn: 200_000,
    upgradeUrl: "/dashboard/billing",
    upgradeHint: "Upgrade for more.",
  },
  team: {
    plan: "team",
    requestsPerDay: 5_000,
    tokensPerMonth: 25_000_000,
    maxCellsPerRequest: 2_000_000,
    stepsPerTurn: 8,
    tokensPerTurn: 400_000,
    upgradeUrl: "/dashboard/billing",
    upgradeHint: "Contact us for a higher limit.",
  },
} as const satisfies Record<Plan, Entitlement>;

export function isPlan(value: unknown): value is Plan {
  return typeof value === "string" && (PLANS as readonly string[]).includes(value);
}
