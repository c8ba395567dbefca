// Erasing the account needs the owner again: the password, or a sign-in within the last 5
// minutes (kept through refreshes, so refreshing a stolen session does not make it "recent").
// A session left open in a browser, or a stolen access token, cannot erase the account alone.
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { DELETE as deleteAccount } from "@/app/api/account/route";
import { POST as refresh } from "@/app/api/auth/refresh/route";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as getSettings } from "@/app/api/settings/route";
import { RECENT_SIGN_IN_SECONDS } from "@/lib/auth/confirm-identity";
import { withServiceDb } from "@/lib/db/with-rls";
import { nextIp } from "@/tests/fixtures/ai/test-db";
import { callRoute, cookiesFrom } from "../../helpers/call-route";
import { createTestUser, type TestUser } from "../../helpers/test-users";

/** A session whose sign-in was `minutes` ago: its refresh token is traded for a fresh access token. */
async function signedInMinutesAgo(user: TestUser, minutes: number) {
  const hash = createHash("sha256").update(user.refreshToken).digest("hex");
  await withServiceDb((tx) =>
    tx
      .updateTable("auth.refresh_tokens")
      .set({ authenticated_at: sql`now() - make_interval(mins => ${minutes})` })
      .where("token_hash", "=", hash)
      .execute(),
  );
  const refreshed = await callRoute(refresh, "/api/auth/refresh", { body: { refresh_token: user.refreshToken }, ip: nextIp() });
  expect(refreshed.status).toBe(200);
  return { accessToken: refreshed.json.access_token as string, cookie: cookiesFrom(refreshed.response) };
}

const erase = (auth: { token?: string; cookie?: string }, body: Record<string, unknown>) =>
  callRoute(deleteAccount, "/api/account", { method: "DELETE", body, ...auth, headers: auth.cookie ? { origin: "http://localhost:3000" } : undefined });

const stillThere = async (user: TestUser) =>
  (await callRoute(login, "/api/auth/login", { body: { email: user.email, password: user.password }, ip: nextIp() })).status === 200;

describe("deleting the account", () => {
  it(`a session signed in more than ${RECENT_SIGN_IN_SECONDS / 60} minutes ago needs the password`, async () => {
    const user = await createTestUser("stale");
    const stale = await signedInMinutesAgo(user, 10);
    const refused = await erase({ token: stale.accessToken }, { confirm: user.email });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: "forbidden", reason: "reauthentication_required" });
    expect(refused.json.error.message).toMatch(/password/);
    expect(refused.json.error.message).toMatch(/5 minutes/);
    expect(await stillThere(user)).toBe(true);
  });

  it("a wrong password deletes nothing and says so; the right one deletes the account", async () => {
    const user = await createTestUser("with-password");
    const stale = await signedInMinutesAgo(user, 30);
    const wrong = await erase({ token: stale.accessToken }, { confirm: user.email, password: "not-my-password-1" });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error).toMatchObject({ code: "forbidden", reason: "wrong_password" });
    expect(await stillThere(user)).toBe(true);
    // The session itself is unharmed by a typo.
    expect((await callRoute(getSettings, "/api/settings", { token: stale.accessToken })).status).toBe(200);

    const done = await erase({ token: stale.accessToken }, { confirm: user.email, password: user.password });
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ deleted: true });
    expect(await stillThere(user)).toBe(false);
  });

  it("the dashboard's cookie session works the same way", async () => {
    const user = await createTestUser("cookie-delete");
    const stale = await signedInMinutesAgo(user, 6);
    expect((await erase({ cookie: stale.cookie }, { confirm: user.email })).status).toBe(403);
    expect((await erase({ cookie: stale.cookie }, { confirm: user.email, password: user.password })).status).toBe(200);
  });

  it("a fresh sign-in is enough on its own", async () => {
    const user = await createTestUser("fresh");
    const fresh = await callRoute(login, "/api/auth/login", { body: { email: user.email, password: user.password }, ip: nextIp() });
    expect((await erase({ token: fresh.json.access_token }, { confirm: user.email })).status).toBe(200);
    const browser = await createTestUser("fresh-cookie");
    expect((await erase({ cookie: browser.cookie }, { confirm: browser.email })).status).toBe(200);
  });

  it("validates the password field", async () => {
    const user = await createTestUser("bad-password-field");
    for (const password of [42, "", "x".repeat(2000)]) {
      const bad = await erase({ token: user.accessToken }, { confirm: user.email, password });
      expect(bad.status, JSON.stringify(password).slice(0, 20)).toBe(400);
      expect(bad.json.error.message).toMatch(/password/);
    }
    expect(await stillThere(user)).toBe(true);
  });
});
