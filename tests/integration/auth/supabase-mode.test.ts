// Supabase Auth mode, against a local fake of Supabase's auth service: the same routes, the
// same envelope, @supabase/ssr cookies for browsers and bearer tokens checked with the service.
// Supabase mode needs a Postgres server (DATABASE_URL), so this runs in the server-mode pass.
import { afterAll, describe, expect, it } from "vitest";
import { callRoute, cookiesFrom } from "../../helpers/call-route";

const databaseUrl = process.env.DATABASE_URL;

async function setUp(url: string) {
  const { startFakeSupabaseAuth } = await import("../../fixtures/supabase/fake-gotrue");
  const gotrue = await startFakeSupabaseAuth(url);
  return {
    gotrue,
    runtimeModes: (await import("@/lib/env")).runtimeModes,
    signup: (await import("@/app/api/auth/signup/route")).POST,
    login: (await import("@/app/api/auth/login/route")).POST,
    logout: (await import("@/app/api/auth/logout/route")).POST,
    refresh: (await import("@/app/api/auth/refresh/route")).POST,
    listKeys: (await import("@/app/api/keys/route")).GET,
    createKey: (await import("@/app/api/keys/route")).POST,
    settings: (await import("@/app/api/settings/route")).GET,
    deleteAccount: (await import("@/app/api/account/route")).DELETE,
  };
}

// The environment is read once, at import: set it up before any app module loads.
const app = databaseUrl ? await setUp(databaseUrl) : null;

