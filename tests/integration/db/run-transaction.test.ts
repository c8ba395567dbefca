// runTransaction: a transaction compiled up front and sent whole (the chat turn's hot path).
// On both engines: each step runs as the principal it names (RLS applies), a failing step rolls
// back everything before it, and whole transactions never interleave with interactive ones.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { conversationExistsQuery, createConversationIfMissingQuery, touchConversationQuery } from "@/lib/db/conversations";
import { insertMessageQuery, listMessages } from "@/lib/db/messages";
import { insertUsageRecordQuery, listUsageRecords } from "@/lib/db/usage-records";
import { runTransaction, withUserDb, type DbClaims } from "@/lib/db/with-rls";
import { createTestUser, type TestUser } from "../../helpers/test-users";

let a: TestUser;
let b: TestUser;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestUser("tx-a"), createTestUser("tx-b")]);
});

async function newConversation(claims: DbClaims) {
  const id = randomUUID();
  await runTransaction([{ as: claims, query: (db) => createConversationIfMissingQuery(db, { claims, id, title: "t", workbook: null }) }]);
  return id;
}

describe("runTransaction", () => {
  it("runs each step as the user it names, and returns each step's rows", async () => {
    const id = randomUUID();
    const [created, mine, theirs] = await runTransaction([
      { as: a.claims, query: (db) => createConversationIfMissingQuery(db, { claims: a.claims, id, title: "Budget", workbook: "Q3.xlsx" }) },
      { as: a.claims, query: (db) => conversationExistsQuery(db, id) },
      { as: b.claims, query: (db) => conversationExistsQuery(db, id) },
    ]);
    expect(created).toEqual([{ id }]);
    expect(mine).toEqual([{ id, user_id: a.id, workspace_id: null }]);
    expect(theirs).toEqual([]); // RLS: B does not see A's conversation, in the same transaction
  });

  it("keeps claims with quotes and backslashes intact (no SQL injection through the claims)", async () => {
    const claims: DbClaims = { ...a.claims, email: `o'brien\\'); drop table public.messages; --@example.test` };
    const id = await newConversation(claims);
    const [rows] = await runTransaction([{ as: claims, query: () => sql<{ email: string }>`select auth.jwt() ->> 'email' as email` }]);
    expect(rows).toEqual([{ email: claims.email }]);
    expect(await listMessages({ claims: a.claims, conversationId: id })).toEqual([]); // the table is still there
  });

  it("stores and returns hostile values exactly: quotes, backslashes, placeholders in text, unicode, JSON, dates, null", async () => {
    const conversationId = await newConversation(a.claims);
    const hostile = `O'Brien said "$1" \\ C:\\path\\n -- not a comment /* nor this */ $$dollar$$ ${"\u{1F4CA}"} é\t\r\n'); drop table messages; --`;
    const parts = [{ type: "text", text: hostile }, { type: "data", data: { quote: "'", backslash: "\\", nested: { list: [1, "two", null, true] } } }];
    const [inserted, echoed] = await runTransaction([
      { as: a.claims, query: (db) => insertMessageQuery(db, { claims: a.claims, conversationId, role: "user", parts, contextSummary: { note: hostile } }) },
      {
        as: a.claims,
        query: () =>
          sql<{ text: string; n: number; flag: boolean; none: null; at: Date }>`select ${hostile}::text as text, ${42.5}::float8 as n, ${true}::boolean as flag, ${null}::text as none, ${new Date("2026-03-04T05:06:07.089Z")}::timestamptz as at`,
      },
    ]);
    expect(inserted).toHaveLength(1);
    expect(echoed).toEqual([{ text: hostile, n: 42.5, flag: true, none: null, at: new Date("2026-03-04T05:06:07.089Z") }]);
    const [stored] = await listMessages({ claims: a.claims, conversationId });
    expect(stored.parts).toEqual(parts);
    expect(stored.contextSummary).toEqual({ note: hostile });
  });

  it("runs a transaction whose values must travel as parameters (an array) the same way, RLS included", async () => {
    const conversationId = await newConversation(a.claims);
    const [arrays, mine, theirs] = await runTransaction([
      { as: a.claims, query: () => sql<{ total: number }>`select (select sum(x) from unnest(${[1, 2, 39]}::int[]) as x)::int as total` },
      { as: a.claims, query: (db) => conversationExistsQuery(db, conversationId) },
      { as: b.claims, query: (db) => conversationExistsQuery(db, conversationId) },
    ]);
    expect(arrays).toEqual([{ total: 42 }]);
    expect(mine).toEqual([{ id: conversationId, user_id: a.id, workspace_id: null }]);
    expect(theirs).toEqual([]);
    // All or nothing there too.
    await expect(
      runTransaction([
        { as: a.claims, query: (db) => touchConversationQuery(db, { id: conversationId, workbook: "array-path.xlsx" }) },
        { as: a.claims, query: () => sql`select ${["a"]}::int[]` },
      ]),
    ).rejects.toBeTruthy();
    const [rows] = await runTransaction([{ as: a.claims, query: () => sql`select workbook from conversations where id = ${conversationId}` }]);
    expect(rows).toEqual([{ workbook: null }]);
  });

  it("switches to service_role mid-transaction for server-only writes, and back", async () => {
    const conversationId = await newConversation(a.claims);
    const usage = { userId: a.id, serviceType: "analysis" as const, promptTokens: 3, completionTokens: 4, costMicros: 5, model: "m", provider: "p", cached: false, conversationId };
    await runTransaction([
      { as: a.claims, query: (db) => insertMessageQuery(db, { claims: a.claims, conversationId, role: "assistant", parts: [{ type: "text", text: "hi" }] }) },
      { as: "service_role", query: (db) => insertUsageRecordQuery(db, usage) },
      { as: a.claims, query: (db) => touchConversationQuery(db, { id: conversationId, workbook: "Book1.xlsx" }) },
    ]);
    expect((await listMessages({ claims: a.claims, conversationId })).map((m) => m.role)).toEqual(["assistant"]);
    const count = async () => (await listUsageRecords({ claims: a.claims })).filter((r) => r.conversationId === conversationId).length;
    expect(await count()).toBe(1);
    // Users themselves cannot write usage rows: the same insert as the user is refused.
    await expect(runTransaction([{ as: a.claims, query: (db) => insertUsageRecordQuery(db, usage) }])).rejects.toMatchObject({ cause: { code: "42501" } });
    expect(await count()).toBe(1);
  });

  it("is all or nothing: a refused step rolls back the steps before it", async () => {
    const mine = await newConversation(a.claims);
    const theirs = await newConversation(b.claims);
    await expect(
      runTransaction([
        { as: a.claims, query: (db) => insertMessageQuery(db, { claims: a.claims, conversationId: mine, role: "user", parts: [{ type: "text", text: "kept?" }] }) },
        // A's message into B's conversation: the insert policy refuses it.
        { as: a.claims, query: (db) => insertMessageQuery(db, { claims: a.claims, conversationId: theirs, role: "user", parts: [{ type: "text", text: "no" }] }) },
      ]),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await listMessages({ claims: a.claims, conversationId: mine })).toEqual([]);
    expect(await listMessages({ claims: b.claims, conversationId: theirs })).toEqual([]);
  });

  it("never interleaves with interactive transactions running at the same time", async () => {
    const conversationId = await newConversation(a.claims);
    const work = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0
        ? runTransaction([
            { as: a.claims, query: (db) => insertMessageQuery(db, { claims: a.claims, conversationId, role: "user", parts: [{ type: "text", text: `whole ${i}` }] }) },
            { as: "service_role", query: () => sql`select 1` },
            { as: a.claims, query: (db) => touchConversationQuery(db, { id: conversationId }) },
          ])
        : withUserDb(a.claims, async (tx) => {
            // An interactive transaction: if a whole one ran between these statements, the role
            // or claims seen here would change.
            const before = await sql<{ sub: string; role: string }>`select auth.uid()::text as sub, current_user as role`.execute(tx);
            await insertMessageQuery(tx, { claims: a.claims, conversationId, role: "user", parts: [{ type: "text", text: `interactive ${i}` }] }).execute();
            const after = await sql<{ sub: string; role: string }>`select auth.uid()::text as sub, current_user as role`.execute(tx);
            expect(after.rows).toEqual(before.rows);
            expect(before.rows[0]).toEqual({ sub: a.id, role: "authenticated" });
          }),
    );
    await Promise.all(work);
    const texts = (await listMessages({ claims: a.claims, conversationId })).map((m) => (m.parts[0] as { text: string }).text);
    expect(texts).toHaveLength(40);
    expect(new Set(texts).size).toBe(40);
  });
});
