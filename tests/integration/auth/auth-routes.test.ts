// The auth endpoints (signup, login, refresh, logout) and the 401 cases of the route guard.
import { describe, expect, it } from "vitest";
import { SignJWT, UnsecuredJWT } from "jose";
import { POST as signup } from "@/app/api/auth/signup/route";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as refresh } from "@/app/api/auth/refresh/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as listKeys, POST as createKey } from "@/app/api/keys/route";
import { DELETE as revokeKey } from "@/app/api/keys/[id]/route";
import { GET as usage } from "@/app/api/usage/route";
import { JWT_AUDIENCE, JWT_ISSUER } from "@/lib/auth/local-jwt";
import { API_KEY_CACHE_TTL_MS } from "@/lib/auth/api-key-cache";
import { hashApiKey } from "@/lib/auth/api-keys";
import { getKv } from "@/lib/kv/get-kv";
import { waitFor } from "@/tests/fixtures/ai/ui-stream";
import { callRoute, cookiesFrom } from "../../helpers/call-route";
import { createTestUser } from "../../helpers/test-users";

const secret = new TextEncoder().encode(process.env.AUTH_SECRET);

async function token(overrides: { exp?: number; aud?: string; key?: Uint8Array; sub?: string; role?: string } = {}) {
  const jwt = new SignJWT({ email: "x@example.test", role: overrides.role ?? "authenticated", session_id: crypto.randomUUID() })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(overrides.sub ?? crypto.randomUUID())
    .setAudience(overrides.aud ?? JWT_AUDIENCE)
    .setIssuer(JWT_ISSUER)
    .setIssuedAt()
    .setExpirationTime(overrides.exp ?? Math.floor(Date.now() / 1000) + 600);
  return jwt.sign(overrides.key ?? secret);
}

