// Changing and recovering a password (local accounts), through the routes, with a real SMTP
// server catching the emails: the reset request says nothing about whether an account exists,
// a link works once and for 30 minutes, and both paths sign out every other session.
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { sql } from "kysely";
import { createHash } from "node:crypto";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as refresh } from "@/app/api/auth/refresh/route";
import { POST as changePassword } from "@/app/api/auth/password/route";
import { POST as resetRequest } from "@/app/api/auth/reset/request/route";
import { POST as resetConfirm } from "@/app/api/auth/reset/confirm/route";
import { GET as getSettings } from "@/app/api/settings/route";
import { POST as createKey } from "@/app/api/keys/route";
import { withServiceDb } from "@/lib/db/with-rls";
import { env } from "@/lib/env";
import { nextIp } from "@/tests/fixtures/ai/test-db";
import { resetLinkIn, startSmtpSink } from "@/tests/fixtures/email/smtp-sink";
import { callRoute, cookiesFrom } from "../../helpers/call-route";
import { createTestUser } from "../../helpers/test-users";

const sink = await startSmtpSink();
env.SMTP_URL = sink.url;
env.EMAIL_FROM = "Excel AI Assistant <accounts@example.test>";
afterAll(() => sink.close());

const requestReset = (email: string, ip = nextIp()) => callRoute(resetRequest, "/api/auth/reset/request", { body: { email }, ip });
const confirmReset = (token: string, password: string) =>
  callRoute(resetConfirm, "/api/auth/reset/confirm", { body: { token, password }, ip: nextIp() });
const signIn = (email: string, password: string) => callRoute(login, "/api/auth/login", { body: { email, password }, ip: nextIp() });
const settingsWith = (options: { token?: string; cookie?: string }) => callRoute(getSettings, "/api/settings", options);

async function auditActions(userId: string) {
  const rows = await withServiceDb((tx) => tx.selectFrom("audit_log").select("action").where("user_id", "=", userId).execute());
  return rows.map((row) => row.action);
}

