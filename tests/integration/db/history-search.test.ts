// History search runs in a security-definer database function (so it can use the trigram
// indexes under RLS). It is tested like a policy: two real users, anon, and a caller without a
// user; rows written by hand in SQL are found too (the searchable text is a generated column);
// and the planner can answer the search from the indexes.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { listConversations } from "@/lib/db/conversations";
import { createWorkspace } from "@/lib/db/workspaces";
import { getDatabase } from "@/lib/db/get-database";
import { withServiceDb, withUserDb } from "@/lib/db/with-rls";
import { createTestUser, type TestUser } from "@/tests/helpers/test-users";

let alice: TestUser;
let bob: TestUser;
const ids = { aliceBudget: "", aliceTitle: "", aliceShort: "", bobSecret: "" };

async function conversationWith(user: TestUser, title: string, texts: string[]): Promise<string> {
  return withServiceDb(async (tx) => {
    const { id } = await tx.insertInto("conversations").values({ user_id: user.id, title }).returning("id").executeTakeFirstOrThrow();
    for (const [i, text] of texts.entries()) {
      await tx
        .insertInto("messages")
        .values({ id: `${id}-${i}`, conversation_id: id, user_id: user.id, role: i % 2 ? "assistant" : "user", parts: JSON.stringify([{ type: "text", text }, { type: "reasoning", text: "hidden thoughts" }]) })
        .execute();
    }
    return id;
  });
}

async function search(user: TestUser, query: string, workspace: string | null = null): Promise<string[]> {
  return withUserDb(user.claims, async (tx) => {
    const { rows } = await sql<{ id: string }>`select public.search_conversation_ids(${query}, ${workspace}::uuid) as id`.execute(tx);
    return rows.map((row) => row.id).sort();
  });
}

beforeAll(async () => {
  await getDatabase();
  alice = await createTestUser("alice");
  bob = await createTestUser("bob");
  ids.aliceBudget = await conversationWith(alice, "Budget review", ["Which quarter had the highest Margin?", "Q3, at 41% (up from 38%)."]);
  ids.aliceTitle = await conversationWith(alice, "Pivot of invoices", ["Group by supplier", "Done."]);
  ids.aliceShort = await conversationWith(alice, "Untitled", ["Is 7% ok?", "Yes: a_b stays a_b."]);
  ids.bobSecret = await conversationWith(bob, "Bob's payroll", ["Payroll margin for Q3", "Bob's secret answer zebra."]);
});