describe("Supabase Auth mode", () => {
  if (!app) {
    it.skip("needs a Postgres server (the server-mode run sets DATABASE_URL)", () => {});
    return;
  }
  const { gotrue, runtimeModes, signup, login, logout, refresh, listKeys, createKey, settings, deleteAccount } = app!;
  afterAll(() => gotrue.close());

  const email = `supa-${crypto.randomUUID().slice(0, 8)}@example.test`;

  it("runs auth through Supabase", () => {
    expect(runtimeModes().auth).toBe("supabase");
  });

  it("signs up and in, returns Supabase's token shape and sets @supabase/ssr cookies", async () => {
    const created = await callRoute(signup, "/api/auth/signup", { body: { email, password: "sturdy-pass-9" }, ip: "192.0.2.50" });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ token_type: "bearer", user: { email } });
    expect(created.response.headers.getSetCookie().some((c) => c.startsWith("sb-") && /HttpOnly/.test(c) && /SameSite=Lax/.test(c))).toBe(true);

    const taken = await callRoute(signup, "/api/auth/signup", { body: { email, password: "sturdy-pass-9" }, ip: "192.0.2.50" });
    expect(taken.status).toBe(400);
    expect(taken.json.error.reason).toBe("email_taken");

    const wrong = await callRoute(login, "/api/auth/login", { body: { email, password: "not-it-123" }, ip: "192.0.2.50" });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.message).toBe("Wrong email or password.");
  });

  it("accepts the service's bearer token and cookie session, and RLS sees the same user", async () => {
    const session = await callRoute(login, "/api/auth/login", { body: { email, password: "sturdy-pass-9" }, ip: "192.0.2.51" });
    expect(session.status).toBe(200);
    const mine = await callRoute(settings, "/api/settings", { token: session.json.access_token });
    expect(mine.status).toBe(200);
    expect(mine.json.settings.writeMode).toBe("ask");
    const viaCookie = await callRoute(createKey, "/api/keys", { body: { name: "from the browser" }, cookie: cookiesFrom(session.response) });
    expect(viaCookie.status).toBe(201);
    const listed = await callRoute(listKeys, "/api/keys", { token: session.json.access_token });
    expect(listed.json.keys.map((k: { name: string }) => k.name)).toEqual(["from the browser"]);
  });

  it("refuses a token the service does not know", async () => {
    const forged = await callRoute(listKeys, "/api/keys", { token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln" });
    expect(forged.status).toBe(401);
  });

  let ipCount = 60;
  const nextIp = () => `192.0.2.${ipCount++}`;
  async function newUser(label: string, { minutesAgo = 0 } = {}) {
    const address = `${label}-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const created = await callRoute(signup, "/api/auth/signup", { body: { email: address, password: "sturdy-pass-9" }, ip: nextIp() });
    expect(created.status).toBe(201);
    gotrue.setClock(-minutesAgo * 60);
    try {
      const session = await callRoute(login, "/api/auth/login", { body: { email: address, password: "sturdy-pass-9" }, ip: nextIp() });
      expect(session.status).toBe(200);
      return { email: address, id: session.json.user.id as string, session: session.json, cookie: cookiesFrom(session.response) };
    } finally {
      gotrue.setClock(0);
    }
  }
  const refreshWith = (token: string) => callRoute(refresh, "/api/auth/refresh", { body: { refresh_token: token }, ip: nextIp() });

  it("a cookie sign-out revokes the session at Supabase Auth, not only the cookies", async () => {
    const user = await newUser("cookie-out");
    expect((await callRoute(settings, "/api/settings", { cookie: user.cookie })).status).toBe(200);
    const before = gotrue.requests.length;
    const sessionsBefore = gotrue.sessionCount(user.id);
    const out = await callRoute(logout, "/api/auth/logout", { method: "POST", cookie: user.cookie });
    expect(out.status).toBe(200);
    expect(out.response.headers.getSetCookie().some((c) => c.startsWith("sb-") && /Max-Age=0/.test(c))).toBe(true);
    expect(gotrue.requests.slice(before).some((r) => r.method === "POST" && r.path === "/logout" && r.search === "?scope=local")).toBe(true);
    // A copy of the cookies, the access token inside them and the refresh token are all dead.
    expect((await callRoute(settings, "/api/settings", { cookie: user.cookie })).status).toBe(401);
    expect((await callRoute(settings, "/api/settings", { token: user.session.access_token })).status).toBe(401);
    expect((await refreshWith(user.session.refresh_token)).status).toBe(401);
    expect(gotrue.sessionCount(user.id)).toBe(sessionsBefore - 1);
  });

  it("an add-in sign-out (bearer, refresh token in the body) revokes its session and only that one", async () => {
    const user = await newUser("pane-out");
    const laptop = await callRoute(login, "/api/auth/login", { body: { email: user.email, password: "sturdy-pass-9" }, ip: nextIp() });
    const out = await callRoute(logout, "/api/auth/logout", { body: { refresh_token: user.session.refresh_token }, token: user.session.access_token });
    expect(out.status).toBe(200);
    expect((await callRoute(settings, "/api/settings", { token: user.session.access_token })).status).toBe(401);
    expect((await refreshWith(user.session.refresh_token)).status).toBe(401);
    expect((await callRoute(settings, "/api/settings", { token: laptop.json.access_token })).status).toBe(200);
  });

  it("revokes through the refresh token when the access token sent with it has expired", async () => {
    const user = await newUser("pane-expired", { minutesAgo: 61 });
    expect((await callRoute(settings, "/api/settings", { token: user.session.access_token })).status).toBe(401);
    const sessionsBefore = gotrue.sessionCount(user.id);
    const out = await callRoute(logout, "/api/auth/logout", { body: { refresh_token: user.session.refresh_token }, token: user.session.access_token });
    expect(out.status).toBe(200);
    expect((await refreshWith(user.session.refresh_token)).status).toBe(401);
    expect(gotrue.sessionCount(user.id)).toBe(sessionsBefore - 1);
  });

  it("a refresh token reused after the reuse interval ends its session", async () => {
    const user = await newUser("reuse");
    gotrue.setClock(-60);
    const rotated = await refreshWith(user.session.refresh_token);
    gotrue.setClock(0);
    expect(rotated.status).toBe(200);
    expect((await refreshWith(user.session.refresh_token)).status).toBe(401);
    expect((await refreshWith(rotated.json.refresh_token)).status).toBe(401);
    expect((await callRoute(settings, "/api/settings", { token: rotated.json.access_token })).status).toBe(401);
  });

  it("deleting the account needs the password when the sign-in is older than 5 minutes", async () => {
    const user = await newUser("stale", { minutesAgo: 10 });
    const token = user.session.access_token;
    const refused = await callRoute(deleteAccount, "/api/account", { method: "DELETE", body: { confirm: user.email }, token });
    expect(refused.status).toBe(403);
    expect(refused.json.error.reason).toBe("reauthentication_required");
    const wrong = await callRoute(deleteAccount, "/api/account", { method: "DELETE", body: { confirm: user.email, password: "not-it-123" }, token });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.reason).toBe("wrong_password");
    // Checking the password leaves no extra session behind at the service.
    expect(gotrue.sessionCount(user.id)).toBe(2);
    const before = gotrue.requests.length;
    const erased = await callRoute(deleteAccount, "/api/account", { method: "DELETE", body: { confirm: user.email, password: "sturdy-pass-9" }, token });
    expect(erased.status).toBe(200);
    const calls = gotrue.requests.slice(before).map((r) => `${r.method} ${r.path}${r.search}`);
    expect(calls.indexOf("POST /logout?scope=local")).toBeGreaterThan(calls.indexOf("POST /token?grant_type=password"));
    // The deleted account's tokens are refused everywhere.
    expect((await callRoute(settings, "/api/settings", { token })).status).toBe(401);
    expect((await callRoute(settings, "/api/settings", { cookie: user.cookie })).status).toBe(401);
  });

  it("erases the account through the admin API", async () => {
    const session = await callRoute(login, "/api/auth/login", { body: { email, password: "sturdy-pass-9" }, ip: "192.0.2.52" });
    const erased = await callRoute(deleteAccount, "/api/account", { method: "DELETE", body: { confirm: email }, token: session.json.access_token });
    expect(erased.json).toEqual({ deleted: true });
    expect(erased.status).toBe(200);
    expect(gotrue.requests.some((r) => r.method === "DELETE" && r.path.startsWith("/admin/users/"))).toBe(true);
  });
});
