// Row level security, table by table: user B can neither read nor write user A's rows when
// querying the database directly as `authenticated`, and `anon` gets nothing at all.
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { withServiceDb, withUserDb } from "@/lib/db/with-rls";
import { getDatabase } from "@/lib/db/get-database";
import { createTestUser, type TestUser } from "../../helpers/test-users";

let a: TestUser;
let b: TestUser;
const ids: Record<string, string> = {};

async function asUser<T>(user: TestUser, query: string): Promise<T[]> {
  return withUserDb(user.claims, async (tx) => (await sql.raw<T>(query).execute(tx)).rows);
}

async function asUserError(user: TestUser, query: string): Promise<string> {
  const database = await getDatabase();
  try {
    await database.db.transaction().execute(async (tx) => {
      await sql`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify(user.claims)}, true)`.execute(tx);
      await sql.raw(query).execute(tx);
    });
    return "no error";
  } catch (error) {
    return (error as Error).message;
  }
}

beforeAll(async () => {
  a = await createTestUser("rls-a");
  b = await createTestUser("rls-b");
  await withServiceDb(async (tx) => {
    const conversation = await tx.insertInto("conversations").values({ user_id: a.id, title: "A's budget" }).returning("id").executeTakeFirstOrThrow();
    ids.conversation = conversation.id;
    const message = await tx
      .insertInto("messages")
      .values({ conversation_id: conversation.id, user_id: a.id, role: "user", parts: JSON.stringify([{ type: "text", text: "secret of A" }]) })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.message = message.id;
    await tx.insertInto("usage_records").values({ user_id: a.id, service_type: "analysis", prompt_tokens: 10, completion_tokens: 5, cost_micros: 7, model: "m", provider: "p", cached: false, conversation_id: null }).execute();
    await tx.insertInto("customers").values({ user_id: a.id, stripe_customer_id: `cus_${a.id.slice(0, 8)}` }).execute();
    await tx
      .insertInto("subscriptions")
      .values({ id: `sub_${a.id.slice(0, 8)}`, user_id: a.id, stripe_customer_id: `cus_${a.id.slice(0, 8)}`, status: "active", plan: "pro", cancel_at_period_end: false })
      .execute();
    const key = await tx.insertInto("api_keys").values({ user_id: a.id, name: "A key", prefix: "eaa_aaaa", key_hash: `hash-${a.id}` }).returning("id").executeTakeFirstOrThrow();
    ids.apiKey = key.id;
    await tx.insertInto("audit_log").values({ user_id: a.id, action: "auth.login", ip: "1.2.3.4" }).execute();
    await tx.insertInto("stripe_events").values({ id: `evt_${a.id.slice(0, 8)}`, type: "customer.subscription.updated" }).execute();
  });
});

const OWNED: { table: string; owner: string }[] = [
  { table: "profiles", owner: "id" },
  { table: "conversations", owner: "user_id" },
  { table: "messages", owner: "user_id" },
  { table: "usage_records", owner: "user_id" },
  { table: "customers", owner: "user_id" },
  { table: "subscriptions", owner: "user_id" },
  { table: "api_keys", owner: "user_id" },
  { table: "audit_log", owner: "user_id" },
];

describe("RLS: reading", () => {
  it.each(OWNED)("$table: A sees only A's rows, B sees none of A's", async ({ table, owner }) => {
    const mine = await asUser<Record<string, string>>(a, `select ${owner} as owner from public.${table}`);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((row) => row.owner === a.id)).toBe(true);
    const theirs = await asUser(b, `select * from public.${table} where ${owner} = '${a.id}'`);
    expect(theirs).toEqual([]);
  });

  it("stripe_events: no user can read processed events", async () => {
    expect(await asUserError(a, "select * from public.stripe_events")).toMatch(/permission denied/);
  });

  it("password_reset_tokens: no user can read, write or delete reset links", async () => {
    expect(await asUserError(a, "select * from public.password_reset_tokens")).toMatch(/permission denied/);
    expect(
      await asUserError(a, `insert into public.password_reset_tokens (token_hash, user_id, expires_at) values ('x', '${a.id}', now() + interval '1 day')`),
    ).toMatch(/permission denied/);
    expect(await asUserError(a, "delete from public.password_reset_tokens")).toMatch(/permission denied/);
  });
});

