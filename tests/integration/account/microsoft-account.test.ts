// People who sign in with Microsoft have no password here, yet must be able to export and erase
// their account: erasure takes the typed email and a Microsoft token issued within the last 5
// minutes (the add-in signs them in again right before). Afterwards the same Microsoft person
// arriving again gets a new, empty account. New accounts made through Microsoft sign-in are
// limited per client address, and people who already have one are never limited by that.
// Tokens are minted locally and verified against a local key server; runs in both passes.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { FAKE_CLIENT_ID, startFakeEntra } from "../../fixtures/entra/fake-entra";
import { callRoute } from "../../helpers/call-route";

const TENANT = randomUUID();

const entra = await startFakeEntra();
// The environment is read once, when the first app module loads.
process.env.ENTRA_CLIENT_ID = FAKE_CLIENT_ID;
process.env.ENTRA_JWKS_URL = entra.jwksUrl;
process.env.ENTRA_TENANTS = TENANT;

const { GET: exportAccount } = await import("@/app/api/account/export/route");
const { DELETE: deleteAccount } = await import("@/app/api/account/route");
const { GET: listConversations } = await import("@/app/api/conversations/route");
const { GET: getSettings } = await import("@/app/api/settings/route");
const { withServiceDb } = await import("@/lib/db/with-rls");
const { env } = await import("@/lib/env");
const { renderMetrics } = await import("@/lib/observability/metrics");

afterAll(() => entra.close());

let ipCounter = 0;
/** A fresh client address per test, so the per-address sign-up budget of one does not reach another. */
const freshIp = () => `198.18.${++ipCounter}.7`;

const now = () => Math.floor(Date.now() / 1000);
/** A token for the person `oid`, issued `minutesAgo` minutes ago (still unexpired). */
const tokenFor = (oid: string, { minutesAgo = 0, ...claims }: { minutesAgo?: number; [claim: string]: unknown } = {}) =>
  entra.mint(entra.claims(TENANT, oid, { iat: now() - minutesAgo * 60, nbf: now() - minutesAgo * 60, ...claims }));
const emailOf = (oid: string) => `ada.${oid.slice(0, 8)}@contoso.example`;

async function accountOf(oid: string) {
  const row = await withServiceDb((tx) => tx.selectFrom("entra_identities").select("user_id").where("tenant_id", "=", TENANT).where("object_id", "=", oid).executeTakeFirst());
  return row?.user_id ?? null;
}

/** A Microsoft person with an account and some history: a conversation, a message, a usage record. */
async function microsoftUser(ip = freshIp()) {
  const oid = randomUUID();
  const first = await callRoute(getSettings, "/api/settings", { token: await tokenFor(oid), ip });
  expect(first.status).toBe(200);
  const userId = (await accountOf(oid))!;
  await withServiceDb(async (tx) => {
    const conversation = await tx.insertInto("conversations").values({ user_id: userId, title: `chat of ${oid}` }).returning("id").executeTakeFirstOrThrow();
    await tx.insertInto("messages").values({ conversation_id: conversation.id, user_id: userId, role: "user", parts: JSON.stringify([{ type: "text", text: `hello from ${oid}` }]) }).execute();
    await tx.insertInto("usage_records").values({ user_id: userId, service_type: "analysis", prompt_tokens: 1, completion_tokens: 1, cost_micros: 1, model: "m", provider: "p", cached: false, conversation_id: conversation.id }).execute();
  });
  return { oid, userId, email: emailOf(oid), ip };
}

async function rowsOf(userId: string) {
  return withServiceDb(async (tx) => {
    const counts: Record<string, number> = {};
    for (const [table, column] of [
      ["auth.users", "id"], ["public.profiles", "id"], ["public.entra_identities", "user_id"], ["public.conversations", "user_id"],
      ["public.messages", "user_id"], ["public.usage_records", "user_id"], ["public.audit_log", "user_id"],
    ] as const) {
      counts[table] = (await sql.raw<{ n: number }>(`select count(*)::int as n from ${table} where ${column} = '${userId}'`).execute(tx)).rows[0]!.n;
    }
    return counts;
  });
}

