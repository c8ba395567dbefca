// Microsoft sign-in with Supabase Auth: the account of a first-time Microsoft user is created
// through the Auth admin API (the local fake of Supabase's auth service), exactly once however
// many first requests arrive together. Supabase mode needs a Postgres server (DATABASE_URL), so
// this runs in the server-mode pass.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { FAKE_CLIENT_ID, startFakeEntra } from "../../fixtures/entra/fake-entra";
import { callRoute } from "../../helpers/call-route";

const databaseUrl = process.env.DATABASE_URL;
const TENANT = randomUUID();

async function setUp(url: string) {
  const { startFakeSupabaseAuth } = await import("../../fixtures/supabase/fake-gotrue");
  const gotrue = await startFakeSupabaseAuth(url);
  const entra = await startFakeEntra();
  process.env.ENTRA_CLIENT_ID = FAKE_CLIENT_ID;
  process.env.ENTRA_JWKS_URL = entra.jwksUrl;
  process.env.ENTRA_TENANTS = TENANT;
  return {
    gotrue,
    entra,
    runtimeModes: (await import("@/lib/env")).runtimeModes,
    withServiceDb: (await import("@/lib/db/with-rls")).withServiceDb,
    listConversations: (await import("@/app/api/conversations/route")).GET,
    signup: (await import("@/app/api/auth/signup/route")).POST,
  };
}

// The environment is read once, at import: set it up before any app module loads.
const app = databaseUrl ? await setUp(databaseUrl) : null;

describe("Microsoft sign-in with Supabase Auth", () => {
  if (!app) {
    it.skip("needs a Postgres server (the server-mode run sets DATABASE_URL)", () => {});
    return;
  }
  const { gotrue, entra, runtimeModes, withServiceDb, listConversations, signup } = app!;
  afterAll(async () => {
    await gotrue.close();
    await entra.close();
  });
  const call = (token: string) => callRoute(listConversations, "/api/conversations", { token, ip: "198.51.100.20" });

  it("creates the account once through the admin API under 20 concurrent first requests", async () => {
    expect(runtimeModes().auth).toBe("supabase");
    const oid = randomUUID();
    const token = await entra.mint(entra.claims(TENANT, oid));
    const results = await Promise.all(Array.from({ length: 20 }, () => call(token)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));

    const email = `ada.${oid.slice(0, 8)}@contoso.example`;
    const created = gotrue.adminCreated.filter((user) => user.email === email);
    expect(created).toHaveLength(1);
    expect(created[0].appMetadata).toEqual({ provider: "microsoft" });
    const links = await withServiceDb((tx) => tx.selectFrom("entra_identities").select("user_id").where("tenant_id", "=", TENANT).where("object_id", "=", oid).execute());
    expect(links).toEqual([{ user_id: created[0].id }]);
    const profile = await withServiceDb((tx) => tx.selectFrom("profiles").select("display_name").where("id", "=", created[0].id).executeTakeFirst());
    expect(profile?.display_name).toBe("Ada Lovelace");
  });

  it("gives a Microsoft user whose address has a password account an account of their own", async () => {
    const email = `taken-${randomUUID().slice(0, 8)}@contoso.example`;
    const existing = await callRoute(signup, "/api/auth/signup", { body: { email, password: "sturdy-pass-9" }, ip: "198.51.100.21" });
    expect(existing.status).toBe(201);
    const oid = randomUUID();
    expect((await call(await entra.mint(entra.claims(TENANT, oid, { preferred_username: email })))).status).toBe(200);
    const link = await withServiceDb((tx) => tx.selectFrom("entra_identities").select("user_id").where("object_id", "=", oid).executeTakeFirstOrThrow());
    expect(link.user_id).not.toBe(existing.json.user.id);
    expect(gotrue.adminCreated.find((user) => user.id === link.user_id)?.email).toMatch(/@accounts\.invalid$/);
  });

  it("refuses a Microsoft token from another tenant without creating anyone", async () => {
    const before = gotrue.adminCreated.length;
    const other = randomUUID();
    const refused = await call(await entra.mint(entra.claims(other, randomUUID())));
    expect(refused.status).toBe(401);
    expect(refused.json.error).toMatchObject({ code: "unauthorized", reason: "entra_tenant" });
    expect(gotrue.adminCreated.length).toBe(before);
  });
});
