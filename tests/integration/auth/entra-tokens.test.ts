// Microsoft sign-in: Entra ID access tokens through a real bearer route, against a local key
// server and tokens minted here. Every refused token is a 401 envelope and creates no account;
// a valid one creates exactly one account however many first requests arrive together.
// Runs in both passes (PGlite, and Postgres with DATABASE_URL), with local accounts.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { FAKE_CLIENT_ID, startFakeEntra } from "../../fixtures/entra/fake-entra";
import { callRoute } from "../../helpers/call-route";

const ALLOWED_TENANT = randomUUID();
const OTHER_ALLOWED_TENANT = randomUUID();
const DISALLOWED_TENANT = randomUUID();

const entra = await startFakeEntra();
// The environment is read once, when the first app module loads.
process.env.ENTRA_CLIENT_ID = FAKE_CLIENT_ID;
process.env.ENTRA_JWKS_URL = entra.jwksUrl;
process.env.ENTRA_TENANTS = `${ALLOWED_TENANT}, ${OTHER_ALLOWED_TENANT.toUpperCase()}`;

const { GET: listConversations } = await import("@/app/api/conversations/route");
const { POST: signup } = await import("@/app/api/auth/signup/route");
const { withServiceDb } = await import("@/lib/db/with-rls");
const { env } = await import("@/lib/env");
const { createWorkspace } = await import("@/lib/db/workspaces");
const { PATCH: patchWorkspace } = await import("@/app/api/workspaces/[id]/route");
const { JWKS_REFRESH_COOLDOWN_MS } = await import("@/lib/auth/entra/verify-entra-token");

afterAll(() => entra.close());
afterEach(() => {
  vi.useRealTimers();
});

const call = (token: string) => callRoute(listConversations, "/api/conversations", { token, ip: "198.51.100.7" });

async function accountsOf(tid: string, oid: string) {
  return withServiceDb((tx) =>
    tx
      .selectFrom("entra_identities")
      .innerJoin("auth.users", "auth.users.id", "entra_identities.user_id")
      .innerJoin("profiles", "profiles.id", "auth.users.id")
      .select(["auth.users.id", "auth.users.email", "auth.users.encrypted_password", "profiles.display_name"])
      .where("tenant_id", "=", tid)
      .where("object_id", "=", oid)
      .execute(),
  );
}

function expectRefused(result: Awaited<ReturnType<typeof call>>, reason: string) {
  expect(result.status).toBe(401);
  expect(result.json.error).toMatchObject({ code: "unauthorized", reason: `entra_${reason}` });
  expect(typeof result.json.error.message).toBe("string");
  expect(result.json.error.requestId).toBeTruthy();
}

