// Sessions end on the server, not only on the device (local accounts): signing out revokes the
// refresh token and the access tokens of its session, a refresh token reused after its grace
// window revokes its whole session family, and a deleted account's tokens stop working at once.
// Each attack is played through the routes, the way a client or a thief would.
import { describe, expect, it } from "vitest";
import { SignJWT, decodeJwt } from "jose";
import { sql } from "kysely";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as refresh } from "@/app/api/auth/refresh/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as getSettings } from "@/app/api/settings/route";
import { POST as seedChat } from "@/app/api/v1/chat/route";
import { DELETE as deleteAccount } from "@/app/api/account/route";
import { GET as listKeys } from "@/app/api/keys/route";
import { JWT_AUDIENCE, JWT_ISSUER } from "@/lib/auth/local-jwt";
import { getAuth } from "@/lib/auth/get-auth";
import { SESSION_CACHE_TTL_MS } from "@/lib/auth/session-cache";
import { REFRESH_REUSE_GRACE_SECONDS } from "@/lib/db/local-accounts";
import { withServiceDb } from "@/lib/db/with-rls";
import { getKv } from "@/lib/kv/get-kv";
import { waitFor } from "@/tests/fixtures/ai/ui-stream";
import { nextIp } from "@/tests/fixtures/ai/test-db";
import { callRoute, cookiesFrom } from "../../helpers/call-route";
import { createTestUser, type TestUser } from "../../helpers/test-users";

const refreshWith = (refreshToken: string) => callRoute(refresh, "/api/auth/refresh", { body: { refresh_token: refreshToken }, ip: nextIp() });
const settingsWith = (token: string) => callRoute(getSettings, "/api/settings", { token });
const sessionIdOf = (accessToken: string) => decodeJwt(accessToken).session_id as string;

/** Moves a token's rotation into the past, as if the thief came back later. */
async function ageRotation(refreshToken: string, seconds: number) {
  const { createHash } = await import("node:crypto");
  const hash = createHash("sha256").update(refreshToken).digest("hex");
  await withServiceDb((tx) =>
    tx
      .updateTable("auth.refresh_tokens")
      .set({ rotated_at: sql`rotated_at - make_interval(secs => ${seconds})` })
      .where("token_hash", "=", hash)
      .execute(),
  );
}

async function auditActions(userId: string) {
  const rows = await withServiceDb((tx) => tx.selectFrom("audit_log").select("action").where("user_id", "=", userId).execute());
  return rows.map((row) => row.action);
}

