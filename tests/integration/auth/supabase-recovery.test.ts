// Password change and recovery in Supabase Auth mode, against the local fake of Supabase's auth
// service: the reset request hands over to Supabase's own recovery email (POST /recover), whose
// link opens our reset page with a recovery session; the page's confirm sets the password with
// that session (PUT /user) and signs out every session. Needs a Postgres server (DATABASE_URL).
import { afterAll, describe, expect, it } from "vitest";
import { callRoute, cookiesFrom } from "../../helpers/call-route";

const databaseUrl = process.env.DATABASE_URL;

async function setUp(url: string) {
  const { startFakeSupabaseAuth } = await import("../../fixtures/supabase/fake-gotrue");
  const gotrue = await startFakeSupabaseAuth(url);
  return {
    gotrue,
    signup: (await import("@/app/api/auth/signup/route")).POST,
    login: (await import("@/app/api/auth/login/route")).POST,
    settings: (await import("@/app/api/settings/route")).GET,
    changePassword: (await import("@/app/api/auth/password/route")).POST,
    resetRequest: (await import("@/app/api/auth/reset/request/route")).POST,
    resetConfirm: (await import("@/app/api/auth/reset/confirm/route")).POST,
  };
}

// The environment is read once, at import: set it up before any app module loads.
const app = databaseUrl ? await setUp(databaseUrl) : null;

describe("password recovery with Supabase Auth", () => {
  if (!app) {
    it.skip("needs a Postgres server (the server-mode run sets DATABASE_URL)", () => {});
    return;
  }
  const { gotrue, signup, login, settings, changePassword, resetRequest, resetConfirm } = app!;
  afterAll(() => gotrue.close());

  let ip = 10;
  const nextIp = () => `192.0.2.${ip++}`;
  const newUser = async (label: string) => {
    const email = `${label}-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const created = await callRoute(signup, "/api/auth/signup", { body: { email, password: "sturdy-pass-9" }, ip: nextIp() });
    expect(created.status).toBe(201);
    return { email, id: created.json.user.id as string, accessToken: created.json.access_token as string, cookie: cookiesFrom(created.response) };
  };
  const signIn = (email: string, password: string) => callRoute(login, "/api/auth/login", { body: { email, password }, ip: nextIp() });
  const mailTo = async (email: string, already = 0) => {
    for (let i = 0; i < 100; i++) {
      const found = gotrue.outbox.filter((m) => m.to === email);
      if (found.length > already) return found[already]!;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no recovery email to ${email}`);
  };
  /** Follows the emailed link as a browser would: the recovery session arrives in the fragment. */
  const follow = async (link: string) => {
    const response = await fetch(link, { redirect: "manual" });
    const location = new URL(response.headers.get("location")!);
    return { page: `${location.origin}${location.pathname}`, fragment: new URLSearchParams(location.hash.slice(1)) };
  };

  it("asks Supabase to send its recovery email, pointing back at our reset page, and answers alike for unknown emails", async () => {
    const user = await newUser("supa-reset");
    const nobody = `supa-nobody-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const unknown = await callRoute(resetRequest, "/api/auth/reset/request", { body: { email: nobody }, ip: nextIp() });
    const known = await callRoute(resetRequest, "/api/auth/reset/request", { body: { email: user.email }, ip: nextIp() });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.text).toBe(unknown.text);
    const mail = await mailTo(user.email);
    expect(gotrue.outbox.some((m) => m.to === nobody)).toBe(false);
    const recover = gotrue.requests.filter((r) => r.method === "POST" && r.path === "/recover");
    expect(recover.length).toBeGreaterThanOrEqual(2);
    expect(new URL(`http://x/${recover.at(-1)!.search}`).searchParams.get("redirect_to")).toBe("http://localhost:3000/reset-password");
    const { page, fragment } = await follow(mail.link);
    expect(page).toBe("http://localhost:3000/reset-password");
    expect(fragment.get("type")).toBe("recovery");
    expect(fragment.get("access_token")).toBeTruthy();
  });

  it("sets the password with the recovery session, signs out every session and signs this device in", async () => {
    const user = await newUser("supa-confirm");
    const phone = await signIn(user.email, "sturdy-pass-9");
    expect(phone.status).toBe(200);
    await callRoute(resetRequest, "/api/auth/reset/request", { body: { email: user.email }, ip: nextIp() });
    const { fragment } = await follow((await mailTo(user.email)).link);
    const token = fragment.get("access_token")!;

    const weak = await callRoute(resetConfirm, "/api/auth/reset/confirm", { body: { token, password: "short" }, ip: nextIp() });
    expect(weak.status).toBe(400);

    const done = await callRoute(resetConfirm, "/api/auth/reset/confirm", { body: { token, password: "recovered-pass-4" }, ip: nextIp() });
    expect(done.status).toBe(200);
    expect(done.json.user.email).toBe(user.email);
    expect(done.response.headers.getSetCookie().some((c) => c.startsWith("sb-"))).toBe(true);
    expect(gotrue.sessionCount(user.id)).toBe(1);
    expect((await callRoute(settings, "/api/settings", { token: user.accessToken })).status).toBe(401);
    expect((await callRoute(settings, "/api/settings", { token: phone.json.access_token })).status).toBe(401);
    expect((await callRoute(settings, "/api/settings", { token: done.json.access_token })).status).toBe(200);
    expect((await signIn(user.email, "sturdy-pass-9")).status).toBe(401);
    expect((await signIn(user.email, "recovered-pass-4")).status).toBe(200);

    const again = await callRoute(resetConfirm, "/api/auth/reset/confirm", { body: { token, password: "another-pass-5" }, ip: nextIp() });
    expect(again.status).toBe(400);
    expect(again.json.error.reason).toBe("reset_link_invalid");
    expect(again.json.error.message).toMatch(/Ask for a new one/);
  });

  it("the emailed link works once", async () => {
    const user = await newUser("supa-once");
    await callRoute(resetRequest, "/api/auth/reset/request", { body: { email: user.email }, ip: nextIp() });
    const { link } = await mailTo(user.email);
    expect((await follow(link)).fragment.get("access_token")).toBeTruthy();
    expect((await follow(link)).fragment.get("error_code")).toBe("otp_expired");
  });

  it("changes the password after checking the current one, and signs out the other sessions", async () => {
    const user = await newUser("supa-change");
    const phone = await signIn(user.email, "sturdy-pass-9");
    const wrong = await callRoute(changePassword, "/api/auth/password", { body: { currentPassword: "nope-nope-1", newPassword: "changed-pass-6" }, cookie: user.cookie });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.reason).toBe("wrong_password");
    expect(gotrue.requests.some((r) => r.method === "PUT" && r.path === "/user" && r.authorization === phone.json.access_token)).toBe(false);

    const done = await callRoute(changePassword, "/api/auth/password", { body: { currentPassword: "sturdy-pass-9", newPassword: "changed-pass-6" }, cookie: user.cookie });
    expect(done.status).toBe(200);
    expect(gotrue.sessionCount(user.id)).toBe(1);
    expect((await callRoute(settings, "/api/settings", { token: phone.json.access_token })).status).toBe(401);
    expect((await callRoute(settings, "/api/settings", { cookie: cookiesFrom(done.response) })).status).toBe(200);
    expect((await signIn(user.email, "changed-pass-6")).status).toBe(200);
  });
});