describe("search_conversation_ids", () => {
  it("finds substrings and words of titles and message text, case-insensitively", async () => {
    expect(await search(alice, "MARGIN")).toEqual([ids.aliceBudget]);
    expect(await search(alice, "arg")).toEqual([ids.aliceBudget]);
    expect(await search(alice, "pivot")).toEqual([ids.aliceTitle]);
    expect(await search(alice, "highest margin")).toEqual([ids.aliceBudget]);
    // Only text parts are searchable: reasoning is not what the user saw.
    expect(await search(alice, "hidden thoughts")).toEqual([]);
  });

  it("takes the query literally: % and _ are no wildcards; short queries work", async () => {
    expect(await search(alice, "%")).toEqual([ids.aliceBudget, ids.aliceShort].sort());
    expect(await search(alice, "a_b")).toEqual([ids.aliceShort]);
    expect(await search(alice, "7%")).toEqual([ids.aliceShort]);
    expect(await search(alice, "Q3")).toEqual([ids.aliceBudget]);
    expect(await search(alice, "")).toEqual([]);
  });

  it("never returns another user's conversations", async () => {
    expect(await search(alice, "zebra")).toEqual([]);
    expect(await search(alice, "payroll")).toEqual([]);
    expect(await search(bob, "margin")).toEqual([ids.bobSecret]);
    expect(await search(bob, "Q3")).toEqual([ids.bobSecret]);
  });

  it("gives nothing to a caller without a user, and refuses anon", async () => {
    const database = await getDatabase();
    const asRole = (role: string, claims: string) =>
      database.db.transaction().execute(async (tx) => {
        await sql`select set_config('role', ${role}, true), set_config('request.jwt.claims', ${claims}, true)`.execute(tx);
        const { rows } = await sql<{ id: string }>`select public.search_conversation_ids('margin') as id`.execute(tx);
        return rows;
      });
    expect(await asRole("authenticated", "")).toEqual([]);
    expect(await asRole("authenticated", JSON.stringify({ role: "authenticated" }))).toEqual([]);
    await expect(asRole("anon", JSON.stringify({ role: "anon", sub: bob.id }))).rejects.toThrow(/permission denied/);
  });

  it("finds rows written by hand in SQL, and follows edits", async () => {
    await withServiceDb((tx) =>
      sql`update messages set parts = '[{"type":"text","text":"now about a kangaroo"}]'::jsonb where id = ${`${ids.aliceTitle}-1`}`.execute(tx),
    );
    expect(await search(alice, "kangaroo")).toEqual([ids.aliceTitle]);
  });

  it("is what GET /api/conversations?q= uses, recent first, with the total", async () => {
    const { items, total } = await listConversations({ claims: alice.claims, q: "a", limit: 2, offset: 0 });
    expect(total).toBe(3);
    expect(items.map((item) => item.id)).toEqual([ids.aliceShort, ids.aliceTitle]);
    const past = await listConversations({ claims: alice.claims, q: "a", limit: 2, offset: 5 });
    expect(past).toEqual({ items: [], total: 3 });
    expect((await listConversations({ claims: bob.claims, q: "budget", limit: 20, offset: 0 })).total).toBe(0);
  });

  // On a few rows the planner rightly prefers the owner's btree index; at size (bench/growth.ts
  // records the plans) the trigram indexes answer. Here: they can serve the text condition.
  it("can be answered from the trigram indexes", async () => {
    const plan = await withServiceDb(async (tx) => {
      await sql`set local enable_seqscan = off`.execute(tx);
      const messages = await sql<{ "QUERY PLAN": string }>`explain select conversation_id from public.messages where search_text ilike '%margin%'`.execute(tx);
      const titles = await sql<{ "QUERY PLAN": string }>`explain select id from public.conversations where title ilike '%pivot%'`.execute(tx);
      return [...messages.rows, ...titles.rows].map((row) => row["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("messages_user_search_idx");
    expect(plan).toContain("conversations_user_title_search_idx");
  });
});

// A workspace's conversations are read by all its members: searching a workspace finds every
// member's conversations in it, and nothing at all for someone who is not (or no longer) a member.
describe("search_conversation_ids in a workspace", () => {
  let carol: TestUser;
  let workspace = "";
  let shared = "";

  beforeAll(async () => {
    carol = await createTestUser("carol");
    workspace = await createWorkspace({ userId: alice.id, name: "Finance" });
    await withServiceDb((tx) => tx.insertInto("workspace_members").values({ workspace_id: workspace, user_id: bob.id, role: "member" }).execute());
    shared = await conversationWith(bob, "Team forecast", ["Forecast the okapi line for Q4", "Done."]);
    await withServiceDb((tx) => tx.updateTable("conversations").set({ workspace_id: workspace }).where("id", "=", shared).execute());
  });

  it("finds another member's conversation in the workspace, and only there", async () => {
    expect(await search(alice, "okapi", workspace)).toEqual([shared]);
    expect(await search(alice, "team forecast", workspace)).toEqual([shared]);
    expect(await search(alice, "okapi")).toEqual([]);
    const { items, total } = await listConversations({ claims: alice.claims, q: "okapi", workspaceId: workspace, limit: 20, offset: 0 });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ id: shared, authorId: bob.id, workspaceId: workspace });
    // The workspace search never reaches the members' personal conversations.
    expect(await search(alice, "payroll", workspace)).toEqual([]);
  });

  it("gives a non-member nothing, and a removed member nothing from the next query on", async () => {
    expect(await search(carol, "okapi", workspace)).toEqual([]);
    expect((await listConversations({ claims: carol.claims, q: "okapi", workspaceId: workspace, limit: 20, offset: 0 })).total).toBe(0);
    expect(await search(bob, "okapi", workspace)).toEqual([shared]);
    await withServiceDb((tx) => tx.deleteFrom("workspace_members").where("workspace_id", "=", workspace).where("user_id", "=", bob.id).execute());
    expect(await search(bob, "okapi", workspace)).toEqual([]);
  });
});
