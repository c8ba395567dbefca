// In-cell functions in a workspace, end to end: the real functions and workspace routes, the
// database under RLS and the KV, with the model behind the local fake OpenAI-compatible server.
// Two members share the workspace's cache (the second pays nothing), an outsider naming the
// workspace gets nothing, a removed member loses access with their next batch, personal caches
// stay apart from the workspace's, and the workspace's pooled limits and policies apply.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { POST as functionsRoute } from "@/app/api/v1/functions/route";
import { functionsResponse } from "@/app/api/v1/functions/schema";
import { POST as createWorkspaceRoute } from "@/app/api/workspaces/route";
import { DELETE as deleteWorkspaceRoute, GET as getWorkspaceRoute, PATCH as patchWorkspaceRoute } from "@/app/api/workspaces/[id]/route";
import { DELETE as removeMemberRoute } from "@/app/api/workspaces/[id]/members/[userId]/route";
import { POST as inviteRoute } from "@/app/api/workspaces/[id]/invites/route";
import { GET as workspaceUsageRoute } from "@/app/api/workspaces/[id]/usage/route";
import { POST as acceptRoute } from "@/app/api/invites/[token]/accept/route";
import { createProviderChain, setProviderChainForTests } from "@/lib/ai/providers/get-provider-chain";
import { getFunctionResults } from "@/lib/db/function-results";
import { getDatabase } from "@/lib/db/get-database";
import { updatePreferences } from "@/lib/db/profiles";
import { withServiceDb, withUserDb } from "@/lib/db/with-rls";
import { env } from "@/lib/env";
import { getKv } from "@/lib/kv/get-kv";
import { quotaKeys } from "@/lib/limits/check-quota";
import { ENTITLEMENTS } from "@/lib/limits/entitlements";
import { functionDayKey, functionMinuteKey } from "@/lib/limits/function-call-limits";
import { callRoute } from "@/tests/helpers/call-route";
import { createTestUser, type TestUser } from "@/tests/helpers/test-users";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "@/tests/fixtures/ai/fake-openai-server";
import { nextIp, usageRows } from "@/tests/fixtures/ai/test-db";

let server: FakeOpenAIServer;
let owner: TestUser;
let member: TestUser;
let outsider: TestUser;
let workspaceId: string;

const LABELS = ["Hardware", "Software", "Services"];
const ITEMS = ["laptop", "monitor", "software licence", "support contract", "consulting"];

/** The fake model's judgement, read from the prompt it was sent. */
function classifyFromPrompt(body: Record<string, any>): string {
  const value = /Value: (.*)/.exec(String(body.messages.at(-1).content))?.[1] ?? "";
  if (/laptop|monitor|keyboard/i.test(value)) return "Hardware";
  if (/licen[cs]e|subscription|app/i.test(value)) return "Software";
  return "Services";
}

function useFakeModel() {
  server.setDefault({ kind: "reply", respond: classifyFromPrompt, usage: { prompt: 120, completion: 2 } });
  setProviderChainForTests(
    createProviderChain({ providers: [{ kind: "compatible", baseURL: `${server.url}/v1`, model: "gpt-4o-mini", apiKey: server.keys.bearer }], timeoutMs: 5_000 }),
  );
}

function classifyBatch(count: number, tag: string) {
  return Array.from({ length: count }, (_, i) => ({ id: `r${i + 1}`, name: "CLASSIFY", args: [`${ITEMS[i % ITEMS.length]} #${tag}-${i}`, [LABELS]] }));
}

async function compute(user: TestUser, calls: unknown[], workspace?: string | null) {
  return callRoute(functionsRoute, "/api/v1/functions", { token: user.accessToken, ip: nextIp(), body: { calls, ...(workspace === undefined ? {} : { workspaceId: workspace }) } });
}

type Result = { id: string; value?: string; cached?: boolean; source?: string; error?: { code: string; message: string } };

async function join(user: TestUser) {
  const invited = await callRoute(inviteRoute, "/", { token: owner.accessToken, body: {}, params: { id: workspaceId } });
  expect(invited.status).toBe(201);
  const accepted = await callRoute(acceptRoute, "/", { method: "POST", token: user.accessToken, params: { token: invited.json.token } });
  expect(accepted.status).toBe(200);
}

