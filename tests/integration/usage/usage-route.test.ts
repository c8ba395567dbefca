// GET /api/usage with real rows for two users: each sees only their own cost, series, hit rate
// and models (RLS), the series is zero-filled oldest first, limits follow the plan, and the
// request/token counters are the ones the quotas enforce (checkQuota / recordUsage).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as usage } from "@/app/api/usage/route";
import { withServiceDb } from "@/lib/db/with-rls";
import { env } from "@/lib/env";
import { getKv } from "@/lib/kv/get-kv";
import { checkQuota, quotaKeys, recordUsage } from "@/lib/limits/check-quota";
import { ENTITLEMENTS, type Plan } from "@/lib/limits/entitlements";
import { callRoute } from "../../helpers/call-route";
import { createTestUser, type TestUser } from "../../helpers/test-users";

// Lets one test put a user on another plan without Stripe; every other call resolves normally.
const planOverride = vi.hoisted(() => ({ byUser: new Map<string, string>() }));
vi.mock("@/lib/limits/resolve-plan", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/limits/resolve-plan")>();
  return {
    resolvePlan: async (input: { userId: string }) => planOverride.byUser.get(input.userId) ?? actual.resolvePlan(input),
  };
});

const DAY_MS = 86_400_000;
const NOW = Date.now();
const TODAY = Date.UTC(new Date(NOW).getUTCFullYear(), new Date(NOW).getUTCMonth(), new Date(NOW).getUTCDate());
const MONTH_START = Date.UTC(new Date(NOW).getUTCFullYear(), new Date(NOW).getUTCMonth(), 1);
const day = (offset: number) => new Date(TODAY - offset * DAY_MS).toISOString().slice(0, 10);
/** Noon UTC `offset` days ago: inside that day whatever the time of the run. */
const noon = (offset: number) => new Date(TODAY - offset * DAY_MS + 12 * 3_600_000);

interface Row {
  prompt: number;
  completion: number;
  cost: number;
  model: string;
  provider: string;
  cached: boolean;
  at: Date;
  /** An in-cell function call rather than a chat. */
  fn?: true;
}

let a: TestUser;
let b: TestUser;

// A's history: two calls and a cache hit today, one expensive call (a bigint sum past 2^31)
// three days ago, one call 40 days ago (outside the default 30-day window).
const A_ROWS: Row[] = [
  { prompt: 100, completion: 50, cost: 45, model: "gpt-4o-mini", provider: "openai", cached: false, at: noon(0) },
  { prompt: 200, completion: 80, cost: 78, model: "gpt-4o-mini", provider: "openai", cached: false, at: noon(0) },
  { prompt: 0, completion: 0, cost: 0, model: "gpt-4o-mini", provider: "openai", cached: true, at: noon(0) },
  { prompt: 1_000, completion: 500, cost: 3_000_000_000, model: "prod-gpt-4o", provider: "azure", cached: false, at: noon(3) },
  { prompt: 10, completion: 10, cost: 7, model: "gpt-4o", provider: "openai", cached: false, at: noon(40) },
  // An in-cell function call: in tokens and cost, counted apart from chats.
  { prompt: 20, completion: 1, cost: 2, model: "gpt-4o-mini", provider: "openai", cached: false, at: noon(5), fn: true },
];
// B's history is large and distinct, so any leak into A's figures would show.
const B_ROWS: Row[] = [
  { prompt: 77_777, completion: 7_777, cost: 999_999, model: "gpt-4.1", provider: "openai", cached: true, at: noon(0) },
  { prompt: 5, completion: 5, cost: 5, model: "gpt-4.1", provider: "openai", cached: false, at: noon(2) },
];

async function insert(userId: string, rows: Row[]) {
  await withServiceDb((tx) =>
    tx
      .insertInto("usage_records")
      .values(
        rows.map((row) => ({
          user_id: userId,
          service_type: row.fn ? ("function" as const) : ("analysis" as const),
          prompt_tokens: row.prompt,
          completion_tokens: row.completion,
          cost_micros: row.cost,
          model: row.model,
          provider: row.provider,
          cached: row.cached,
          conversation_id: null,
          created_at: row.at.toISOString(),
        })),
      )
      .execute(),
  );
}

function monthCost(rows: Row[]) {
  return rows.filter((row) => row.at.getTime() >= MONTH_START).reduce((sum, row) => sum + row.cost, 0);
}

beforeAll(async () => {
  a = await createTestUser("usage-a");
  b = await createTestUser("usage-b");
  await insert(a.id, A_ROWS);
  await insert(b.id, B_ROWS);
});

afterAll(async () => {
  const keys = [a, b].flatMap((user) => Object.values(quotaKeys(`user:${user.id}`, Date.now())));
  await getKv().del(keys);
});