describe("signup and login", () => {
  it("signs up, returns the Supabase-shaped session and sets HttpOnly SameSite=Lax cookies", async () => {
    const email = `new-${crypto.randomUUID().slice(0, 6)}@Example.test`;
    const { status, json, response } = await callRoute(signup, "/api/auth/signup", { body: { email, password: "sturdy-pass-9" }, ip: "192.0.2.1" });
    expect(status).toBe(201);
    expect(json).toMatchObject({ token_type: "bearer", expires_in: 3600, user: { email: email.toLowerCase() } });
    expect(json.access_token.split(".")).toHaveLength(3);
    const cookies = response.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThanOrEqual(2);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).not.toMatch(/Secure/); // http://localhost
    }
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  it("marks cookies Secure on https", async () => {
    const { response } = await callRoute(signup, "/api/auth/signup", {
      body: { email: `s-${crypto.randomUUID().slice(0, 6)}@example.test`, password: "sturdy-pass-9" },
      headers: { "x-forwarded-proto": "https", "x-forwarded-host": "app.example.com" },
      ip: "192.0.2.2",
    });
    expect(response.headers.getSetCookie().every((c) => c.includes("Secure"))).toBe(true);
  });

  it("refuses a taken email, a weak password and an invalid email with clear messages", async () => {
    const user = await createTestUser("taken");
    const taken = await callRoute(signup, "/api/auth/signup", { body: { email: user.email.toUpperCase(), password: "another-pass-1" }, ip: "192.0.2.3" });
    expect(taken.status).toBe(400);
    expect(taken.json.error).toMatchObject({ code: "bad_request", reason: "email_taken" });
    expect(taken.json.error.message).toMatch(/already exists/);

    const weak = await callRoute(signup, "/api/auth/signup", { body: { email: "weak@example.test", password: "short" }, ip: "192.0.2.3" });
    expect(weak.status).toBe(400);
    expect(weak.json.error.message).toMatch(/at least 8 characters/);

    const common = await callRoute(signup, "/api/auth/signup", { body: { email: "weak@example.test", password: "password123" }, ip: "192.0.2.3" });
    expect(common.json.error.message).toMatch(/common/);

    const invalid = await callRoute(signup, "/api/auth/signup", { body: { email: "not-an-email", password: "sturdy-pass-9" }, ip: "192.0.2.3" });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.message).toMatch(/email/);
  });

  it("logs in, refuses a wrong password without saying which part was wrong", async () => {
    const user = await createTestUser("login");
    const ok = await callRoute(login, "/api/auth/login", { body: { email: user.email, password: user.password }, ip: "192.0.2.4" });
    expect(ok.status).toBe(200);
    expect(ok.json.user.id).toBe(user.id);
    const wrong = await callRoute(login, "/api/auth/login", { body: { email: user.email, password: "wrong-pass-11" }, ip: "192.0.2.4" });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toMatchObject({ code: "unauthorized", message: "Wrong email or password." });
    const unknown = await callRoute(login, "/api/auth/login", { body: { email: "nobody@example.test", password: "wrong-pass-11" }, ip: "192.0.2.4" });
    expect(unknown.json.error.message).toBe("Wrong email or password.");
  });

  it("rotates refresh tokens: the new one works, a replayed old one fails after the grace window", async () => {
    const user = await createTestUser("refresh");
    const first = await callRoute(refresh, "/api/auth/refresh", { body: { refresh_token: user.refreshToken }, ip: "192.0.2.5" });
    expect(first.status).toBe(200);
    expect(first.json.refresh_token).not.toBe(user.refreshToken);
    const second = await callRoute(refresh, "/api/auth/refresh", { body: { refresh_token: first.json.refresh_token }, ip: "192.0.2.5" });
    expect(second.status).toBe(200);
    const bogus = await callRoute(refresh, "/api/auth/refresh", { body: { refresh_token: "not-a-token" }, ip: "192.0.2.5" });
    expect(bogus.status).toBe(401);
  });

  it("refresh reads its body with the size cap: 413, and a streamed body is not read past the limit", async () => {
    const declared = await callRoute(refresh, "/api/auth/refresh", { rawBody: JSON.stringify({ refresh_token: "x".repeat(200_000) }), headers: { "content-type": "application/json" }, ip: "192.0.2.5" });
    expect(declared.status).toBe(413);
    expect(declared.json.error.message).toMatch(/limit of 8 KB|the limit is 8 KB/);

    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 1000) controller.close();
        else controller.enqueue(new TextEncoder().encode("x".repeat(64 * 1024)));
      },
    });
    const request = new Request("http://localhost:3000/api/auth/refresh", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.5" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const response = await refresh(request);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it("refresh takes a JSON body only as JSON, and no body at all", async () => {
    const user = await createTestUser("refresh-type");
    const plain = await callRoute(refresh, "/api/auth/refresh", { rawBody: JSON.stringify({ refresh_token: user.refreshToken }), headers: { "content-type": "text/plain" }, ip: "192.0.2.5" });
    expect(plain.status).toBe(415);
    expect(plain.json.error.message).toMatch(/application\/json/);
    const none = await callRoute(refresh, "/api/auth/refresh", { method: "POST", cookie: user.cookie, ip: "192.0.2.5" });
    expect(none.status).toBe(200);
    expect(none.json.user.id).toBe(user.id);
  });

  it("logout revokes the session's refresh tokens and clears cookies", async () => {
    const user = await createTestUser("logout");
    const out = await callRoute(logout, "/api/auth/logout", { method: "POST", cookie: user.cookie, ip: "192.0.2.6" });
    expect(out.status).toBe(200);
    expect(out.response.headers.getSetCookie().every((c) => c.includes("Max-Age=0"))).toBe(true);
    const again = await callRoute(refresh, "/api/auth/refresh", { body: { refresh_token: user.refreshToken }, ip: "192.0.2.6" });
    expect(again.status).toBe(401);
  });
});