async function eventually<T>(check: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const value = await check();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

/** Moves a reset link's whole life this many seconds into the past, as if the user came back later. */
async function ageLink(token: string, seconds: number) {
  const hash = createHash("sha256").update(token).digest("hex");
  await withServiceDb((tx) =>
    tx
      .updateTable("password_reset_tokens")
      .set({
        created_at: sql`created_at - make_interval(secs => ${seconds})`,
        expires_at: sql`expires_at - make_interval(secs => ${seconds})`,
      })
      .where("token_hash", "=", hash)
      .execute(),
  );
}

afterEach(() => {
  env.RATE_LIMIT_SCALE = 1000;
});

describe("asking for a reset link", () => {
  it("answers 202 for an email without an account, and sends nothing", async () => {
    const nobody = `nobody-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const answer = await requestReset(nobody);
    expect(answer.status).toBe(202);
    expect(answer.json.message).toMatch(/If an account uses this email/);

    // A real account asked for afterwards gets its email; the unknown one never did.
    const user = await createTestUser("reset-order");
    const known = await requestReset(user.email);
    expect(known.status).toBe(202);
    expect(known.json).toEqual(answer.json);
    await sink.waitFor(user.email);
    expect(sink.to(nobody)).toHaveLength(0);
    const rows = await withServiceDb((tx) => tx.selectFrom("password_reset_tokens").select("user_id").where("user_id", "=", user.id).execute());
    expect(rows).toHaveLength(1);
  });

  it("emails the account a link to the reset page; only the token's hash is stored", async () => {
    const user = await createTestUser("reset-mail");
    expect((await requestReset(user.email.toUpperCase())).status).toBe(202);
    const email = await sink.waitFor(user.email);
    expect(email.from).toBe("accounts@example.test");
    expect(email.subject).toBe("Reset your Excel AI Assistant password");
    const { link, token } = resetLinkIn(email);
    expect(link.startsWith("http://localhost:3000/reset-password?token=")).toBe(true);
    expect(email.decoded).toMatch(/within 30 minutes/);
    const stored = await withServiceDb((tx) => tx.selectFrom("password_reset_tokens").selectAll().where("user_id", "=", user.id).execute());
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(token);
    expect(stored[0]!.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(await eventually(() => auditActions(user.id), (a) => a.includes("auth.password_reset_requested"))).toContain("auth.password_reset_requested");
  });

  it("answers before the email is sent: a mail server that never replies does not slow the answer down", async () => {
    // A TCP server that accepts connections and never says a word: an SMTP client waits for its greeting.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    env.SMTP_URL = `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const user = await createTestUser("reset-slow-mail");
      const started = performance.now();
      const answer = await requestReset(user.email);
      const elapsed = performance.now() - started;
      expect(answer.status).toBe(202);
      expect(elapsed).toBeLessThan(2_000);
      // The app did try to send it, to the silent server.
      await eventually(async () => sockets.length, (count) => count > 0);
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      env.SMTP_URL = sink.url;
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("refuses a malformed email with a message naming the field", async () => {
    const answer = await requestReset("not-an-email");
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toMatch(/email/);
  });
});

describe("setting a new password with the link", () => {
  it("sets the password, signs out every session, signs this device in, and works only once", async () => {
    const user = await createTestUser("reset-use");
    const laptop = await signIn(user.email, user.password);
    expect(laptop.status).toBe(200);
    await requestReset(user.email);
    const { token } = resetLinkIn(await sink.waitFor(user.email));

    const done = await confirmReset(token, "brand-new-pass-7");
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ token_type: "bearer", user: { id: user.id, email: user.email } });
    expect((await settingsWith({ cookie: cookiesFrom(done.response) })).status).toBe(200);
    expect((await settingsWith({ token: done.json.access_token })).status).toBe(200);

    // Every session from before is gone: access tokens and refresh tokens.
    expect((await settingsWith({ token: user.accessToken })).status).toBe(401);
    expect((await settingsWith({ token: laptop.json.access_token })).status).toBe(401);
    expect((await callRoute(refresh, "/api/auth/refresh", { body: { refresh_token: laptop.json.refresh_token }, ip: nextIp() })).status).toBe(401);

    expect((await signIn(user.email, user.password)).status).toBe(401);
    expect((await signIn(user.email, "brand-new-pass-7")).status).toBe(200);

    const again = await confirmReset(token, "another-pass-8");
    expect(again.status).toBe(400);
    expect(again.json.error.reason).toBe("reset_link_used");
    expect(again.json.error.message).toMatch(/already used/);
    expect((await signIn(user.email, "another-pass-8")).status).toBe(401);
    expect(await auditActions(user.id)).toContain("auth.password_reset_completed");
  });

  it("works for 30 minutes and no longer", async () => {
    const user = await createTestUser("reset-expiry");
    await requestReset(user.email);
    const { token: first } = resetLinkIn(await sink.waitFor(user.email));
    await ageLink(first, 29 * 60);
    expect((await confirmReset(first, "within-time-1")).status).toBe(200);

    await requestReset(user.email);
    const { token: second } = resetLinkIn(await sink.waitFor(user.email, { already: 1 }));
    await ageLink(second, 30 * 60);
    const late = await confirmReset(second, "too-late-2x");
    expect(late.status).toBe(400);
    expect(late.json.error.reason).toBe("reset_link_expired");
    expect(late.json.error.message).toMatch(/expired.*30 minutes/);
    expect((await signIn(user.email, "within-time-1")).status).toBe(200);
  });

  it("refuses an unknown token, and a weak password without spending the link", async () => {
    const unknown = await confirmReset("made-up-token", "good-pass-123");
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.reason).toBe("reset_link_unknown");

    const user = await createTestUser("reset-weak");
    await requestReset(user.email);
    const { token } = resetLinkIn(await sink.waitFor(user.email));
    const weak = await confirmReset(token, "short");
    expect(weak.status).toBe(400);
    expect(weak.json.error.message).toMatch(/too weak/);
    expect((await confirmReset(token, "long-enough-9")).status).toBe(200);
  });

  it("stops working once the password is changed another way", async () => {
    const user = await createTestUser("reset-then-change");
    await requestReset(user.email);
    const { token } = resetLinkIn(await sink.waitFor(user.email));
    const changed = await callRoute(changePassword, "/api/auth/password", {
      body: { currentPassword: user.password, newPassword: "changed-first-5" },
      token: user.accessToken,
    });
    expect(changed.status).toBe(200);
    expect((await confirmReset(token, "attacker-pass-6")).json.error.reason).toBe("reset_link_used");
  });
});