const erase = (token: string, body: Record<string, unknown>, ip = freshIp()) => callRoute(deleteAccount, "/api/account", { method: "DELETE", body, token, ip });

describe("a Microsoft user's data", () => {
  it("exports everything of theirs, their Microsoft identity included, and nothing of another user's", async () => {
    const a = await microsoftUser();
    const b = await microsoftUser();
    const exported = await callRoute(exportAccount, "/api/account/export", { token: await tokenFor(a.oid, { minutesAgo: 30 }), ip: a.ip });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toMatch(/attachment/);
    expect(exported.json.user).toEqual({ id: a.userId, email: a.email });
    expect(exported.json.conversations).toHaveLength(1);
    expect(exported.json.conversations[0].messages[0].parts[0].text).toBe(`hello from ${a.oid}`);
    expect(exported.json.usageRecords).toHaveLength(1);
    expect(exported.json.microsoftIdentities).toEqual([expect.objectContaining({ tenant_id: TENANT, object_id: a.oid })]);
    const text = JSON.stringify(exported.json);
    expect(text).not.toContain(b.userId);
    expect(text).not.toContain(b.oid);
  });

  it("erases with a freshly issued token and the email: every row goes, and the same person returns to a new, empty account", async () => {
    const a = await microsoftUser();
    const b = await microsoftUser();
    expect(Object.values(await rowsOf(a.userId)).every((n) => n > 0)).toBe(true);

    const oldToken = await tokenFor(a.oid, { minutesAgo: 20 });
    const fresh = await tokenFor(a.oid, { minutesAgo: 1 });
    const done = await erase(fresh, { confirm: a.email.toUpperCase() });
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ deleted: true });
    expect(Object.values(await rowsOf(a.userId)).every((n) => n === 0)).toBe(true);
    // Only theirs.
    expect(Object.values(await rowsOf(b.userId)).every((n) => n > 0)).toBe(true);

    // Tokens issued before the erasure reach none of the old data: the person is new here.
    for (const token of [fresh, oldToken]) {
      const listed = await callRoute(listConversations, "/api/conversations", { token, ip: a.ip });
      expect(listed.status).toBe(200);
      expect(listed.json.conversations).toEqual([]);
    }
    const again = await accountOf(a.oid);
    expect(again).not.toBeNull();
    expect(again).not.toBe(a.userId);
    const exported = await callRoute(exportAccount, "/api/account/export", { token: oldToken, ip: a.ip });
    expect(exported.json.user.id).toBe(again);
    expect(exported.json.conversations).toEqual([]);
    expect(exported.json.usageRecords).toEqual([]);
    expect(JSON.stringify(exported.json)).not.toContain(a.userId);
  });

  it("refuses a token issued more than 5 minutes ago, says why, and keeps the account; a password does not help", async () => {
    const a = await microsoftUser();
    const stale = await tokenFor(a.oid, { minutesAgo: 6 });
    for (const body of [{ confirm: a.email }, { confirm: a.email, password: "anything-at-all-1" }]) {
      const refused = await erase(stale, body);
      expect(refused.status).toBe(403);
      expect(refused.json.error).toMatchObject({ code: "forbidden", reason: "microsoft_reauthentication_required" });
      expect(refused.json.error.message).toMatch(/sign in with Microsoft again/);
      expect(refused.json.error.message).toMatch(/5 minutes/);
      expect(refused.json.error.message).toMatch(/6 minutes ago/);
    }
    expect(await accountOf(a.oid)).toBe(a.userId);
    expect(Object.values(await rowsOf(a.userId)).every((n) => n > 0)).toBe(true);
  });

  it("judges by auth_time when the token carries it: a fresh token of an old sign-in is refused, a recent sign-in accepted", async () => {
    const a = await microsoftUser();
    const refreshedSilently = await erase(await tokenFor(a.oid, { minutesAgo: 0, auth_time: now() - 45 * 60 }), { confirm: a.email });
    expect(refreshedSilently.status).toBe(403);
    expect(refreshedSilently.json.error).toMatchObject({ reason: "microsoft_reauthentication_required" });
    expect(refreshedSilently.json.error.message).toMatch(/signed in to Microsoft 45 minutes ago/);
    expect(await accountOf(a.oid)).toBe(a.userId);
    // A token minted a while ago by a sign-in moments before it is still a recent sign-in.
    const signedIn = await erase(await tokenFor(a.oid, { minutesAgo: 2, auth_time: now() - 3 * 60 }), { confirm: a.email });
    expect(signedIn.status).toBe(200);
    expect(await accountOf(a.oid)).not.toBe(a.userId);
  });

  it("refuses a token without iat or with one far in the future", async () => {
    const a = await microsoftUser();
    for (const token of [await tokenFor(a.oid, { iat: undefined }), await tokenFor(a.oid, { iat: now() + 30 * 60 })]) {
      const refused = await erase(token, { confirm: a.email });
      expect(refused.status).toBe(403);
      expect(refused.json.error.reason).toBe("microsoft_reauthentication_required");
    }
    expect(await accountOf(a.oid)).toBe(a.userId);
  });

  it("refuses a confirmation that is not the account's email, naming the one to type", async () => {
    const a = await microsoftUser();
    const b = await microsoftUser();
    for (const confirm of [b.email, "ada@contoso.example", `${a.email}x`]) {
      const refused = await erase(await tokenFor(a.oid), { confirm });
      expect(refused.status).toBe(400);
      expect(refused.json.error).toMatchObject({ code: "bad_request", reason: "confirmation_mismatch" });
      expect(refused.json.error.message).toContain(a.email);
    }
    const missing = await erase(await tokenFor(a.oid), {});
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toMatch(/confirm/);
    expect(await accountOf(a.oid)).toBe(a.userId);
    expect(await accountOf(b.oid)).toBe(b.userId);
  });
});

