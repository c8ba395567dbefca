// Attacks on "whose limit does this request count against": a header the client writes must never
// decide it, and sign-in guessing must neither go unlimited nor lock the real owner out.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as v1Chat } from "@/app/api/v1/chat/route";
import { GET as audit } from "@/app/api/audit/route";
import { env } from "@/lib/env";
import { DEVICE_COOKIE } from "@/lib/auth/trusted-device";
import { ENTITLEMENTS } from "@/lib/limits/entitlements";
import { RATE_LIMITS } from "@/lib/limits/rate-limit-policies";
import { callRoute, cookiesFrom } from "../../helpers/call-route";
import { createTestUser, type TestUser } from "../../helpers/test-users";

const IP_LIMIT = RATE_LIMITS.signInIp.windows[0].limit;
const ACCOUNT_LIMIT = RATE_LIMITS.signInAccount.windows[0].limit;

let saved: Pick<typeof env, "RATE_LIMIT_SCALE" | "TRUST_PROXY" | "VERCEL">;
beforeEach(() => {
  saved = { RATE_LIMIT_SCALE: env.RATE_LIMIT_SCALE, TRUST_PROXY: env.TRUST_PROXY, VERCEL: env.VERCEL };
  env.RATE_LIMIT_SCALE = 1; // the real limits
});
afterEach(() => {
  Object.assign(env, saved);
});

