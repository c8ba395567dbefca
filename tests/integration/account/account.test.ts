// Settings, GDPR export and erasure, with two real users.
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { GET as getSettings, PATCH as patchSettings } from "@/app/api/settings/route";
import { GET as exportAccount } from "@/app/api/account/export/route";
import { DELETE as deleteAccount } from "@/app/api/account/route";
import { POST as createKey } from "@/app/api/keys/route";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as usage } from "@/app/api/usage/route";
import { hashApiKey } from "@/lib/auth/api-keys";
import { withServiceDb } from "@/lib/db/with-rls";
import { getKv } from "@/lib/kv/get-kv";
import { waitFor } from "@/tests/fixtures/ai/ui-stream";
import { callRoute } from "../../helpers/call-route";
import { createTestUser, type TestUser } from "../../helpers/test-users";

async function seedRows(user: TestUser) {
  await withServiceDb(async (tx) => {
    const conversation = await tx.insertInto("conversations").values({ user_id: user.id, title: `${user.email} chat` }).returning("id").executeTakeFirstOrThrow();
    await tx.insertInto("messages").values({ conversation_id: conversation.id, user_id: user.id, role: "user", parts: JSON.stringify([{ type: "text", text: `hello from ${user.email}` }]) }).execute();
    await tx.insertInto("usage_records").values({ user_id: user.id, service_type: "analysis", prompt_tokens: 1, completion_tokens: 1, cost_micros: 1, model: "m", provider: "p", cached: false, conversation_id: conversation.id }).execute();
    await tx.insertInto("customers").values({ user_id: user.id, stripe_customer_id: `cus_${user.id}` }).execute();
    await tx.insertInto("subscriptions").values({ id: `sub_${user.id}`, user_id: user.id, stripe_customer_id: `cus_${user.id}`, status: "active", plan: "pro", cancel_at_period_end: false }).execute();
  });
  const key = await callRoute(createKey, "/api/keys", { body: { name: "k" }, token: user.accessToken });
  return key.json.key as string;
}

async function rowsOf(userId: string) {
  return withServiceDb(async (tx) => {
    const counts: Record<string, number> = {};
    for (const [table, column] of [
      ["auth.users", "id"], ["auth.refresh_tokens", "user_id"], ["public.profiles", "id"], ["public.conversations", "user_id"], ["public.messages", "user_id"],
      ["public.usage_records", "user_id"], ["public.customers", "user_id"], ["public.subscriptions", "user_id"], ["public.api_keys", "user_id"], ["public.audit_log", "user_id"],
    ] as const) {
      counts[table] = (await sql.raw<{ n: number }>(`select count(*)::int as n from ${table} where ${column} = '${userId}'`).execute(tx)).rows[0]!.n;
    }
    return counts;
  });
}

describe("settings", () => {
  it("reads defaults, updates some fields, and validates with clear messages", async () => {
    const user = await createTestUser("settings");
    const initial = await callRoute(getSettings, "/api/settings", { token: user.accessToken });
    expect(initial.json.settings).toEqual({ displayName: null, preferredModel: null, writeMode: "ask", piiRedaction: false, retentionDays: 90 });
    const patched = await callRoute(patchSettings, "/api/settings", { method: "PATCH", body: { writeMode: "read_only", piiRedaction: true, retentionDays: 30 }, token: user.accessToken });
    expect(patched.status).toBe(200);
    expect(patched.json.settings).toMatchObject({ writeMode: "read_only", piiRedaction: true, retentionDays: 30 });
    const bad = await callRoute(patchSettings, "/api/settings", { method: "PATCH", body: { writeMode: "yolo" }, token: user.accessToken });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/ask, auto, read_only/);
    const range = await callRoute(patchSettings, "/api/settings", { method: "PATCH", body: { retentionDays: 0 }, token: user.accessToken });
    expect(range.json.error.message).toMatch(/between 1 and 3650/);
    const unknown = await callRoute(patchSettings, "/api/settings", { method: "PATCH", body: { isAdmin: true }, token: user.accessToken });
    expect(unknown.status).toBe(400);
  });
});

describe("GDPR export", () => {
  it("contains all of my data and none of another user's", async () => {
    const a = await createTestUser("export-a");
    const b = await createTestUser("export-b");
    await seedRows(a);
    await seedRows(b);
    const { status, json, headers } = await callRoute(exportAccount, "/api/account/export", { token: a.accessToken });
    expect(status).toBe(200);
    expect(headers.get("content-disposition")).toMatch(/attachment/);
    expect(json.user).toEqual({ id: a.id, email: a.email });
    expect(json.conversations).toHaveLength(1);
    expect(json.conversations[0].messages[0].parts[0].text).toBe(`hello from ${a.email}`);
    expect(json.usageRecords).toHaveLength(1);
    expect(json.apiKeys).toHaveLength(1);
    expect(json.apiKeys[0]).not.toHaveProperty("key_hash");
    expect(json.billing.subscriptions).toHaveLength(1);
    const text = JSON.stringify(json);
    expect(text).not.toContain(b.id);
    expect(text).not.toContain(b.email);
  });
});

describe("account erasure", () => {
  it("needs the email as confirmation, then removes every row of the user and only theirs", async () => {
    const a = await createTestUser("erase-a");
    const b = await createTestUser("erase-b");
    const keyOfA = await seedRows(a);
    await seedRows(b);
    // A's key is in use, so servers remember it (lib/auth/api-key-cache.ts).
    expect((await callRoute(usage, "/api/usage", { token: keyOfA })).status).toBe(200);
    await waitFor(() => getKv().get(`apikey:${hashApiKey(keyOfA)}`));
    const refused = await callRoute(deleteAccount, "/api/account", { method: "DELETE", body: { confirm: "someone@else.test" }, token: a.accessToken });
    expect(refused.status).toBe(400);
    expect(Object.values(await rowsOf(a.id)).every((n) => n > 0)).toBe(true);

    const done = await callRoute(deleteAccount, "/api/account", { method: "DELETE", body: { confirm: a.email.toUpperCase() }, token: a.accessToken });
    expect(done.status).toBe(200);
    expect(Object.values(await rowsOf(a.id)).every((n) => n === 0)).toBe(true);
    expect(Object.values(await rowsOf(b.id)).every((n) => n > 0)).toBe(true);

    const audit = await withServiceDb((tx) => tx.selectFrom("audit_log").select(["user_id", "metadata"]).where("action", "=", "account.deleted").execute());
    expect(audit.some((row) => row.user_id === null && JSON.stringify(row.metadata).length > 10)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(a.id);

    // The erased account's key stops working at once, though it was remembered.
    expect((await callRoute(usage, "/api/usage", { token: keyOfA })).status).toBe(401);

    const relogin = await callRoute(login, "/api/auth/login", { body: { email: a.email, password: a.password }, ip: "192.0.2.90" });
    expect(relogin.status).toBe(401);
  });
});
