// GET /api/cron/retention: each user's history older than their retention goes, in one
// statement; the job needs CRON_SECRET and refuses to run without one configured.
import { afterEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { env } from "@/lib/env";
import { GET as retention } from "@/app/api/cron/retention/route";
import { PATCH as patchSettings } from "@/app/api/settings/route";
import { deleteExpiredHistory } from "@/lib/db/retention";
import { withServiceDb } from "@/lib/db/with-rls";
import { callRoute } from "../../helpers/call-route";
import { createTestUser, type TestUser } from "../../helpers/test-users";

const CRON = "cron-secret-for-tests-0123456789";
const saved = env.CRON_SECRET;
afterEach(() => {
  env.CRON_SECRET = saved;
});

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** A conversation last active `days` ago, with messages at the given ages. */
async function conversation(user: TestUser, title: string, days: number, messageAges: number[]) {
  return withServiceDb(async (tx) => {
    const row = await tx
      .insertInto("conversations")
      .values({ user_id: user.id, title, created_at: daysAgo(days), updated_at: daysAgo(days) })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const age of messageAges) {
      await tx
        .insertInto("messages")
        .values({ conversation_id: row.id, user_id: user.id, role: "user", parts: JSON.stringify([{ type: "text", text: `${age}d` }]), created_at: daysAgo(age) })
        .execute();
    }
    await tx
      .insertInto("usage_records")
      .values({ user_id: user.id, service_type: "analysis", prompt_tokens: 1, completion_tokens: 1, cost_micros: 1, model: "m", provider: "p", cached: false, conversation_id: row.id })
      .execute();
    return row.id;
  });
}

async function left(user: TestUser) {
  return withServiceDb(async (tx) => ({
    conversations: (await tx.selectFrom("conversations").select("title").where("user_id", "=", user.id).orderBy("title").execute()).map((r) => r.title),
    messages: (await tx.selectFrom("messages").select("parts").where("user_id", "=", user.id).execute()).map((r) => (r.parts as { text: string }[])[0].text).sort(),
    usage: Number((await sql<{ n: number }>`select count(*)::int as n from public.usage_records where user_id = ${user.id}`.execute(tx)).rows[0].n),
  }));
}

describe("GET /api/cron/retention", () => {
  it("is 503 'not configured' without CRON_SECRET, and 401 without the right bearer", async () => {
    env.CRON_SECRET = undefined;
    const off = await callRoute(retention, "/api/cron/retention", { token: CRON });
    expect(off.status).toBe(503);
    expect(off.json.error.message).toMatch(/not configured/);

    env.CRON_SECRET = CRON;
    for (const headers of [{}, { authorization: "Bearer nope" }, { authorization: `Bearer ${CRON}x` }, { authorization: CRON }] as Record<string, string>[]) {
      const { status, json } = await callRoute(retention, "/api/cron/retention", { headers });
      expect(status).toBe(401);
      expect(json.error.code).toBe("unauthorized");
    }
  });

  it("deletes by each user's own retention, keeps recent history and usage records", async () => {
    const a = await createTestUser("ret-a"); // retention 30 days
    const b = await createTestUser("ret-b"); // default 90 days
    await callRoute(patchSettings, "/api/settings", { method: "PATCH", body: { retentionDays: 30 }, token: a.accessToken });

    await conversation(a, "a-old", 45, [46, 45]); // gone: inactive for 45 > 30 days
    await conversation(a, "a-mixed", 40, [60, 5]); // stays (a message 5 days old), loses the 60-day message
    await conversation(a, "a-recent", 2, [2]);
    await conversation(b, "b-45", 45, [45]); // stays: 45 < 90
    await conversation(b, "b-old", 120, [121, 120]); // gone

    env.CRON_SECRET = CRON;
    const { status, json } = await callRoute(retention, "/api/cron/retention", { token: CRON });
    expect(status).toBe(200);
    expect(json.deleted).toEqual({ conversations: 2, messages: 5 });

    expect(await left(a)).toEqual({ conversations: ["a-mixed", "a-recent"], messages: ["2d", "5d"], usage: 3 });
    expect(await left(b)).toEqual({ conversations: ["b-45"], messages: ["45d"], usage: 2 });

    const again = await callRoute(retention, "/api/cron/retention", { token: CRON });
    expect(again.json.deleted).toEqual({ conversations: 0, messages: 0 });
  });

  it("is one statement over everyone: a later `now` expires what is left", async () => {
    const c = await createTestUser("ret-c");
    await conversation(c, "c-1", 10, [10]);
    const result = await deleteExpiredHistory({ now: new Date(Date.now() + 100 * DAY) });
    expect(result.conversations).toBeGreaterThanOrEqual(1);
    expect((await left(c)).conversations).toEqual([]);
  });
});