let counter = 0;
/** A fresh documentation-range address per call, so tests never share a budget by accident. */
function freshIp() {
  counter++;
  return `198.18.${Math.floor(counter / 250)}.${(counter % 250) + 1}`;
}
const forged = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}`;

async function signIn(email: string, password: string, options: { ip?: string; headers?: Record<string, string>; cookie?: string } = {}) {
  return callRoute(login, "/api/auth/login", { body: { email, password }, ip: options.ip ?? freshIp(), headers: options.headers, cookie: options.cookie });
}

function deviceCookie(response: Response): string {
  const pair = cookiesFrom(response)
    .split("; ")
    .find((cookie) => cookie.startsWith(`${DEVICE_COOKIE}=`));
  if (!pair) throw new Error("no device cookie was set");
  return pair;
}

async function auditIps(user: TestUser, action: string) {
  const { json } = await callRoute(audit, "/api/audit", { token: user.accessToken });
  return json.entries.filter((entry: { action: string }) => entry.action === action).map((entry: { ip: string | null }) => entry.ip);
}

describe("a forged X-Forwarded-For", () => {
  it("buys no extra sign-in attempts: rotating it still counts against the real address", async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i <= IP_LIMIT; i++) {
      // A credential-stuffing run: a different account each time, a different forged address each time.
      const result = await signIn(`victim-${i}-${randomUUID().slice(0, 6)}@example.test`, "guess-123456", { ip, headers: { "x-forwarded-for": forged() } });
      statuses.push(result.status);
    }
    expect(statuses.slice(0, IP_LIMIT).every((status) => status === 401)).toBe(true);
    const last = await signIn(`one-more-${randomUUID().slice(0, 6)}@example.test`, "guess-123456", { ip, headers: { "x-forwarded-for": forged() } });
    expect(last.status).toBe(429);
    expect(last.json.error.code).toBe("rate_limited");
    expect(last.json.error.message).toMatch(/your network/);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("buys no extra guest chats", async () => {
    const ip = freshIp();
    for (let i = 0; i < ENTITLEMENTS.guest.requestsPerDay; i++) {
      const ok = await callRoute(v1Chat, "/api/v1/chat", { ip, headers: { "x-forwarded-for": forged() }, body: { message: `Question ${i}` } });
      expect(ok.status).toBe(200);
    }
    const over = await callRoute(v1Chat, "/api/v1/chat", { ip, headers: { "x-forwarded-for": forged() }, body: { message: "One too many" } });
    expect(over.status).toBe(429);
  });

  it("cannot lock out the address it names", async () => {
    const user = await createTestUser("bystander");
    const victimIp = freshIp();
    for (let i = 0; i <= IP_LIMIT + 2; i++) {
      await signIn(`someone-${i}-${randomUUID().slice(0, 6)}@example.test`, "guess-123456", { ip: freshIp(), headers: { "x-forwarded-for": victimIp } });
    }
    const real = await signIn(user.email, user.password, { ip: victimIp });
    expect(real.status).toBe(200);
  });

  it("is not believed at all without a trusted proxy: every client is one unknown client", async () => {
    env.TRUST_PROXY = 0;
    const user = await createTestUser("direct");
    const ok = await signIn(user.email, user.password, { headers: { "x-forwarded-for": "198.51.100.200" } });
    expect(ok.status).toBe(200);
    // Audited without an address, rather than with one the client made up.
    expect(await auditIps(user, "auth.login")).toEqual([null]);
  });
});

describe("the decided address", () => {
  it("is what audit entries record, behind one proxy", async () => {
    const user = await createTestUser("audit-ip");
    const ip = freshIp();
    await signIn(user.email, "wrong-password-1", { ip, headers: { "x-forwarded-for": "6.6.6.6" } });
    await signIn(user.email, user.password, { ip, headers: { "x-forwarded-for": "6.6.6.6" } });
    expect(await auditIps(user, "auth.login_failed")).toEqual([ip]);
    expect(await auditIps(user, "auth.login")).toEqual([ip]);
  });

  it("is the hop count's entry behind several proxies", async () => {
    env.TRUST_PROXY = 2;
    const user = await createTestUser("two-hops");
    const client = freshIp();
    // The client forged one entry; the outer proxy appended the client; the inner proxy (callRoute's ip) appended the outer one.
    await signIn(user.email, user.password, { ip: "10.0.0.2", headers: { "x-forwarded-for": `6.6.6.6, ${client}` } });
    expect(await auditIps(user, "auth.login")).toEqual([client]);
  });

  it("is the platform's on Vercel, and rotating X-Forwarded-For there buys nothing either", async () => {
    env.VERCEL = true;
    env.TRUST_PROXY = 0;
    const user = await createTestUser("vercel");
    const client = freshIp();
    await signIn(user.email, user.password, { headers: { "x-vercel-forwarded-for": client, "x-real-ip": client } });
    expect(await auditIps(user, "auth.login")).toEqual([client]);

    const attacker = freshIp();
    for (let i = 0; i < IP_LIMIT; i++) {
      await signIn(`v-${i}-${randomUUID().slice(0, 6)}@example.test`, "guess-123456", { headers: { "x-vercel-forwarded-for": attacker, "x-forwarded-for": forged() } });
    }
    const over = await signIn(`v-x-${randomUUID().slice(0, 6)}@example.test`, "guess-123456", { headers: { "x-vercel-forwarded-for": attacker, "x-forwarded-for": forged() } });
    expect(over.status).toBe(429);
  });
});

describe("sign-in failures per account", () => {
  it("are limited across rotating addresses, and then even the right password from a new device waits", async () => {
    const user = await createTestUser("target");
    for (let i = 0; i < ACCOUNT_LIMIT; i++) {
      const guess = await signIn(user.email, `guess-${i}-abcdef`);
      expect(guess.status).toBe(401);
    }
    const next = await signIn(user.email, "guess-x-abcdef");
    expect(next.status).toBe(429);
    expect(next.json.error.message).toMatch(/this account/);
    expect(Number(next.headers.get("retry-after"))).toBeGreaterThan(0);
    // Unknown devices wait, whatever the password: the limit cannot be used to test guesses.
    expect((await signIn(user.email, user.password)).status).toBe(429);
  });

  it("count the same for an account that does not exist (no hint which emails have accounts)", async () => {
    const email = `nobody-${randomUUID().slice(0, 8)}@example.test`;
    for (let i = 0; i < ACCOUNT_LIMIT; i++) expect((await signIn(email, `guess-${i}-abcdef`)).status).toBe(401);
    expect((await signIn(email, "guess-x-abcdef")).status).toBe(429);
  });

  it("never lock the owner out of a device they signed in on before, nor out of a shared address", async () => {
    const user = await createTestUser("owner");
    const office = freshIp();
    const first = await signIn(user.email, user.password, { ip: office });
    expect(first.status).toBe(200);
    const device = deviceCookie(first.response);
    expect(first.response.headers.getSetCookie().find((c) => c.startsWith(`${DEVICE_COOKIE}=`))).toMatch(/HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/);

    // The attack: the account's budget for unknown devices and the office address's budget are both spent.
    for (let i = 0; i <= ACCOUNT_LIMIT; i++) await signIn(user.email, `guess-${i}-abcdef`);
    for (let i = 0; i <= IP_LIMIT; i++) await signIn(`colleague-${i}-${randomUUID().slice(0, 6)}@example.test`, "guess-123456", { ip: office });
    expect((await signIn(user.email, user.password, { ip: office })).status).toBe(429);

    const owner = await signIn(user.email, user.password, { ip: office, cookie: device });
    expect(owner.status).toBe(200);
    expect(owner.json.user.id).toBe(user.id);
    // A typo on the known device is still just a wrong password.
    expect((await signIn(user.email, "typo-password-1", { ip: office, cookie: device })).status).toBe(401);
  });

  it("give a known device its own budget, so a stolen-cookie guesser is limited too", async () => {
    const user = await createTestUser("device-budget");
    const device = deviceCookie((await signIn(user.email, user.password)).response);
    const limit = RATE_LIMITS.signInDevice.windows[0].limit;
    for (let i = 0; i < limit; i++) expect((await signIn(user.email, `guess-${i}-abcdef`, { cookie: device })).status).toBe(401);
    const over = await signIn(user.email, "guess-x-abcdef", { cookie: device });
    expect(over.status).toBe(429);
    expect(over.json.error.message).toMatch(/this device/);
  });

  it("trust a device only for the account it signed in to, and never a tampered token", async () => {
    const owner = await createTestUser("bound-owner");
    const attacker = await createTestUser("bound-attacker");
    const ownersDevice = deviceCookie((await signIn(owner.email, owner.password)).response);
    const attackersDevice = deviceCookie((await signIn(attacker.email, attacker.password)).response);
    for (let i = 0; i <= ACCOUNT_LIMIT; i++) await signIn(owner.email, `guess-${i}-abcdef`);

    expect((await signIn(owner.email, owner.password, { cookie: attackersDevice })).status).toBe(429);
    const [name, value] = ownersDevice.split("=");
    const token = decodeURIComponent(value);
    const tampered = `${name}=${encodeURIComponent(token.replace(/\.(\d+)\./, (_match, expiry) => `.${Number(expiry) + 1}.`))}`;
    expect(tampered).not.toBe(ownersDevice);
    expect((await signIn(owner.email, owner.password, { cookie: tampered })).status).toBe(429);
    expect((await signIn(owner.email, owner.password, { cookie: ownersDevice })).status).toBe(200);
  });

  it("keep working for clients without cookies that keep the device token themselves (the add-in)", async () => {
    const user = await createTestUser("pane");
    const first = await callRoute(login, "/api/auth/login", { body: { email: user.email, password: user.password, device_token: null }, ip: freshIp() });
    expect(first.status).toBe(200);
    expect(first.json.access_token).toBeTruthy();
    expect(typeof first.json.device_token).toBe("string");
    for (let i = 0; i <= ACCOUNT_LIMIT; i++) await signIn(user.email, `guess-${i}-abcdef`);
    const again = await callRoute(login, "/api/auth/login", { body: { email: user.email, password: user.password, device_token: first.json.device_token }, ip: freshIp() });
    expect(again.status).toBe(200);
    expect(again.json.access_token).toBeTruthy();
    // Callers that do not ask for it get the plain session shape.
    expect((await signIn(user.email, user.password, { cookie: deviceCookie(first.response) })).json.device_token).toBeUndefined();
  });
});