describe("GET /api/usage", () => {
  it("refuses guests with 401", async () => {
    const { status, json } = await callRoute(usage, "/api/usage");
    expect(status).toBe(401);
    expect(json.error.code).toBe("unauthorized");
  });

  it("shows A only A's figures: 30 zero-filled days, oldest first, cost, hit rate, models", async () => {
    const { status, json, headers } = await callRoute(usage, "/api/usage", { token: a.accessToken });
    expect(status).toBe(200);
    expect(headers.get("x-request-id")).toBeTruthy();

    expect(json.daily).toHaveLength(30);
    expect(json.daily[0].date).toBe(day(29));
    expect(json.daily[29].date).toBe(day(0));
    expect(json.daily[29]).toEqual({ date: day(0), requests: 3, promptTokens: 300, completionTokens: 130, costMicros: 123, cachedRequests: 1 });
    expect(json.daily[26]).toEqual({ date: day(3), requests: 1, promptTokens: 1_000, completionTokens: 500, costMicros: 3_000_000_000, cachedRequests: 0 });
    // Five days ago: the function call's tokens and cost, no chat.
    expect(json.daily[24]).toEqual({ date: day(5), requests: 0, promptTokens: 20, completionTokens: 1, costMicros: 2, cachedRequests: 0 });
    const quiet = json.daily.filter((_: unknown, i: number) => i !== 29 && i !== 26 && i !== 24);
    expect(quiet.every((entry: Record<string, unknown>) => entry.requests === 0 && entry.costMicros === 0 && entry.cachedRequests === 0)).toBe(true);

    expect(json.cache).toEqual({ hits: 1, total: 4, hitRate: 0.25 });
    expect(json.cost.monthMicros).toBe(monthCost(A_ROWS));
    expect(json.cost.monthUsd).toBeCloseTo(monthCost(A_ROWS) / 1_000_000, 6);
    expect(json.byModel).toEqual([
      { provider: "azure", model: "prod-gpt-4o", requests: 1, functionCalls: 0, tokens: 1_500, costMicros: 3_000_000_000 },
      { provider: "openai", model: "gpt-4o-mini", requests: 3, functionCalls: 1, tokens: 451, costMicros: 125 },
    ]);
    expect(JSON.stringify(json)).not.toContain("gpt-4.1");
  });

  it("shows B only B's figures", async () => {
    const { json } = await callRoute(usage, "/api/usage", { token: b.accessToken });
    expect(json.cache).toEqual({ hits: 1, total: 2, hitRate: 0.5 });
    expect(json.byModel).toEqual([{ provider: "openai", model: "gpt-4.1", requests: 2, functionCalls: 0, tokens: 85_564, costMicros: 1_000_004 }]);
    expect(json.cost.monthMicros).toBe(monthCost(B_ROWS));
    expect(json.daily.reduce((sum: number, entry: { requests: number }) => sum + entry.requests, 0)).toBe(2);
  });

  it("takes a window of 7 to 90 days and refuses anything else", async () => {
    const week = await callRoute(usage, "/api/usage?days=7", { token: a.accessToken });
    expect(week.json.daily).toHaveLength(7);
    expect(week.json.period.days).toBe(7);
    const quarter = await callRoute(usage, "/api/usage?days=90", { token: a.accessToken });
    expect(quarter.json.daily).toHaveLength(90);
    expect(quarter.json.daily[89 - 40]).toMatchObject({ date: day(40), requests: 1, costMicros: 7 });
    expect(quarter.json.cache).toEqual({ hits: 1, total: 5, hitRate: 0.2 });

    for (const days of ["6", "91", "abc", "7.5"]) {
      const { status, json } = await callRoute(usage, `/api/usage?days=${days}`, { token: a.accessToken });
      expect(status).toBe(400);
      expect(json.error.code).toBe("bad_request");
      expect(json.error.message).toMatch(/days/);
    }
  });

  it("reports the plan's limits and the periods they reset on", async () => {
    const plan: Plan = env.DEFAULT_PLAN;
    const { json } = await callRoute(usage, "/api/usage", { token: a.accessToken });
    expect(json.plan).toBe(plan);
    expect(json.requests.limit).toBe(ENTITLEMENTS[plan].requestsPerDay);
    expect(json.tokens.limit).toBe(ENTITLEMENTS[plan].tokensPerMonth);
    expect(json.period.day).toBe(day(0));
    expect(json.period.month).toBe(day(0).slice(0, 7));
    expect(json.period.resetsAt).toEqual({
      requests: new Date(TODAY + DAY_MS).toISOString(),
      tokens: new Date(Date.UTC(new Date(NOW).getUTCFullYear(), new Date(NOW).getUTCMonth() + 1, 1)).toISOString(),
    });
    expect(json.degraded).toBe(false);

    planOverride.byUser.set(b.id, "pro");
    try {
      const pro = await callRoute(usage, "/api/usage", { token: b.accessToken });
      expect(pro.json.plan).toBe("pro");
      expect(pro.json.requests).toMatchObject({ limit: 1_000 });
      expect(pro.json.tokens).toMatchObject({ limit: 5_000_000 });
    } finally {
      planOverride.byUser.delete(b.id);
    }
  });

  it("shows the quota counters after checkQuota and recordUsage, for that user only", async () => {
    const plan = env.DEFAULT_PLAN;
    const identifier = `user:${a.id}`;
    for (let i = 0; i < 3; i++) await checkQuota({ plan, identifier });
    expect(await recordUsage({ identifier, tokens: 1_234 })).toBe(true);

    const { json } = await callRoute(usage, "/api/usage", { token: a.accessToken });
    const { requestsPerDay, tokensPerMonth } = ENTITLEMENTS[plan];
    expect(json.requests).toEqual({ used: 3, limit: requestsPerDay, remaining: requestsPerDay - 3 });
    expect(json.tokens).toEqual({ used: 1_234, limit: tokensPerMonth, remaining: tokensPerMonth - 1_234 });

    const other = await callRoute(usage, "/api/usage", { token: b.accessToken });
    expect(other.json.requests.used).toBe(0);
    expect(other.json.tokens.used).toBe(0);
  });
});