async function setPolicies(policies: Record<string, unknown>) {
  const set = await callRoute(patchWorkspaceRoute, "/", { method: "PATCH", token: owner.accessToken, body: { policies }, params: { id: workspaceId } });
  expect(set.status).toBe(200);
}

/** The workspace's cache keys in the table (as the server sees them). */
async function workspaceKeys(id = workspaceId): Promise<string[]> {
  const rows = await withServiceDb((tx) => tx.selectFrom("function_results").select("cache_key").where("workspace_id", "=", id).execute());
  return rows.map((row) => row.cache_key);
}

beforeAll(async () => {
  server = await startFakeOpenAIServer();
  await getDatabase();
  owner = await createTestUser("fnws-owner");
  member = await createTestUser("fnws-member");
  outsider = await createTestUser("fnws-outsider");
  const created = await callRoute(createWorkspaceRoute, "/api/workspaces", { token: owner.accessToken, body: { name: "Purchasing" } });
  expect(created.status).toBe(201);
  workspaceId = created.json.id;
  await join(member);
});
afterAll(() => server.close());
afterEach(() => {
  setProviderChainForTests(undefined);
  server.requests.length = 0;
});

describe("a workspace's shared cache", () => {
  it("answers a colleague's identical batch from the cache: zero model calls, marked cached, nothing metered to them", async () => {
    useFakeModel();
    const calls = classifyBatch(10, "shared");
    const first = await compute(owner, calls, workspaceId);
    expect(first.status).toBe(200);
    expect(functionsResponse.safeParse(first.json).success).toBe(true);
    expect(first.json.results.every((r: Result) => r.cached === false && r.source === "model")).toBe(true);
    expect(server.requests).toHaveLength(10);
    const ownerRows = await usageRows(owner.id);
    expect(ownerRows).toHaveLength(10);
    // Metered to the member who made the calls, with the workspace recorded.
    const recorded = await withServiceDb((tx) => tx.selectFrom("usage_records").select(["workspace_id", "service_type"]).where("user_id", "=", owner.id).execute());
    expect(recorded.every((row) => row.workspace_id === workspaceId && row.service_type === "function")).toBe(true);

    const second = await compute(member, calls, workspaceId);
    expect(second.status).toBe(200);
    expect(server.requests).toHaveLength(10);
    expect(second.json.results.every((r: Result) => r.cached === true)).toBe(true);
    expect(second.json.results.map((r: Result) => r.value)).toEqual(first.json.results.map((r: Result) => r.value));
    expect(await usageRows(member.id)).toHaveLength(0);

    // Through the table too (the KV may evict): once the KV copies are gone, the member still
    // reads the workspace's rows under RLS.
    const keys = await workspaceKeys();
    expect(keys.length).toBeGreaterThanOrEqual(10);
    await getKv().del(keys.map((key) => `fn-cache:v1:workspace:${workspaceId}:${key}`));
    const third = await compute(member, calls, workspaceId);
    expect(third.json.results.every((r: Result) => r.cached === true)).toBe(true);
    expect(server.requests).toHaveLength(10);
  });

  it("keeps personal caches apart from the workspace's, both ways", async () => {
    useFakeModel();
    const workspaceFirst = classifyBatch(3, "ws-first");
    await compute(owner, workspaceFirst, workspaceId);
    expect(server.requests).toHaveLength(3);
    // The same inputs in a personal space are computed again, for the member and the owner alike.
    const memberPersonal = await compute(member, workspaceFirst);
    expect(memberPersonal.json.results.every((r: Result) => r.cached === false)).toBe(true);
    const ownerPersonal = await compute(owner, workspaceFirst, null);
    expect(ownerPersonal.json.results.every((r: Result) => r.cached === false)).toBe(true);
    expect(server.requests).toHaveLength(9);

    // A personal result never becomes the workspace's.
    const personalFirst = classifyBatch(2, "personal-first");
    await compute(member, personalFirst);
    expect(server.requests).toHaveLength(11);
    const inWorkspace = await compute(member, personalFirst, workspaceId);
    expect(inWorkspace.json.results.every((r: Result) => r.cached === false)).toBe(true);
    expect(server.requests).toHaveLength(13);

    // Each user's personal rows are theirs alone; the workspace's rows are not in anyone's personal cache.
    const personalRows = await withServiceDb((tx) =>
      tx.selectFrom("function_results").select(["user_id", "workspace_id"]).where("user_id", "in", [owner.id, member.id]).where("workspace_id", "is", null).execute(),
    );
    expect(personalRows.filter((row) => row.user_id === member.id)).toHaveLength(5);
    expect(personalRows.filter((row) => row.user_id === owner.id)).toHaveLength(3);
  });
});

