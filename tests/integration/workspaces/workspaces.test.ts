// Team workspaces through their routes and straight at the database: two workspaces, an owner, a
// member who joins by invite link, and an outsider. Every route refuses the outsider as if the
// workspace did not exist; members read each other's conversations but delete only their own;
// a removed member loses access with their next request; admin policies hold whatever the
// client asks; workspace chats draw on the workspace's pooled quota.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { GET as listWorkspacesRoute, POST as createWorkspaceRoute } from "@/app/api/workspaces/route";
import { GET as getWorkspaceRoute, PATCH as patchWorkspaceRoute, DELETE as deleteWorkspaceRoute } from "@/app/api/workspaces/[id]/route";
import { GET as membersRoute } from "@/app/api/workspaces/[id]/members/route";
import { PATCH as patchMemberRoute, DELETE as removeMemberRoute } from "@/app/api/workspaces/[id]/members/[userId]/route";
import { POST as inviteRoute } from "@/app/api/workspaces/[id]/invites/route";
import { POST as acceptRoute } from "@/app/api/invites/[token]/accept/route";
import { DELETE as revokeInviteRoute } from "@/app/api/workspaces/[id]/invites/[inviteId]/route";
import { GET as usageRoute } from "@/app/api/workspaces/[id]/usage/route";
import { GET as auditRoute } from "@/app/api/workspaces/[id]/audit/route";
import { POST as checkoutRoute } from "@/app/api/workspaces/[id]/checkout/route";
import { POST as chatRoute } from "@/app/api/chat/route";
import { POST as v1Chat } from "@/app/api/v1/chat/route";
import { GET as listConversationsRoute } from "@/app/api/conversations/route";
import { GET as getConversationRoute, DELETE as deleteConversationRoute } from "@/app/api/conversations/[id]/route";
import { POST as createKeyRoute } from "@/app/api/keys/route";
import { createProviderChain, setProviderChainForTests } from "@/lib/ai/providers/get-provider-chain";
import { getDatabase } from "@/lib/db/get-database";
import { updatePreferences } from "@/lib/db/profiles";
import { deleteExpiredHistory } from "@/lib/db/retention";
import { withServiceDb, withUserDb } from "@/lib/db/with-rls";
import { getKv } from "@/lib/kv/get-kv";
import { quotaKeys } from "@/lib/limits/check-quota";
import { ENTITLEMENTS } from "@/lib/limits/entitlements";
import { joinTenantWorkspaces } from "@/lib/workspaces/join-tenant-workspaces";
import { hashInviteToken } from "@/lib/workspaces/invite-token";
import { callRoute } from "@/tests/helpers/call-route";
import { createTestUser, type TestUser } from "@/tests/helpers/test-users";
import { textModel } from "@/tests/fixtures/ai/mock-models";
import { parseUIStream, waitFor } from "@/tests/fixtures/ai/ui-stream";
import { nextIp, storedMessages, textOfParts } from "@/tests/fixtures/ai/test-db";

let owner: TestUser;
let member: TestUser;
let outsider: TestUser;
let w1: string;
let w2: string;

const context = {
  selectedRange: { address: "Sheet1!A1:B3", values: [["Item", "Cost"], ["Paper", 12.5], ["Ink", 40]], rowCount: 3, columnCount: 2 },
  workbook: { name: "Team.xlsx" },
};
const ask = (text: string, extra: Record<string, unknown> = {}) => ({
  messages: [{ id: `u-${Math.random()}`, role: "user", parts: [{ type: "text", text }] }],
  context,
  ...extra,
});

function useModel() {
  const model = textModel(["Ink", " costs", " most."], { input: 100, output: 5, modelId: "gpt-4o-mini" });
  setProviderChainForTests(createProviderChain({ providers: [{ kind: "model", name: "openai", model }], timeoutMs: 2_000 }));
  return model;
}
afterEach(() => setProviderChainForTests(undefined));

const asParams = (id: string) => ({ params: { id } });