describe("accounts created through Microsoft sign-in, per client address", () => {
  it("admits 10 new accounts per 15 minutes from one address, then a clear 429 that creates nothing; existing users are never limited", async () => {
    const scale = env.RATE_LIMIT_SCALE;
    // The limit as shipped (tests/setup.ts raises every limit for route tests).
    env.RATE_LIMIT_SCALE = 1;
    try {
      const ip = freshIp();
      const returning = await microsoftUser(freshIp());
      // One person's burst of first requests creates one account and counts once.
      const burstOid = randomUUID();
      const burstToken = await tokenFor(burstOid);
      const burst = await Promise.all(Array.from({ length: 5 }, () => callRoute(getSettings, "/api/settings", { token: burstToken, ip })));
      expect(burst.map((r) => r.status)).toEqual(Array(5).fill(200));
      for (let i = 0; i < 9; i++) {
        expect((await callRoute(getSettings, "/api/settings", { token: await tokenFor(randomUUID()), ip })).status).toBe(200);
      }

      const oid = randomUUID();
      const refused = await callRoute(getSettings, "/api/settings", { token: await tokenFor(oid), ip });
      expect(refused.status).toBe(429);
      expect(refused.json.error).toMatchObject({ code: "rate_limited", reason: "microsoft_signup_limit", policy: "microsoft-signup", limit: 10, windowSeconds: 900 });
      expect(refused.json.error.message).toMatch(/Too many new accounts .* Microsoft sign-in from your network/);
      expect(refused.json.error.requestId).toBeTruthy();
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 900).toBe(true);
      expect(refused.headers.get("ratelimit-policy")).toBe("10;w=900");
      expect(await accountOf(oid)).toBeNull();
      expect((await renderMetrics()).body).toMatch(/eaa_rate_limit_refusals_total\{policy="microsoft-signup"\} 1/);

      // People who already have an account keep working from the same address, again and again.
      for (const known of [burstOid, returning.oid]) {
        for (let i = 0; i < 3; i++) expect((await callRoute(getSettings, "/api/settings", { token: await tokenFor(known), ip })).status).toBe(200);
      }
      // Another address has a budget of its own.
      expect((await callRoute(getSettings, "/api/settings", { token: await tokenFor(oid), ip: freshIp() })).status).toBe(200);
      expect(await accountOf(oid)).not.toBeNull();
    } finally {
      env.RATE_LIMIT_SCALE = scale;
    }
  });
});