describe("bearer tokens: every invalid credential is a 401", () => {
  it("accepts a valid access token", async () => {
    const user = await createTestUser("bearer");
    const { status } = await callRoute(listKeys, "/api/keys", { token: user.accessToken });
    expect(status).toBe(200);
  });

  it.each([
    ["expired", () => token({ exp: Math.floor(Date.now() / 1000) - 60 })],
    ["forged (wrong secret)", () => token({ key: new TextEncoder().encode("another-secret-of-at-least-32-characters!!") })],
    ["alg: none", async () => new UnsecuredJWT({ role: "authenticated", email: "x@example.test" }).setSubject(crypto.randomUUID()).setAudience(JWT_AUDIENCE).setIssuer(JWT_ISSUER).setExpirationTime("10m").encode()],
    ["wrong audience", () => token({ aud: "anon" })],
    ["wrong role", () => token({ role: "service_role" })],
    ["garbage", async () => "not.a.jwt"],
    ["unknown API key", async () => "eaa_thisisnotarealkey"],
  ])("%s", async (_label, make) => {
    const { status, json, headers } = await callRoute(listKeys, "/api/keys", { token: await make() });
    expect(status).toBe(401);
    expect(json.error.code).toBe("unauthorized");
    expect(json.error.requestId).toBe(headers.get("x-request-id"));
  });

  it("a malformed Authorization header is a 401, not a silent guest", async () => {
    const { status } = await callRoute(listKeys, "/api/keys", { headers: { authorization: "Basic abc" } });
    expect(status).toBe(401);
  });

  it("bearer routes ignore cookies: a bad bearer with a good cookie is still a 401", async () => {
    const user = await createTestUser("ignore-cookie");
    const { status } = await callRoute(listKeys, "/api/keys", { token: "eaa_bogus", cookie: user.cookie });
    expect(status).toBe(401);
  });

  it("no credentials on a user route is a 401 JSON, never a redirect", async () => {
    const { status, json } = await callRoute(listKeys, "/api/keys");
    expect(status).toBe(401);
    expect(json.error.message).toMatch(/Sign in/);
  });
});

describe("API keys", () => {
  it("creates a key shown once, stores only a hash, authenticates with it, lists and revokes it", async () => {
    const user = await createTestUser("keys");
    const created = await callRoute(createKey, "/api/keys", { body: { name: "Excel on my laptop" }, token: user.accessToken });
    expect(created.status).toBe(201);
    expect(created.json.key).toMatch(/^eaa_/);
    expect(created.json.prefix).toBe(created.json.key.slice(0, 12));

    expect((await callRoute(usage, "/api/usage", { token: created.json.key })).status).toBe(200);
    const listed = await callRoute(listKeys, "/api/keys", { token: user.accessToken });
    expect(listed.status).toBe(200);
    expect(listed.json.keys).toHaveLength(1);
    expect(JSON.stringify(listed.json)).not.toContain(created.json.key);
    expect(listed.json.keys[0].lastUsedAt).not.toBeNull();

    const revoked = await callRoute(revokeKey, `/api/keys/${created.json.id}`, { method: "DELETE", token: user.accessToken, params: { id: created.json.id } });
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).not.toBeNull();
    const after = await callRoute(usage, "/api/usage", { token: created.json.key });
    expect(after.status).toBe(401);
    expect(after.json.error.message).toMatch(/revoked/);
  });

  it("a remembered key stops working the moment it is revoked, and a late write cannot bring it back", async () => {
    const user = await createTestUser("keys-cache");
    const created = await callRoute(createKey, "/api/keys", { body: { name: "cached" }, token: user.accessToken });
    const kv = getKv();
    const entryKey = `apikey:${hashApiKey(created.json.key)}`;
    expect((await callRoute(usage, "/api/usage", { token: created.json.key })).status).toBe(200);
    // The verified key is remembered in the KV (written in the background).
    const remembered = await waitFor(async () => ((await kv.get(entryKey)) as { userId?: string } | null) ?? null);
    expect(remembered).toMatchObject({ userId: user.id });

    const revoked = await callRoute(revokeKey, `/api/keys/${created.json.id}`, { method: "DELETE", token: user.accessToken, params: { id: created.json.id } });
    expect(revoked.status).toBe(200);
    expect((await callRoute(usage, "/api/usage", { token: created.json.key })).status).toBe(401);
    // A request that read the key just before the revocation tries to remember it afterwards.
    expect(await kv.set(entryKey, remembered, { ttlMs: API_KEY_CACHE_TTL_MS, onlyIfAbsent: true })).toBe(false);
    expect((await callRoute(usage, "/api/usage", { token: created.json.key })).status).toBe(401);
  });

  it("user B cannot see or revoke user A's key (404)", async () => {
    const a = await createTestUser("keys-a");
    const b = await createTestUser("keys-b");
    const created = await callRoute(createKey, "/api/keys", { body: { name: "A's key" }, token: a.accessToken });
    const list = await callRoute(listKeys, "/api/keys", { token: b.accessToken });
    expect(list.json.keys).toEqual([]);
    const attempt = await callRoute(revokeKey, `/api/keys/${created.json.id}`, { method: "DELETE", token: b.accessToken, params: { id: created.json.id } });
    expect(attempt.status).toBe(404);
    const still = await callRoute(usage, "/api/usage", { token: created.json.key });
    expect(still.status).toBe(200);
  });

  it("validates names and ids with clear messages", async () => {
    const user = await createTestUser("keys-bad");
    const empty = await callRoute(createKey, "/api/keys", { body: { name: "  " }, token: user.accessToken });
    expect(empty.status).toBe(400);
    expect(empty.json.error.message).toMatch(/name/);
    const wrongType = await callRoute(createKey, "/api/keys", { body: { name: 42 }, token: user.accessToken });
    expect(wrongType.status).toBe(400);
    const badId = await callRoute(revokeKey, "/api/keys/1 or 1=1", { method: "DELETE", token: user.accessToken, params: { id: "1 or 1=1" } });
    expect(badId.status).toBe(400);
    expect(badId.json.error.message).toMatch(/UUID/);
  });
});