async function createWorkspace(user: TestUser, name: string): Promise<string> {
  const created = await callRoute(createWorkspaceRoute, "/api/workspaces", { token: user.accessToken, body: { name } });
  expect(created.status).toBe(201);
  return created.json.id;
}

async function invite(user: TestUser, workspaceId: string, body: Record<string, unknown> = {}) {
  return callRoute(inviteRoute, `/api/workspaces/${workspaceId}/invites`, { token: user.accessToken, body, ...asParams(workspaceId) });
}

async function accept(user: TestUser, token: string) {
  return callRoute(acceptRoute, `/api/invites/${token}/accept`, { method: "POST", token: user.accessToken, params: { token } });
}

/** Starts a workspace conversation as `user`; returns its id once the answer is stored. */
async function chatIn(user: TestUser, workspaceId: string | undefined, text: string, extra: Record<string, unknown> = {}) {
  const result = await callRoute(chatRoute, "/api/chat", { token: user.accessToken, ip: nextIp(), body: ask(text, { workspaceId, ...extra }) });
  return result;
}

async function settledConversation(result: Awaited<ReturnType<typeof chatIn>>): Promise<string> {
  expect(result.status).toBe(200);
  const id = result.headers.get("x-conversation-id") as string;
  await waitFor(async () => ((await storedMessages(id)).some((m) => m.role === "assistant") ? true : null));
  return id;
}

beforeAll(async () => {
  await getDatabase();
  owner = await createTestUser("ws-owner");
  member = await createTestUser("ws-member");
  outsider = await createTestUser("ws-outsider");
  w1 = await createWorkspace(owner, "Finance");
  w2 = await createWorkspace(outsider, "Outsiders");
  const invited = await invite(owner, w1);
  expect(invited.status).toBe(201);
  expect((await accept(member, invited.json.token)).status).toBe(200);
});