describe("signing out of the add-in (bearer, no cookies)", () => {
  it("revokes the refresh token sent in the body and the session's access token", async () => {
    const user = await createTestUser("pane-out");
    expect((await settingsWith(user.accessToken)).status).toBe(200);
    const out = await callRoute(logout, "/api/auth/logout", { body: { refresh_token: user.refreshToken }, token: user.accessToken });
    expect(out.status).toBe(200);
    const again = await refreshWith(user.refreshToken);
    expect(again.status).toBe(401);
    const stale = await settingsWith(user.accessToken);
    expect(stale.status).toBe(401);
    expect(stale.json.error.code).toBe("unauthorized");
    expect(await auditActions(user.id)).toContain("auth.logout");
  });

  it("ends the session from the access token alone (an add-in that does not send its refresh token)", async () => {
    const user = await createTestUser("pane-old");
    expect((await callRoute(logout, "/api/auth/logout", { method: "POST", token: user.accessToken })).status).toBe(200);
    expect((await refreshWith(user.refreshToken)).status).toBe(401);
  });

  it("revokes the refresh token even when the access token sent with it has expired", async () => {
    const user = await createTestUser("pane-expired");
    const expired = await new SignJWT({ email: user.email, role: "authenticated", session_id: sessionIdOf(user.accessToken) })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(user.id)
      .setAudience(JWT_AUDIENCE)
      .setIssuer(JWT_ISSUER)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(process.env.AUTH_SECRET));
    const out = await callRoute(logout, "/api/auth/logout", { body: { refresh_token: user.refreshToken }, token: expired });
    expect(out.status).toBe(200);
    expect((await refreshWith(user.refreshToken)).status).toBe(401);
  });

  it("leaves the user's other sessions signed in", async () => {
    const user = await createTestUser("two-devices");
    const laptop = await callRoute(login, "/api/auth/login", { body: { email: user.email, password: user.password }, ip: nextIp() });
    await callRoute(logout, "/api/auth/logout", { body: { refresh_token: user.refreshToken }, token: user.accessToken });
    expect((await settingsWith(laptop.json.access_token)).status).toBe(200);
    expect((await refreshWith(laptop.json.refresh_token)).status).toBe(200);
  });

  it("refuses an API key and malformed bodies with clear messages", async () => {
    const user = await createTestUser("pane-bad");
    const asKey = await callRoute(logout, "/api/auth/logout", { method: "POST", token: "eaa_not_a_session_0000000000000000000000" });
    expect(asKey.status).toBe(403);
    expect(asKey.json.error.message).toMatch(/revoke it/);
    const notJson = await callRoute(logout, "/api/auth/logout", { rawBody: "refresh_token=x", headers: { "content-type": "text/plain" }, token: user.accessToken });
    expect(notJson.status).toBe(415);
    expect(notJson.json.error.message).toMatch(/application\/json/);
    const wrongType = await callRoute(logout, "/api/auth/logout", { body: { refresh_token: 42 }, token: user.accessToken });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error.message).toMatch(/refresh_token/);
    // Nothing was revoked by the refused requests.
    expect((await settingsWith(user.accessToken)).status).toBe(200);
  });
});

describe("signing out of the dashboard (cookies)", () => {
  it("a copy of the old cookies, or the access token inside them, no longer works", async () => {
    const user = await createTestUser("cookie-out");
    expect((await callRoute(getSettings, "/api/settings", { cookie: user.cookie })).status).toBe(200);
    const out = await callRoute(logout, "/api/auth/logout", { method: "POST", cookie: user.cookie });
    expect(out.status).toBe(200);
    expect(out.response.headers.getSetCookie().every((c) => c.includes("Max-Age=0"))).toBe(true);
    expect((await callRoute(getSettings, "/api/settings", { cookie: user.cookie })).status).toBe(401);
    expect((await settingsWith(user.accessToken)).status).toBe(401);
    expect((await refreshWith(user.refreshToken)).status).toBe(401);
  });

  it("a session remembered by the KV is forgotten at once, and a late write cannot bring it back", async () => {
    const user = await createTestUser("cookie-cache");
    const kv = getKv();
    const entry = `session:${sessionIdOf(user.accessToken)}`;
    expect((await settingsWith(user.accessToken)).status).toBe(200);
    const remembered = await waitFor(async () => ((await kv.get(entry)) as { userId?: string } | null) ?? null);
    expect(remembered).toMatchObject({ userId: user.id });
    await callRoute(logout, "/api/auth/logout", { method: "POST", cookie: user.cookie });
    expect((await settingsWith(user.accessToken)).status).toBe(401);
    // A request that checked the session just before the sign-out tries to remember it afterwards.
    expect(await kv.set(entry, remembered, { ttlMs: SESSION_CACHE_TTL_MS, onlyIfAbsent: true })).toBe(false);
    expect((await settingsWith(user.accessToken)).status).toBe(401);
  });
});