describe("the guard's input handling", () => {
  it("malformed JSON, an empty body and missing fields are 400s that say what is wrong", async () => {
    const malformed = await callRoute(login, "/api/auth/login", { rawBody: "{\"email\": ", headers: { "content-type": "application/json" }, ip: "192.0.2.7" });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message).toMatch(/not valid JSON/);
    const empty = await callRoute(login, "/api/auth/login", { rawBody: "", method: "POST", ip: "192.0.2.7" });
    expect(empty.status).toBe(400);
    const missing = await callRoute(login, "/api/auth/login", { body: { email: "a@example.test" }, ip: "192.0.2.7" });
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toMatch(/password/);
  });

  it("an oversized body is a 413 with the limit, never a 500", async () => {
    const big = await callRoute(createKey, "/api/keys", { rawBody: JSON.stringify({ name: "x".repeat(300_000) }), headers: { "content-type": "application/json" } });
    expect([401, 413]).toContain(big.status);
    const user = await createTestUser("big");
    const withAuth = await callRoute(createKey, "/api/keys", { rawBody: JSON.stringify({ name: "x".repeat(300_000) }), headers: { "content-type": "application/json" }, token: user.accessToken });
    expect(withAuth.status).toBe(413);
    expect(withAuth.json.error.message).toMatch(/limit/);
  });

  it("a cookie-authenticated POST from a foreign or null Origin is refused (CSRF)", async () => {
    const user = await createTestUser("csrf");
    for (const origin of ["https://evil.example", "null"]) {
      const { status, json } = await callRoute(createKey, "/api/keys", { body: { name: "x" }, cookie: user.cookie, headers: { origin } });
      expect(status).toBe(403);
      expect(json.error.code).toBe("forbidden");
    }
    const same = await callRoute(createKey, "/api/keys", { body: { name: "mine" }, cookie: cookiesFrom((await callRoute(login, "/api/auth/login", { body: { email: user.email, password: user.password }, ip: "192.0.2.8" })).response), headers: { origin: "http://localhost:3000" } });
    expect(same.status).toBe(201);
  });
});