describe("Microsoft Entra ID access tokens", () => {
  it("accepts a valid token and creates exactly one account under 25 concurrent first requests", async () => {
    const oid = randomUUID();
    const token = await entra.mint(entra.claims(ALLOWED_TENANT, oid));
    const results = await Promise.all(Array.from({ length: 25 }, () => call(token)));
    expect(results.map((r) => r.status)).toEqual(Array(25).fill(200));
    const accounts = await accountsOf(ALLOWED_TENANT, oid);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ email: `ada.${oid.slice(0, 8)}@contoso.example`, encrypted_password: null, display_name: "Ada Lovelace" });
    const users = await withServiceDb((tx) => tx.selectFrom("auth.users").select("id").where("email", "=", `ada.${oid.slice(0, 8)}@contoso.example`).execute());
    expect(users).toHaveLength(1);
    // A later token of the same person (another request, another day) is the same account.
    const again = await call(await entra.mint(entra.claims(ALLOWED_TENANT, oid, { name: "Ada King" })));
    expect(again.status).toBe(200);
    expect(await accountsOf(ALLOWED_TENANT, oid)).toEqual(accounts);
  });

  it("accepts v1 tokens (sts.windows.net issuer, Application ID URI audience) and tenants listed in any case", async () => {
    const oid = randomUUID();
    const token = await entra.mint(
      entra.claims(OTHER_ALLOWED_TENANT, oid, { iss: `https://sts.windows.net/${OTHER_ALLOWED_TENANT}/`, ver: "1.0", aud: `api://addin.contoso.example/${FAKE_CLIENT_ID}`, preferred_username: undefined, upn: "grace@contoso.example" }),
    );
    expect((await call(token)).status).toBe(200);
    expect((await accountsOf(OTHER_ALLOWED_TENANT, oid))[0]?.email).toBe("grace@contoso.example");
  });

  it("never joins an existing account by email: the same address gets an account of its own", async () => {
    const email = `taken-${randomUUID().slice(0, 8)}@contoso.example`;
    const existing = await callRoute(signup, "/api/auth/signup", { body: { email, password: "sturdy-pass-9" }, ip: "198.51.100.8" });
    expect(existing.status).toBe(201);
    const oid = randomUUID();
    expect((await call(await entra.mint(entra.claims(ALLOWED_TENANT, oid, { preferred_username: email })))).status).toBe(200);
    const [account] = await accountsOf(ALLOWED_TENANT, oid);
    expect(account.id).not.toBe(existing.json.user.id);
    expect(account.email).toMatch(/@accounts\.invalid$/);
  });

  it("accepts expiry and not-before within 4 minutes of skew, refuses them at 6", async () => {
    const now = Math.floor(Date.now() / 1000);
    const at = (overrides: Record<string, number>) => entra.mint(entra.claims(ALLOWED_TENANT, randomUUID(), overrides));
    expect((await call(await at({ exp: now - 4 * 60 }))).status).toBe(200);
    expect((await call(await at({ nbf: now + 4 * 60, iat: now }))).status).toBe(200);
    expectRefused(await call(await at({ exp: now - 6 * 60 })), "expired");
    expectRefused(await call(await at({ nbf: now + 6 * 60, iat: now })), "not_yet_valid");
  });

  it("refuses every token short of all checks, with a 401 envelope and no account", async () => {
    const oid = randomUUID();
    const valid = entra.claims(ALLOWED_TENANT, oid);
    const cases: [string, string][] = [
      [await entra.mint({ ...valid, exp: Math.floor(Date.now() / 1000) - 3600 }), "expired"],
      [await entra.mint({ ...valid, nbf: Math.floor(Date.now() / 1000) + 3600 }), "not_yet_valid"],
      [await entra.mint({ ...valid, aud: randomUUID() }), "audience"],
      [await entra.mint({ ...valid, aud: "api://addin.contoso.example/another-app" }), "audience"],
      [await entra.mint({ ...valid, iss: `https://login.microsoftonline.com/${OTHER_ALLOWED_TENANT}/v2.0` }), "issuer"],
      [await entra.mint({ ...valid, iss: `https://sts.windows.net/${ALLOWED_TENANT}/` }), "issuer"],
      [await entra.mint({ ...entra.claims(DISALLOWED_TENANT, oid) }), "tenant"],
      [await entra.mint({ ...valid, scp: "User.Read" }), "scope"],
      [await entra.mint({ ...valid, scp: undefined, roles: ["access_as_user"] }), "scope"],
      [await entra.mint({ ...valid, oid: undefined }), "claims"],
      [await entra.mint({ ...valid, tid: "contoso" }), "claims"],
      [entra.unsigned(valid), "algorithm"],
      [await entra.hmacWithPublicKey(valid), "algorithm"],
      [`${(await entra.mint(valid)).slice(0, -6)}AAAAAA`, "signature"],
      [`e30.${Buffer.from(JSON.stringify(valid)).toString("base64url")}.c2ln`, "malformed"],
    ];
    for (const [token, reason] of cases) expectRefused(await call(token), reason);
    expect(await accountsOf(ALLOWED_TENANT, oid)).toHaveLength(0);
    expect(await accountsOf(DISALLOWED_TENANT, oid)).toHaveLength(0);
  });

  it("refuses a token that is not a JWT at all, and Microsoft tokens once Microsoft sign-in is off", async () => {
    const garbage = await call("not-a-token");
    expect(garbage.status).toBe(401);
    expect(garbage.json.error.code).toBe("unauthorized");

    const token = await entra.mint(entra.claims(ALLOWED_TENANT, randomUUID()));
    const clientId = env.ENTRA_CLIENT_ID;
    env.ENTRA_CLIENT_ID = undefined;
    try {
      const off = await call(token);
      expect(off.status).toBe(401);
      expect(off.json.error.code).toBe("unauthorized");
    } finally {
      env.ENTRA_CLIENT_ID = clientId;
    }
  });

  it("lets a workspace linked to the tenant take the user in as a member", async () => {
    const owner = await callRoute(signup, "/api/auth/signup", { body: { email: `owner-${randomUUID().slice(0, 8)}@contoso.example`, password: "sturdy-pass-9" }, ip: "198.51.100.9" });
    const ownerId: string = owner.json.user.id;
    const workspaceId = await createWorkspace({ userId: ownerId, name: "Contoso finance" });
    // The admin pastes the tenant id as the Entra admin center shows it, in any case.
    const linked = await callRoute(patchWorkspace, `/api/workspaces/${workspaceId}`, {
      method: "PATCH",
      body: { entraTenantId: ALLOWED_TENANT.toUpperCase() },
      params: { id: workspaceId },
      token: owner.json.access_token,
      ip: "198.51.100.9",
    });
    expect(linked.status).toBe(200);

    const oid = randomUUID();
    const token = await entra.mint(entra.claims(ALLOWED_TENANT, oid));
    const results = await Promise.all(Array.from({ length: 5 }, () => call(token)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const [account] = await accountsOf(ALLOWED_TENANT, oid);
    const members = await withServiceDb((tx) => tx.selectFrom("workspace_members").select(["user_id", "role"]).where("workspace_id", "=", workspaceId).execute());
    expect(members).toEqual(expect.arrayContaining([{ user_id: account.id, role: "member" }, { user_id: ownerId, role: "owner" }]));
    expect(members).toHaveLength(2);
  });

  it("answers 503, not 401, when Microsoft's key set cannot be fetched", async () => {
    const { createServer } = await import("node:net");
    // A port that was just free: nothing listens there.
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const jwksUrl = env.ENTRA_JWKS_URL;
    env.ENTRA_JWKS_URL = `http://127.0.0.1:${closed}/keys`;
    try {
      const oid = randomUUID();
      const result = await call(await entra.mint(entra.claims(ALLOWED_TENANT, oid)));
      expect(result.status).toBe(503);
      expect(result.json.error.code).toBe("internal");
      expect(result.json.error.message).toMatch(/signing keys could not be fetched/);
      expect(await accountsOf(ALLOWED_TENANT, oid)).toHaveLength(0);
    } finally {
      env.ENTRA_JWKS_URL = jwksUrl;
    }
  });

  it("during a key endpoint outage tries once per cooldown, answering 503 meanwhile, and recovers", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now());
    const jwksUrl = env.ENTRA_JWKS_URL;
    // A key set of its own (another URL), so its failures do not touch the other tests' cache.
    env.ENTRA_JWKS_URL = `${entra.jwksUrl}?outage`;
    entra.setFailing(true);
    try {
      const before = entra.fetches;
      const token = await entra.mint(entra.claims(ALLOWED_TENANT, randomUUID()));
      for (let i = 0; i < 3; i++) {
        const result = await call(token);
        expect(result.status).toBe(503);
        expect(result.json.error.message).toMatch(/signing keys could not be fetched/);
      }
      expect(entra.fetches).toBe(before + 1);
      entra.setFailing(false);
      vi.setSystemTime(Date.now() + JWKS_REFRESH_COOLDOWN_MS + 1_000);
      expect((await call(token)).status).toBe(200);
      expect(entra.fetches).toBe(before + 2);
    } finally {
      entra.setFailing(false);
      env.ENTRA_JWKS_URL = jwksUrl;
    }
  });

  // Last: it moves the clock and retires the first key.
  it("fetches keys again for an unknown key id at most once per cooldown, and picks up rotated keys", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 3 * JWKS_REFRESH_COOLDOWN_MS);
    await entra.addKey("key-2");
    const oid = randomUUID();
    const rotated = await entra.mint(entra.claims(ALLOWED_TENANT, oid), "key-2");

    // Not published yet: one fetch (the cooldown has passed), then refused.
    const before = entra.fetches;
    expectRefused(await call(rotated), "unknown_key");
    expect(entra.fetches).toBe(before + 1);
    // Tokens with made-up key ids inside the cooldown cause no fetch at all.
    for (const kid of ["made-up-1", "made-up-2", "made-up-3"]) {
      await entra.addKey(kid);
      expectRefused(await call(await entra.mint(entra.claims(ALLOWED_TENANT, randomUUID()), kid)), "unknown_key");
    }
    expect(entra.fetches).toBe(before + 1);

    // Microsoft rotates: key-2 is published and the first key retired. After the cooldown the
    // next token with key-2 fetches the new set and is accepted; first-key tokens then fail.
    entra.publish(["key-2"]);
    vi.setSystemTime(Date.now() + JWKS_REFRESH_COOLDOWN_MS + 1_000);
    const accepted = await call(await entra.mint(entra.claims(ALLOWED_TENANT, oid), "key-2"));
    expect(accepted.status).toBe(200);
    expect(entra.fetches).toBe(before + 2);
    expectRefused(await call(await entra.mint(entra.claims(ALLOWED_TENANT, randomUUID()), entra.firstKid)), "unknown_key");
  });
});