describe("RLS: writing", () => {
  it.each(OWNED)("$table: B cannot update or delete A's rows", async ({ table, owner }) => {
    const column = ({ profiles: "display_name", api_keys: "name", conversations: "title", messages: "model" } as Record<string, string>)[table] ?? null;
    if (column) {
      await asUserError(b, `update public.${table} set ${column} = 'pwned' where ${owner} = '${a.id}'`);
    } else {
      // Server-only tables: B has no update privilege at all.
      expect(await asUserError(b, `update public.${table} set ${owner} = '${b.id}' where ${owner} = '${a.id}'`)).toMatch(/permission denied/);
    }
    await asUserError(b, `delete from public.${table} where ${owner} = '${a.id}'`);
    const still = await withServiceDb(async (tx) => (await sql.raw<{ n: number }>(`select count(*)::int as n from public.${table} where ${owner} = '${a.id}'`).execute(tx)).rows[0]!.n);
    expect(still).toBeGreaterThan(0);
    if (column) {
      const values = await withServiceDb(async (tx) => (await sql.raw<{ v: string | null }>(`select ${column} as v from public.${table} where ${owner} = '${a.id}'`).execute(tx)).rows);
      expect(values.some((row) => row.v === "pwned")).toBe(false);
    }
  });

  it("B cannot insert rows owned by A", async () => {
    expect(await asUserError(b, `insert into public.conversations (user_id, title) values ('${a.id}', 'x')`)).toMatch(/row-level security/);
    expect(await asUserError(b, `insert into public.api_keys (user_id, name, prefix, key_hash) values ('${a.id}', 'x', 'eaa_x', 'h-${b.id}')`)).toMatch(/row-level security/);
  });

  it("B cannot add a message to A's conversation, even as its own row", async () => {
    expect(
      await asUserError(b, `insert into public.messages (conversation_id, user_id, role, parts) values ('${ids.conversation}', '${b.id}', 'user', '[]')`),
    ).toMatch(/row-level security/);
  });

  it("users cannot write server-only tables, not even their own rows", async () => {
    for (const query of [
      `insert into public.usage_records (user_id, service_type, model, provider) values ('${a.id}', 'analysis', 'm', 'p')`,
      `insert into public.subscriptions (id, user_id, stripe_customer_id, status) values ('sub_x${a.id.slice(0, 4)}', '${a.id}', 'cus', 'active')`,
      `insert into public.customers (user_id, stripe_customer_id) values ('${b.id}', 'cus_b')`,
      `insert into public.audit_log (user_id, action) values ('${a.id}', 'forged')`,
      `insert into public.stripe_events (id, type) values ('evt_forged', 'x')`,
      `update public.subscriptions set plan = 'team' where user_id = '${a.id}'`,
    ]) {
      expect(await asUserError(a, query)).toMatch(/permission denied|row-level security/);
    }
  });

  it("a user can change their own rows", async () => {
    const rows = await asUser<{ id: string }>(a, `update public.conversations set title = 'Renamed' where id = '${ids.conversation}' returning id`);
    expect(rows).toHaveLength(1);
  });
});

describe("RLS: anon", () => {
  it.each([...OWNED.map((o) => o.table), "stripe_events", "password_reset_tokens"])("anon gets nothing from %s", async (table) => {
    const database = await getDatabase();
    const message = await database.db
      .transaction()
      .execute(async (tx) => {
        await sql`select set_config('role', 'anon', true)`.execute(tx);
        await sql.raw(`select * from public.${table}`).execute(tx);
        return "no error";
      })
      .catch((error: Error) => error.message);
    expect(message).toMatch(/permission denied/);
  });
});