describe("who may use the workspace's cache", () => {
  it("refuses a non-member naming the workspace with a not_found envelope, and gives them nothing", async () => {
    useFakeModel();
    const calls = classifyBatch(4, "outsider");
    await compute(owner, calls, workspaceId);
    expect(server.requests).toHaveLength(4);

    const refused = await compute(outsider, calls, workspaceId);
    expect(refused.status).toBe(404);
    expect(refused.json.error).toMatchObject({ code: "not_found", message: expect.stringContaining("not a member") });
    expect(refused.json.results).toBeUndefined();
    expect(server.requests).toHaveLength(4);
    // A malformed id is a 400, an unknown one the same 404.
    expect((await compute(outsider, calls, "not-a-uuid")).status).toBe(400);
    expect((await compute(outsider, calls, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    // Nothing counted against their quota or the workspace's for the refusal.
    expect(await getKv().get<number>(functionDayKey(`user:${outsider.id}`, Date.now()))).toBeNull();

    // Straight at the table: the workspace's rows are invisible to them, and they cannot plant one.
    const keys = await workspaceKeys();
    expect(keys.length).toBeGreaterThan(0);
    expect((await getFunctionResults({ claims: outsider.claims, keys, workspaceId })).size).toBe(0);
    const seen = await withUserDb(outsider.claims, async (tx) => (await sql<{ n: number }>`select count(*)::int as n from public.function_results where workspace_id = ${workspaceId}`.execute(tx)).rows[0].n);
    expect(seen).toBe(0);
    const forged = (user: TestUser) => ({
      user_id: user.id,
      workspace_id: workspaceId,
      cache_key: "e".repeat(64),
      function_name: "ASK" as const,
      value: JSON.stringify("forged"),
      model: "m",
      provider: "p",
      expires_at: new Date(Date.now() + 60_000),
    });
    await expect(withUserDb(outsider.claims, (tx) => tx.insertInto("function_results").values(forged(outsider)).execute())).rejects.toThrow();
    // Not even a member writes the shared cache directly: only the server does, after its checks.
    await expect(withUserDb(member.claims, (tx) => tx.insertInto("function_results").values(forged(member)).execute())).rejects.toThrow();
    expect(await withUserDb(member.claims, async (tx) => (await sql`update public.function_results set value = '"forged"'::jsonb where workspace_id = ${workspaceId} returning cache_key`.execute(tx)).rows)).toEqual([]);
    expect(await withUserDb(member.claims, async (tx) => (await sql`delete from public.function_results where workspace_id = ${workspaceId} returning cache_key`.execute(tx)).rows)).toEqual([]);
    expect((await getFunctionResults({ claims: member.claims, keys, workspaceId })).size).toBe(keys.length);
  });

  it("a removed member loses the workspace's cache with their next batch, the KV copies included", async () => {
    useFakeModel();
    const leaving = await createTestUser("fnws-leaving");
    await join(leaving);
    const calls = classifyBatch(3, "removed");
    await compute(owner, calls, workspaceId);
    const before = await compute(leaving, calls, workspaceId);
    expect(before.json.results.every((r: Result) => r.cached === true)).toBe(true);
    const keys = await workspaceKeys();
    expect((await getFunctionResults({ claims: leaving.claims, keys, workspaceId })).size).toBe(keys.length);

    const removed = await callRoute(removeMemberRoute, "/", { method: "DELETE", token: owner.accessToken, params: { id: workspaceId, userId: leaving.id } });
    expect(removed.status).toBe(200);
    const after = await compute(leaving, calls, workspaceId);
    expect(after.status).toBe(404);
    expect(after.json.error.code).toBe("not_found");
    expect((await getFunctionResults({ claims: leaving.claims, keys, workspaceId })).size).toBe(0);
    expect(server.requests).toHaveLength(3);
    // Their personal space still works.
    expect((await compute(leaving, calls)).json.results.every((r: Result) => r.cached === false)).toBe(true);
  });
});

describe("a deleted workspace", () => {
  it("takes its cached results with it, and leaves its members' personal ones", async () => {
    useFakeModel();
    const created = await callRoute(createWorkspaceRoute, "/api/workspaces", { token: owner.accessToken, body: { name: "Short-lived" } });
    const shortLived = created.json.id as string;
    const calls = classifyBatch(2, "deleted");
    await compute(owner, calls, shortLived);
    await compute(owner, calls);
    expect(await workspaceKeys(shortLived)).toHaveLength(2);
    const deleted = await callRoute(deleteWorkspaceRoute, "/", { method: "DELETE", token: owner.accessToken, params: { id: shortLived } });
    expect(deleted.status).toBe(200);
    expect(await workspaceKeys(shortLived)).toHaveLength(0);
    expect((await compute(owner, calls, shortLived)).status).toBe(404);
    expect((await compute(owner, calls)).json.results.every((r: Result) => r.cached === true)).toBe(true);
  });
});

describe("the workspace's pooled limits", () => {
  it("draws on the pool (the plan's limits times the seats), not the member's own, and a full pool leaves personal calls alone", async () => {
    useFakeModel();
    const seats = (await callRoute(getWorkspaceRoute, "/", { token: owner.accessToken, params: { id: workspaceId } })).json.seats.used as number;
    const pool = `workspace:${workspaceId}`;
    const memberDay = functionDayKey(`user:${member.id}`, Date.now());
    const memberBefore = (await getKv().get<number>(memberDay)) ?? 0;
    const poolBefore = (await getKv().get<number>(functionDayKey(pool, Date.now()))) ?? 0;
    const tokensBefore = (await getKv().get<number>(quotaKeys(pool, Date.now()).tokens)) ?? 0;
    await compute(member, classifyBatch(4, "pool-count"), workspaceId);
    expect(await getKv().get<number>(functionDayKey(pool, Date.now()))).toBe(poolBefore + 4);
    expect((await getKv().get<number>(memberDay)) ?? 0).toBe(memberBefore);
    // The model's tokens go to the pool's month too.
    expect(await getKv().get<number>(quotaKeys(pool, Date.now()).tokens)).toBe(tokensBefore + 4 * 122);
    // The owner sees the pool's calls today against its limit; the member who made them shows with their cost.
    const report = await callRoute(workspaceUsageRoute, "/", { token: owner.accessToken, params: { id: workspaceId } });
    expect(report.status).toBe(200);
    expect(report.json.pooled).toMatchObject({ functionCallsToday: poolBefore + 4, functionCallsPerDay: ENTITLEMENTS[env.DEFAULT_PLAN].functionCallsPerDay * seats });
    // Counted as function calls, not chats.
    expect(report.json.members.find((m: { userId: string }) => m.userId === member.id)).toMatchObject({ requests: 0, functionCalls: expect.any(Number), costMicros: expect.any(Number) });
    const memberUsage = report.json.members.find((m: { userId: string }) => m.userId === member.id);
    expect(memberUsage.functionCalls).toBeGreaterThanOrEqual(4);
    expect(memberUsage.costMicros).toBeGreaterThan(0);

    // The pool holds the plan's day times the seats: two short of it, two of five compute.
    const perDay = ENTITLEMENTS[env.DEFAULT_PLAN].functionCallsPerDay * seats;
    await getKv().set(functionDayKey(pool, Date.now()), perDay - 2, { ttlMs: 120_000 });
    server.requests.length = 0;
    const { json } = await compute(member, classifyBatch(5, "pool-full"), workspaceId);
    const results = json.results as Result[];
    expect(results.filter((r) => r.value)).toHaveLength(2);
    const refused = results.filter((r) => r.error);
    expect(refused).toHaveLength(3);
    expect(refused[0].error).toMatchObject({ code: "quota_exceeded", message: expect.stringContaining(`the workspace's pool (${env.DEFAULT_PLAN} plan, ${seats} seats) includes ${perDay.toLocaleString("en-US")} AI function calls a day`) });
    expect(server.requests).toHaveLength(2);
    // The member's personal calls are not held back by the full pool.
    const personal = await compute(member, classifyBatch(2, "pool-personal"));
    expect(personal.json.results.every((r: Result) => r.value !== undefined)).toBe(true);
    await getKv().set(functionDayKey(pool, Date.now()), 0, { ttlMs: 120_000 });
  });

  it("scales the per-minute limit with the seats as well", async () => {
    useFakeModel();
    const seats = (await callRoute(getWorkspaceRoute, "/", { token: owner.accessToken, params: { id: workspaceId } })).json.seats.used as number;
    const pool = `workspace:${workspaceId}`;
    const perMinute = Math.round(ENTITLEMENTS[env.DEFAULT_PLAN].functionCallsPerMinute * seats * env.RATE_LIMIT_SCALE);
    while (Date.now() % 60_000 > 58_000) await new Promise((resolve) => setTimeout(resolve, 250));
    await getKv().set(functionMinuteKey(pool, Date.now()), perMinute - 1, { ttlMs: 120_000 });
    const { json } = await compute(owner, classifyBatch(3, "pool-minute"), workspaceId);
    const results = json.results as Result[];
    expect(results.filter((r) => r.value)).toHaveLength(1);
    expect(results.filter((r) => r.error).every((r) => r.error?.code === "rate_limited" && r.error.message.includes(`up to ${perMinute.toLocaleString("en-US")} AI function calls a minute`))).toBe(true);
    await getKv().set(functionMinuteKey(pool, Date.now()), 0, { ttlMs: 120_000 });
  });
});

describe("the workspace's policies", () => {
  it("masks PII before the model when the workspace forces redaction, and calls only the providers it allows", async () => {
    useFakeModel();
    await setPolicies({ forcePiiRedaction: true });
    const withEmail = [{ id: "a", name: "CLASSIFY", args: ["laptop for ann.lee@example.com", [LABELS]] }];
    const masked = await compute(member, withEmail, workspaceId);
    expect(masked.json.results[0]).toMatchObject({ value: "Hardware", cached: false });
    expect(server.requests).toHaveLength(1);
    const sent = JSON.stringify(server.requests[0].body);
    expect(sent).not.toContain("ann.lee@example.com");
    expect(sent).toContain("[EMAIL]");
    // The member's personal space is not bound by the workspace's policy...
    await compute(member, withEmail);
    expect(JSON.stringify(server.requests[1].body)).toContain("ann.lee@example.com");
    // ...but by their own redaction setting, in every space.
    await updatePreferences({ claims: member.claims, changes: { piiRedaction: true } });
    await compute(member, [{ id: "c", name: "CLASSIFY", args: ["monitor for ann.lee@example.com", [LABELS]] }]);
    expect(JSON.stringify(server.requests[2].body)).not.toContain("ann.lee@example.com");
    await updatePreferences({ claims: member.claims, changes: { piiRedaction: false } });

    // Only azure is allowed and none is configured: no model is called; the deterministic methods answer.
    await setPolicies({ forcePiiRedaction: false, allowedProviders: ["azure"] });
    server.requests.length = 0;
    const offline = await compute(member, [{ id: "b", name: "CLASSIFY", args: ["hardware", [LABELS]] }], workspaceId);
    expect(offline.json.results[0]).toMatchObject({ value: "Hardware", source: "deterministic" });
    expect(server.requests).toHaveLength(0);
    await setPolicies({ allowedProviders: null });
  });
});