describe("creating and listing workspaces", () => {
  it("lists only the caller's workspaces, with their role", async () => {
    const mine = await callRoute(listWorkspacesRoute, "/api/workspaces", { token: owner.accessToken });
    expect(mine.json.workspaces.map((w: { id: string }) => w.id)).toEqual([w1]);
    expect(mine.json.workspaces[0]).toMatchObject({ name: "Finance", role: "owner", memberCount: 2 });
    const theirs = await callRoute(listWorkspacesRoute, "/api/workspaces", { token: member.accessToken });
    expect(theirs.json.workspaces).toEqual([expect.objectContaining({ id: w1, role: "member" })]);
  });

  it("shows a workspace to its members with seats, and is a 404 for anyone else or a malformed id", async () => {
    const detail = await callRoute(getWorkspaceRoute, `/api/workspaces/${w1}`, { token: member.accessToken, ...asParams(w1) });
    expect(detail.status).toBe(200);
    // Billing is off in this file: no seat limit.
    expect(detail.json.seats).toMatchObject({ used: 2, limit: null });
    for (const id of [w1, "not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      const refused = await callRoute(getWorkspaceRoute, `/api/workspaces/${id}`, { token: outsider.accessToken, ...asParams(id) });
      expect(refused.status).toBe(404);
      expect(refused.json.error.code).toBe("not_found");
      expect(refused.text).not.toContain("Finance");
    }
  });

  it("refuses a bad name with a message that says what is allowed, guests with 401, and API keys with 403", async () => {
    for (const name of ["", "x".repeat(101), "bad\u0007name"]) {
      const result = await callRoute(createWorkspaceRoute, "/api/workspaces", { token: owner.accessToken, body: { name } });
      expect(result.status).toBe(400);
      expect(result.json.error.message).toMatch(/name/);
    }
    expect((await callRoute(listWorkspacesRoute, "/api/workspaces")).status).toBe(401);
    const key = await callRoute(createKeyRoute, "/api/keys", { token: owner.accessToken, body: { name: "script" } });
    const withKey = await callRoute(createWorkspaceRoute, "/api/workspaces", { token: key.json.key, body: { name: "By key" } });
    expect(withKey.status).toBe(403);
  });
});

describe("invite links", () => {
  it("returns {url, token, expiresAt} once and stores only a hash of the token", async () => {
    const created = await invite(owner, w1, { role: "admin", expiresInDays: 2 });
    expect(created.status).toBe(201);
    expect(created.json.url).toBe(`http://localhost:3000/invite/${created.json.token}`);
    expect(Date.parse(created.json.expiresAt) - Date.now()).toBeGreaterThan(47 * 3_600_000);
    const rows = await withServiceDb((tx) => tx.selectFrom("workspace_invites").select(["token_hash"]).where("workspace_id", "=", w1).execute());
    expect(rows.map((r) => r.token_hash)).toContain(hashInviteToken(created.json.token));
    expect(JSON.stringify(rows)).not.toContain(created.json.token);
  });

  it("works once: a second use, by anyone, is a 404", async () => {
    const created = await invite(owner, w1);
    const joiner = await createTestUser("ws-joiner");
    const first = await accept(joiner, created.json.token);
    expect(first.json).toEqual({ workspaceId: w1, role: "member", joined: true });
    const again = await accept(outsider, created.json.token);
    expect(again.status).toBe(404);
    expect(again.json.error.message).toMatch(/used already, revoked, or has expired/);
    await callRoute(removeMemberRoute, "/", { method: "DELETE", token: owner.accessToken, params: { id: w1, userId: joiner.id } });
  });

  it("refuses an expired or unknown token with the same 404", async () => {
    const created = await invite(owner, w1);
    await withServiceDb((tx) => tx.updateTable("workspace_invites").set({ expires_at: new Date(Date.now() - 1000) }).where("token_hash", "=", hashInviteToken(created.json.token)).execute());
    expect((await accept(outsider, created.json.token)).status).toBe(404);
    expect((await accept(outsider, "no-such-token")).status).toBe(404);
  });

  it("lets only owners and admins invite; members get 403, outsiders 404", async () => {
    expect((await invite(member, w1)).status).toBe(403);
    expect((await invite(outsider, w1)).status).toBe(404);
    const bad = await invite(owner, w1, { role: "owner" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain("admin, member");
  });

  it("a revoked invite no longer works; only admins revoke", async () => {
    const created = await invite(owner, w1);
    const open = await callRoute(membersRoute, "/", { token: owner.accessToken, ...asParams(w1) });
    const newest = open.json.invites[0].id;
    expect((await callRoute(revokeInviteRoute, "/", { method: "DELETE", token: member.accessToken, params: { id: w1, inviteId: newest } })).status).toBe(403);
    const revoked = await callRoute(revokeInviteRoute, "/", { method: "DELETE", token: owner.accessToken, params: { id: w1, inviteId: newest } });
    expect(revoked.json).toEqual({ revoked: true, id: newest });
    expect((await accept(outsider, created.json.token)).status).toBe(404);
    expect((await callRoute(revokeInviteRoute, "/", { method: "DELETE", token: owner.accessToken, params: { id: w1, inviteId: newest } })).status).toBe(404);
  });

  it("shows open invites to admins only, never their tokens", async () => {
    const asOwner = await callRoute(membersRoute, "/", { token: owner.accessToken, ...asParams(w1) });
    expect(asOwner.json.invites.length).toBeGreaterThan(0);
    expect(asOwner.json.members.map((m: { email: string }) => m.email)).toEqual([owner.email, member.email]);
    const asMember = await callRoute(membersRoute, "/", { token: member.accessToken, ...asParams(w1) });
    expect(asMember.json.invites).toEqual([]);
    expect((await callRoute(membersRoute, "/", { token: outsider.accessToken, ...asParams(w1) })).status).toBe(404);
  });
});

describe("roles, removal and leaving", () => {
  it("lets the owner promote and demote; a member can change no one", async () => {
    const promote = await callRoute(patchMemberRoute, "/", { method: "PATCH", token: owner.accessToken, body: { role: "admin" }, params: { id: w1, userId: member.id } });
    expect(promote.json).toEqual({ userId: member.id, role: "admin" });
    // An admin cannot touch an owner.
    const coup = await callRoute(patchMemberRoute, "/", { method: "PATCH", token: member.accessToken, body: { role: "member" }, params: { id: w1, userId: owner.id } });
    expect(coup.status).toBe(403);
    const demote = await callRoute(patchMemberRoute, "/", { method: "PATCH", token: owner.accessToken, body: { role: "member" }, params: { id: w1, userId: member.id } });
    expect(demote.status).toBe(200);
    const refused = await callRoute(patchMemberRoute, "/", { method: "PATCH", token: member.accessToken, body: { role: "owner" }, params: { id: w1, userId: member.id } });
    expect(refused.status).toBe(403);
  });

  it("never lets the last owner leave or be demoted", async () => {
    const leave = await callRoute(removeMemberRoute, "/", { method: "DELETE", token: owner.accessToken, params: { id: w1, userId: owner.id } });
    expect(leave.status).toBe(400);
    expect(leave.json.error.message).toMatch(/at least one owner/);
    const demote = await callRoute(patchMemberRoute, "/", { method: "PATCH", token: owner.accessToken, body: { role: "admin" }, params: { id: w1, userId: owner.id } });
    expect(demote.status).toBe(400);
    // The database refuses it too, whatever the application code does.
    await expect(
      withServiceDb((tx) => tx.deleteFrom("workspace_members").where("workspace_id", "=", w1).where("user_id", "=", owner.id).execute()),
    ).rejects.toThrow();
  });

  it("lets a member leave by their own id, and nobody else's", async () => {
    const leaver = await createTestUser("ws-leaver");
    await accept(leaver, (await invite(owner, w1)).json.token);
    const other = await callRoute(removeMemberRoute, "/", { method: "DELETE", token: leaver.accessToken, params: { id: w1, userId: member.id } });
    expect(other.status).toBe(403);
    const left = await callRoute(removeMemberRoute, "/", { method: "DELETE", token: leaver.accessToken, params: { id: w1, userId: leaver.id } });
    expect(left.json).toEqual({ userId: leaver.id, role: null });
    expect((await callRoute(getWorkspaceRoute, "/", { token: leaver.accessToken, ...asParams(w1) })).status).toBe(404);
  });
});

describe("shared history", () => {
  it("a workspace conversation is listed for every member with its author, and never in personal lists or for outsiders", async () => {
    useModel();
    const conversationId = await settledConversation(await chatIn(member, w1, "Which item costs most?"));
    const listed = await callRoute(listConversationsRoute, `/api/conversations?workspaceId=${w1}`, { token: owner.accessToken });
    const found = listed.json.conversations.find((c: { id: string }) => c.id === conversationId);
    expect(found).toMatchObject({ workspaceId: w1, author: { id: member.id, email: member.email } });
    const personal = await callRoute(listConversationsRoute, "/api/conversations", { token: member.accessToken });
    expect(personal.json.conversations.map((c: { id: string }) => c.id)).not.toContain(conversationId);
    const outsiders = await callRoute(listConversationsRoute, `/api/conversations?workspaceId=${w1}`, { token: outsider.accessToken });
    expect(outsiders.status).toBe(404);
    const byId = await callRoute(getConversationRoute, "/", { token: outsider.accessToken, ...asParams(conversationId) });
    expect(byId.status).toBe(404);
    const read = await callRoute(getConversationRoute, "/", { token: owner.accessToken, ...asParams(conversationId) });
    expect(read.status).toBe(200);
    expect(read.json.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
  });

  it("a member cannot delete another's conversation; its author and the admins can", async () => {
    useModel();
    const ownersConversation = await settledConversation(await chatIn(owner, w1, "Total of Cost?"));
    const refused = await callRoute(deleteConversationRoute, "/", { method: "DELETE", token: member.accessToken, ...asParams(ownersConversation) });
    expect(refused.status).toBe(404);
    expect(await storedMessages(ownersConversation)).toHaveLength(2);
    const membersConversation = await settledConversation(await chatIn(member, w1, "Average cost?"));
    const byAdmin = await callRoute(deleteConversationRoute, "/", { method: "DELETE", token: owner.accessToken, ...asParams(membersConversation) });
    expect(byAdmin.status).toBe(200);
    const byAuthor = await callRoute(deleteConversationRoute, "/", { method: "DELETE", token: owner.accessToken, ...asParams(ownersConversation) });
    expect(byAuthor.status).toBe(200);
  });

  it("a member cannot continue another member's conversation", async () => {
    useModel();
    const ownersConversation = await settledConversation(await chatIn(owner, w1, "Sum of costs?"));
    const result = await chatIn(member, w1, "And the minimum?", { conversationId: ownersConversation });
    expect(result.status).toBe(404);
    expect(await storedMessages(ownersConversation)).toHaveLength(2);
  });

  it("refuses chat in a workspace to outsiders (404) and guests (401), on both chat routes", async () => {
    useModel();
    expect((await chatIn(outsider, w1, "Peek?")).status).toBe(404);
    const guest = await callRoute(chatRoute, "/api/chat", { ip: nextIp(), body: ask("Peek?", { workspaceId: w1 }) });
    expect(guest.status).toBe(401);
    const v1 = await callRoute(v1Chat, "/api/v1/chat", { token: outsider.accessToken, body: { message: "Peek?", workspaceId: w1 } });
    expect(v1.status).toBe(404);
    const bad = await callRoute(v1Chat, "/api/v1/chat", { token: member.accessToken, body: { message: "Hi", workspaceId: "nope" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain("workspaceId");
  });

  it("the JSON chat route starts workspace conversations too", async () => {
    useModel();
    const answered = await callRoute(v1Chat, "/api/v1/chat", { token: member.accessToken, body: { message: "What costs most?", context, workspaceId: w1 } });
    expect(answered.status).toBe(200);
    const conversationId = answered.json.metadata.conversationId;
    const row = await withServiceDb((tx) => tx.selectFrom("conversations").select("workspace_id").where("id", "=", conversationId).executeTakeFirstOrThrow());
    expect(row.workspace_id).toBe(w1);
  });
});

describe("admin policies, applied on the server", () => {
  it("only owners and admins change policies; each change is audited", async () => {
    const refused = await callRoute(patchWorkspaceRoute, "/", { method: "PATCH", token: member.accessToken, body: { policies: { maxWriteMode: "ask" } }, ...asParams(w1) });
    expect(refused.status).toBe(403);
    const bad = await callRoute(patchWorkspaceRoute, "/", { method: "PATCH", token: owner.accessToken, body: { policies: { maxWriteMode: "auto" } }, ...asParams(w1) });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain("ask, read_only");
  });

  it("read_only, forced redaction and allowed providers hold even when the member asks otherwise", async () => {
    const model = useModel();
    await updatePreferences({ claims: member.claims, changes: { writeMode: "auto", piiRedaction: false } });
    const set = await callRoute(patchWorkspaceRoute, "/", {
      method: "PATCH",
      token: owner.accessToken,
      body: { policies: { maxWriteMode: "read_only", forcePiiRedaction: true, allowedProviders: ["azure"] } },
      ...asParams(w1),
    });
    expect(set.status).toBe(200);
    expect(set.json.policies).toEqual({ maxWriteMode: "read_only", forcePiiRedaction: true, retentionDays: null, allowedProviders: ["azure"] });

    const result = await chatIn(member, w1, "Email the total to jane.doe@example.com please");
    const conversationId = await settledConversation(result);
    // Only azure is allowed and none is configured: the model (named openai) is never called; the
    // offline analyst answers, so nothing leaves the server.
    expect(model.doStreamCalls).toHaveLength(0);
    const chunks = parseUIStream(result.text);
    expect(chunks.some((c) => c.type === "tool-input-available")).toBe(false);
    const stored = await storedMessages(conversationId);
    expect(textOfParts(stored[0].parts)).not.toContain("jane.doe@example.com");
    expect(stored[1].provider).not.toBe("openai");

    // Continuing it without workspaceId changes nothing: the conversation's workspace decides.
    const again = await chatIn(member, undefined, "Write jane.doe@example.com in C1", { id: conversationId, conversationId });
    expect(again.status).toBe(200);
    await waitFor(async () => ((await storedMessages(conversationId)).length === 4 ? true : null));
    expect(textOfParts((await storedMessages(conversationId))[2].parts)).not.toContain("jane.doe@example.com");
    expect(model.doStreamCalls).toHaveLength(0);
    // Naming another workspace for it is refused.
    const elsewhere = await chatIn(member, w2, "Move?", { conversationId });
    expect(elsewhere.status).toBe(400);

    // A personal chat of the same member is not bound by the workspace.
    const personal = await settledConversation(await chatIn(member, undefined, "Email jane.doe@example.com"));
    expect(textOfParts((await storedMessages(personal))[0].parts)).toContain("jane.doe@example.com");
    expect(model.doStreamCalls).toHaveLength(1);

    await callRoute(patchWorkspaceRoute, "/", {
      method: "PATCH",
      token: owner.accessToken,
      body: { policies: { maxWriteMode: null, forcePiiRedaction: false, allowedProviders: null } },
      ...asParams(w1),
    });
  });

  it("retention days of the workspace decide when its conversations expire", async () => {
    useModel();
    const conversationId = await settledConversation(await chatIn(member, w1, "Keep me?"));
    const personal = await settledConversation(await chatIn(member, undefined, "Keep me too?"));
    await callRoute(patchWorkspaceRoute, "/", { method: "PATCH", token: owner.accessToken, body: { policies: { retentionDays: 2 } }, ...asParams(w1) });
    await deleteExpiredHistory({ now: new Date(Date.now() + 3 * 86_400_000) });
    const left = await withServiceDb((tx) => tx.selectFrom("conversations").select("id").where("id", "in", [conversationId, personal]).execute());
    expect(left.map((r) => r.id)).toEqual([personal]);
    await callRoute(patchWorkspaceRoute, "/", { method: "PATCH", token: owner.accessToken, body: { policies: { retentionDays: null } }, ...asParams(w1) });
  });
});

describe("pooled quota", () => {
  it("workspace chats count against the workspace, not the member; a full pool refuses them while personal chat goes on", async () => {
    useModel();
    const before = await getKv().get<number>(quotaKeys(`user:${member.id}`, Date.now()).requests);
    const result = await chatIn(member, w1, "Count me in the pool");
    await settledConversation(result);
    expect(result.headers.get("x-quota")).toMatch(/plan=free/);
    expect(await getKv().get<number>(quotaKeys(`user:${member.id}`, Date.now()).requests)).toBe(before);
    const poolKey = quotaKeys(`workspace:${w1}`, Date.now()).requests;
    expect(await getKv().get<number>(poolKey)).toBeGreaterThan(0);
    const usage = await withServiceDb((tx) => tx.selectFrom("usage_records").select("workspace_id").where("user_id", "=", member.id).orderBy("id", "desc").executeTakeFirstOrThrow());
    expect(usage.workspace_id).toBe(w1);

    // The pool is the plan's limit times the seats (members, with billing off).
    const members = (await callRoute(getWorkspaceRoute, "/", { token: owner.accessToken, ...asParams(w1) })).json.seats.used;
    await getKv().set(poolKey, ENTITLEMENTS.free.requestsPerDay * members, { ttlMs: 60_000 });
    const refused = await chatIn(member, w1, "One more?");
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("quota_exceeded");
    expect((await chatIn(member, undefined, "Personal is fine?")).status).toBe(200);
    await getKv().set(poolKey, 0, { ttlMs: 60_000 });
  });
});

describe("admin views", () => {
  it("usage per member and the audit log are for owners and admins", async () => {
    const usage = await callRoute(usageRoute, "/", { token: owner.accessToken, ...asParams(w1) });
    expect(usage.status).toBe(200);
    expect(usage.json.members.find((m: { userId: string }) => m.userId === member.id)).toMatchObject({ email: member.email });
    expect(usage.json.members.find((m: { userId: string }) => m.userId === member.id).requests).toBeGreaterThan(0);
    expect(usage.json.daily.length).toBeGreaterThan(0);
    expect((await callRoute(usageRoute, "/", { token: member.accessToken, ...asParams(w1) })).status).toBe(403);
    expect((await callRoute(usageRoute, "/", { token: outsider.accessToken, ...asParams(w1) })).status).toBe(404);

    const audit = await callRoute(auditRoute, "/", { token: owner.accessToken, ...asParams(w1) });
    const actions = audit.json.entries.map((e: { action: string }) => e.action);
    for (const action of ["workspace.created", "member.invited", "member.joined", "member.role_changed", "member.left", "workspace.policy_changed"]) {
      expect(actions).toContain(action);
    }
    const policy = audit.json.entries.find((e: { action: string }) => e.action === "workspace.policy_changed");
    expect(policy).toMatchObject({ actorEmail: owner.email });
    expect((await callRoute(auditRoute, "/", { token: member.accessToken, ...asParams(w1) })).status).toBe(403);
    expect((await callRoute(auditRoute, "/", { token: outsider.accessToken, ...asParams(w1) })).status).toBe(404);
    // Seats are not sold with billing off.
    expect((await callRoute(checkoutRoute, "/", { token: owner.accessToken, body: { seats: 3 }, ...asParams(w1) })).status).toBe(503);
  });
});

describe("row level security, straight at the database", () => {
  async function asUser<T>(user: TestUser, query: string): Promise<T[]> {
    return withUserDb(user.claims, async (tx) => (await sql.raw<T>(query).execute(tx)).rows);
  }

  it("a non-member sees nothing of the workspace in any table", async () => {
    for (const table of ["workspaces where id", "workspace_members where workspace_id", "workspace_invites where workspace_id", "workspace_audit_log where workspace_id", "conversations where workspace_id", "usage_records where workspace_id"]) {
      expect(await asUser(outsider, `select * from public.${table} = '${w1}'`)).toEqual([]);
    }
    expect(await asUser(outsider, `select m.* from public.messages m join public.conversations c on c.id = m.conversation_id where c.workspace_id = '${w1}'`)).toEqual([]);
    expect(await asUser(outsider, `select * from public.messages where conversation_id in (select id from public.conversations where workspace_id = '${w1}')`)).toEqual([]);
    const all = await withServiceDb((tx) => tx.selectFrom("messages").innerJoin("conversations", "conversations.id", "messages.conversation_id").select("messages.id").where("conversations.workspace_id", "=", w1).execute());
    expect(all.length).toBeGreaterThan(0);
  });

  it("a member reads but cannot change the workspace, its members, invites or others' conversations", async () => {
    expect(await asUser(member, `select id from public.workspaces where id = '${w1}'`)).toHaveLength(1);
    expect(await asUser(member, `update public.workspaces set force_pii_redaction = true where id = '${w1}' returning id`)).toEqual([]);
    expect(await asUser(member, `update public.workspace_members set role = 'owner' where workspace_id = '${w1}' returning user_id`)).toEqual([]);
    expect(await asUser(member, `delete from public.workspace_members where workspace_id = '${w1}' and user_id = '${owner.id}' returning user_id`)).toEqual([]);
    expect(await asUser(member, `select * from public.workspace_invites where workspace_id = '${w1}'`)).toEqual([]);
    expect(await asUser(member, `delete from public.conversations where workspace_id = '${w1}' and user_id <> '${member.id}' returning id`)).toEqual([]);
    await expect(asUser(member, `insert into public.workspace_members (workspace_id, user_id, role) values ('${w2}', '${member.id}', 'owner')`)).rejects.toThrow();
    await expect(asUser(outsider, `insert into public.conversations (user_id, workspace_id, title) values ('${outsider.id}', '${w1}', 'sneak')`)).rejects.toThrow();
  });
});

describe("a removed member", () => {
  it("loses access with the very next request, their own workspace conversations included", async () => {
    useModel();
    const removed = await createTestUser("ws-removed");
    await accept(removed, (await invite(owner, w1)).json.token);
    const theirs = await settledConversation(await chatIn(removed, w1, "My workspace question"));
    expect((await callRoute(getConversationRoute, "/", { token: removed.accessToken, ...asParams(theirs) })).status).toBe(200);

    const gone = await callRoute(removeMemberRoute, "/", { method: "DELETE", token: owner.accessToken, params: { id: w1, userId: removed.id } });
    expect(gone.status).toBe(200);
    expect((await callRoute(getConversationRoute, "/", { token: removed.accessToken, ...asParams(theirs) })).status).toBe(404);
    expect((await callRoute(listConversationsRoute, `/api/conversations?workspaceId=${w1}`, { token: removed.accessToken })).status).toBe(404);
    expect((await chatIn(removed, w1, "Still here?")).status).toBe(404);
    expect((await chatIn(removed, undefined, "Continue?", { conversationId: theirs })).status).toBe(404);
    expect((await callRoute(getWorkspaceRoute, "/", { token: removed.accessToken, ...asParams(w1) })).status).toBe(404);
    // The conversation stays with the workspace.
    expect((await callRoute(getConversationRoute, "/", { token: owner.accessToken, ...asParams(theirs) })).status).toBe(200);
  });
});

describe("Microsoft tenant link", () => {
  it("users of a linked tenant join as members once, however often they sign in", async () => {
    const tenant = "8f0e5d1c-6a3b-4c2d-9e1f-0a1b2c3d4e5f";
    const linked = await callRoute(patchWorkspaceRoute, "/", { method: "PATCH", token: owner.accessToken, body: { entraTenantId: tenant }, ...asParams(w1) });
    expect(linked.json.entraTenantId).toBe(tenant);
    const colleague = await createTestUser("ws-entra");
    const joined = await Promise.all([joinTenantWorkspaces({ userId: colleague.id, tenantId: tenant }), joinTenantWorkspaces({ userId: colleague.id, tenantId: tenant })]);
    expect(joined.flat()).toEqual([w1]);
    expect(await joinTenantWorkspaces({ userId: colleague.id, tenantId: tenant })).toEqual([]);
    expect(await joinTenantWorkspaces({ userId: colleague.id, tenantId: "another-tenant" })).toEqual([]);
    const list = await callRoute(listWorkspacesRoute, "/api/workspaces", { token: colleague.accessToken });
    expect(list.json.workspaces).toEqual([expect.objectContaining({ id: w1, role: "member" })]);
  });
});

describe("deleting a workspace", () => {
  it("is for owners only, and takes its shared conversations with it", async () => {
    useModel();
    const w3 = await createWorkspace(owner, "Short-lived");
    await accept(member, (await invite(owner, w3)).json.token);
    const conversationId = await settledConversation(await chatIn(member, w3, "Doomed?"));
    expect((await callRoute(deleteWorkspaceRoute, "/", { method: "DELETE", token: member.accessToken, ...asParams(w3) })).status).toBe(403);
    expect((await callRoute(deleteWorkspaceRoute, "/", { method: "DELETE", token: outsider.accessToken, ...asParams(w3) })).status).toBe(404);
    const deleted = await callRoute(deleteWorkspaceRoute, "/", { method: "DELETE", token: owner.accessToken, ...asParams(w3) });
    expect(deleted.json).toEqual({ deleted: true, id: w3 });
    expect(await storedMessages(conversationId)).toEqual([]);
  });
});