describe("changing the password while signed in", () => {
  it("checks the current password, signs out the other sessions and keeps this one signed in", async () => {
    const user = await createTestUser("change");
    const phone = await signIn(user.email, user.password);

    const wrong = await callRoute(changePassword, "/api/auth/password", {
      body: { currentPassword: "not-my-password-1", newPassword: "fresh-pass-77" },
      cookie: user.cookie,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.reason).toBe("wrong_password");

    const weak = await callRoute(changePassword, "/api/auth/password", { body: { currentPassword: user.password, newPassword: "password" }, cookie: user.cookie });
    expect(weak.status).toBe(400);
    expect(weak.json.error.message).toMatch(/too weak/);

    const done = await callRoute(changePassword, "/api/auth/password", {
      body: { currentPassword: user.password, newPassword: "fresh-pass-77" },
      cookie: user.cookie,
    });
    expect(done.status).toBe(200);
    const fresh = cookiesFrom(done.response);
    expect(fresh).toContain("eaa-access-token=");
    expect((await settingsWith({ cookie: fresh })).status).toBe(200);
    expect((await settingsWith({ token: phone.json.access_token })).status).toBe(401);
    expect((await settingsWith({ cookie: user.cookie })).status).toBe(401);
    expect((await signIn(user.email, user.password)).status).toBe(401);
    expect((await signIn(user.email, "fresh-pass-77")).status).toBe(200);
    expect(await auditActions(user.id)).toContain("auth.password_changed");
  });

  it("is refused to API keys and to callers not signed in", async () => {
    const user = await createTestUser("change-key");
    const key = await callRoute(createKey, "/api/keys", { body: { name: "script" }, token: user.accessToken });
    expect(key.status).toBe(201);
    const withKey = await callRoute(changePassword, "/api/auth/password", {
      body: { currentPassword: user.password, newPassword: "fresh-pass-78" },
      token: key.json.key,
    });
    expect(withKey.status).toBe(403);
    const anonymous = await callRoute(changePassword, "/api/auth/password", { body: { currentPassword: user.password, newPassword: "fresh-pass-78" } });
    expect(anonymous.status).toBe(401);
  });
});

describe("limits", () => {
  it("limits password guesses through a signed-in session per account", async () => {
    env.RATE_LIMIT_SCALE = 1;
    const user = await createTestUser("change-guess");
    for (let i = 0; i < 5; i++) {
      const attempt = await callRoute(changePassword, "/api/auth/password", { body: { currentPassword: `guess-${i}-x`, newPassword: "fresh-pass-79" }, token: user.accessToken });
      expect(attempt.status).toBe(403);
    }
    const limited = await callRoute(changePassword, "/api/auth/password", { body: { currentPassword: user.password, newPassword: "fresh-pass-79" }, token: user.accessToken });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeTruthy();
  });

  it("limits reset requests per address with 429", async () => {
    env.RATE_LIMIT_SCALE = 1;
    const ip = nextIp();
    for (let i = 0; i < 5; i++) expect((await requestReset(`someone-${i}@example.test`, ip)).status).toBe(202);
    const limited = await requestReset("someone-else@example.test", ip);
    expect(limited.status).toBe(429);
  });

  it("sends at most three emails per address every 15 minutes, answering alike for accounts and non-accounts", async () => {
    env.RATE_LIMIT_SCALE = 1;
    const user = await createTestUser("reset-flood");
    const nobody = `flood-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const answers = [];
    for (let i = 0; i < 5; i++) {
      answers.push(await requestReset(user.email));
      answers.push(await requestReset(nobody));
    }
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    await sink.waitFor(user.email, { already: 2 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.to(user.email)).toHaveLength(3);
    expect(sink.to(nobody)).toHaveLength(0);
  });
});

describe("without SMTP_URL", () => {
  it("writes the email, link included, to the server log for the operator", async () => {
    const { logger } = await import("@/lib/observability/logger");
    const warn = vi.spyOn(logger, "warn");
    env.SMTP_URL = undefined;
    try {
      const user = await createTestUser("reset-log");
      await requestReset(user.email);
      const call = await eventually(
        async () => warn.mock.calls.find((args) => typeof args[1] === "string" && args[1].includes("SMTP_URL is not set")),
        (found) => found !== undefined,
      );
      const fields = call![0] as unknown as Record<string, string>;
      expect(fields.emailTo).toBe(user.email);
      expect(fields.emailForOperator).toMatch(/\/reset-password\?token=[\w-]+/);
      const token = /token=([\w-]+)/.exec(fields.emailForOperator)![1]!;
      expect((await confirmReset(token, "from-the-log-3")).status).toBe(200);
      expect(sink.to(user.email)).toHaveLength(0);
    } finally {
      env.SMTP_URL = sink.url;
      warn.mockRestore();
    }
  });
});