describe("refresh-token rotation and reuse", () => {
  it(`within the ${REFRESH_REUSE_GRACE_SECONDS}-second grace window, a racing reuse is honoured in the same session`, async () => {
    const user = await createTestUser("race");
    const [a, b] = [await refreshWith(user.refreshToken), await refreshWith(user.refreshToken)];
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(sessionIdOf(a.json.access_token)).toBe(sessionIdOf(user.accessToken));
    expect(sessionIdOf(b.json.access_token)).toBe(sessionIdOf(user.accessToken));
    expect((await refreshWith(a.json.refresh_token)).status).toBe(200);
  });

  it("after the grace window, reusing a rotated token revokes every token of its session", async () => {
    const user = await createTestUser("reuse");
    const rotated = await refreshWith(user.refreshToken);
    expect(rotated.status).toBe(200);
    await ageRotation(user.refreshToken, REFRESH_REUSE_GRACE_SECONDS + 50);

    // The thief replays the old token: refused, and the session is ended for everyone.
    const replay = await refreshWith(user.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.json.error).toMatchObject({ code: "unauthorized", reason: "refresh_token_reused" });
    expect(replay.json.error.message).toMatch(/already used/);

    expect((await refreshWith(rotated.json.refresh_token)).status).toBe(401);
    expect((await settingsWith(rotated.json.access_token)).status).toBe(401);
    expect((await settingsWith(user.accessToken)).status).toBe(401);
    expect(await auditActions(user.id)).toContain("auth.refresh_token_reused");
  });

  it("the reuse of one session's token leaves the user's other sessions alone", async () => {
    const user = await createTestUser("reuse-other");
    const other = await callRoute(login, "/api/auth/login", { body: { email: user.email, password: user.password }, ip: nextIp() });
    await refreshWith(user.refreshToken);
    await ageRotation(user.refreshToken, 120);
    expect((await refreshWith(user.refreshToken)).status).toBe(401);
    expect((await settingsWith(other.json.access_token)).status).toBe(200);
  });

  it("a page render, which cannot store new cookies, never uses up the browser's refresh token", async () => {
    const user = await createTestUser("page-render");
    // Only the refresh cookie is left (the access cookie expired); the jar cannot be written.
    const jar = { get: (name: string) => (name === "eaa-refresh-token" ? user.refreshToken : undefined), getAll: () => [], set: () => {} };
    expect(await getAuth().userFromCookies(jar, false, { refresh: false })).toBeNull();
    await ageRotation(user.refreshToken, 120); // a no-op unless the token was rotated
    const later = await refreshWith(user.refreshToken);
    expect(later.status).toBe(200);
  });

  it("carries the time of sign-in through refreshes", async () => {
    const user = await createTestUser("auth-time");
    const signedIn = decodeJwt(user.accessToken).auth_time as number;
    expect(Math.abs(signedIn - Date.now() / 1000)).toBeLessThan(30);
    const next = await refreshWith(user.refreshToken);
    expect(decodeJwt(next.json.access_token).auth_time).toBe(signedIn);
    expect(decodeJwt(next.json.access_token).iat).toBeGreaterThanOrEqual(signedIn);
  });
});

describe("a deleted account", () => {
  async function deleted(label: string): Promise<TestUser> {
    const user = await createTestUser(label);
    // The session is in use (and remembered) before the account goes.
    expect((await settingsWith(user.accessToken)).status).toBe(200);
    const erased = await callRoute(deleteAccount, "/api/account", { method: "DELETE", body: { confirm: user.email, password: user.password }, token: user.accessToken });
    expect(erased.status).toBe(200);
    return user;
  }

  it("its access token stops working everywhere at once: 401, never data, never a guest", async () => {
    const user = await deleted("gone");
    const settings = await settingsWith(user.accessToken);
    expect(settings.status).toBe(401);
    expect(settings.text).not.toContain("writeMode");
    expect((await callRoute(listKeys, "/api/keys", { token: user.accessToken })).status).toBe(401);
    const chat = await callRoute(seedChat, "/api/v1/chat", { body: { message: "hello" }, token: user.accessToken, ip: nextIp() });
    expect(chat.status).toBe(401);
    expect((await refreshWith(user.refreshToken)).status).toBe(401);
  });

  it("its cookies stop working too", async () => {
    const user = await deleted("gone-cookie");
    const viaCookie = await callRoute(getSettings, "/api/settings", { cookie: user.cookie });
    expect(viaCookie.status).toBe(401);
    expect(cookiesFrom(viaCookie.response)).toBe("");
  });
});
