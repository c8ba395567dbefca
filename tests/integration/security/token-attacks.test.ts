// Every forged or stale credential, against every resource route (tests/integration/auth covers
// the token kinds against /api/keys; this carries them to the rest). Each must be a 401 with
// the error envelope: never data, never a 500, never a silent fall back to guest.
import { beforeAll, describe, expect, it } from "vitest";
import { SignJWT, UnsecuredJWT } from "jose";
import { JWT_AUDIENCE, JWT_ISSUER } from "@/lib/auth/local-jwt";
import { POST as createKey } from "@/app/api/keys/route";
import { DELETE as revokeKey } from "@/app/api/keys/[id]/route";
import { DELETE as deleteAccount } from "@/app/api/account/route";
import { callRoute } from "../../helpers/call-route";
import { createTestUser, type TestUser } from "../../helpers/test-users";
import { OPTIONAL_AUTH_ROUTES, RESOURCE_ROUTES, loadHandler, routeExists, type ResourceRoute } from "./resource-routes";

const secret = new TextEncoder().encode(process.env.AUTH_SECRET);

function sign(claims: { sub: string; email?: string; role?: string }, options: { aud?: string; iss?: string; exp?: number; key?: Uint8Array; alg?: string } = {}) {
  return new SignJWT({ email: claims.email ?? "x@example.test", role: claims.role ?? "authenticated", session_id: crypto.randomUUID() })
    .setProtectedHeader({ alg: options.alg ?? "HS256" })
    .setSubject(claims.sub)
    .setAudience(options.aud ?? JWT_AUDIENCE)
    .setIssuer(options.iss ?? JWT_ISSUER)
    .setIssuedAt()
    .setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 600)
    .sign(options.key ?? secret);
}

let victim: TestUser;
let attacks: [string, string][];

beforeAll(async () => {
  victim = await createTestUser("victim");
  const revoked = await callRoute(createKey, "/api/keys", { body: { name: "to revoke" }, token: victim.accessToken });
  await callRoute(revokeKey, `/api/keys/${revoked.json.id}`, { method: "DELETE", token: victim.accessToken, params: { id: revoked.json.id } });
  const [header, payload] = victim.accessToken.split(".");
  const tamperedPayload = Buffer.from(
    JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), sub: crypto.randomUUID() }),
  ).toString("base64url");
  attacks = [
    ["expired", await sign({ sub: victim.id }, { exp: Math.floor(Date.now() / 1000) - 5 })],
    ["forged with another secret", await sign({ sub: victim.id }, { key: new TextEncoder().encode("an-attacker-secret-of-at-least-32-chars!") })],
    ["alg: none", new UnsecuredJWT({ role: "authenticated", email: victim.email }).setSubject(victim.id).setAudience(JWT_AUDIENCE).setIssuer(JWT_ISSUER).setExpirationTime("10m").encode()],
    ["wrong audience", await sign({ sub: victim.id }, { aud: "anon" })],
    ["wrong issuer", await sign({ sub: victim.id }, { iss: "https://evil.example/auth/v1" })],
    ["service_role claim", await sign({ sub: victim.id, role: "service_role" })],
    ["payload swapped under a valid signature", `${header}.${tamperedPayload}.${victim.accessToken.split(".")[2]}`],
    ["HS384 with the real secret", await sign({ sub: victim.id }, { alg: "HS384" })],
    ["revoked API key", revoked.json.key],
    ["refresh token used as an access token", victim.refreshToken],
    ["unknown API key", "eaa_live_not_a_real_key_000000000000000000"],
  ];
});

async function attack(route: ResourceRoute, authorization: string) {
  const handler = await loadHandler(route);
  return callRoute(handler, route.path, { method: route.method, body: route.body, params: route.params, headers: { authorization } });
}

describe.each([...RESOURCE_ROUTES, ...OPTIONAL_AUTH_ROUTES])("$name ($method $path)", (route) => {
  it.skipIf(!routeExists(route))("refuses every bad credential with 401", async () => {
    for (const [label, token] of attacks) {
      const { status, json, headers } = await attack(route, `Bearer ${token}`);
      expect(status, label).toBe(401);
      expect(json?.error?.code, label).toBe("unauthorized");
      expect(json.error.requestId, label).toBe(headers.get("x-request-id"));
    }
  });

  it.skipIf(!routeExists(route))("refuses malformed Authorization headers with 401", async () => {
    for (const authorization of ["Bearer", "Bearer  ", "Basic dXNlcjpwYXNz", `Token ${victim.accessToken}`, `Bearer ${victim.accessToken} extra`]) {
      const { status } = await attack(route, authorization);
      expect(status, authorization).toBe(401);
    }
  });
});

describe("a token that outlives its account", () => {
  it("after account deletion, the old access token is refused by every route", async () => {
    const gone = await createTestUser("deleted");
    const deleted = await callRoute(deleteAccount, "/api/account", { method: "DELETE", body: { confirm: gone.email }, token: gone.accessToken });
    expect(deleted.status).toBe(200);
    for (const route of [...RESOURCE_ROUTES, ...OPTIONAL_AUTH_ROUTES].filter(routeExists)) {
      const handler = await loadHandler(route);
      const body = route.name === "account deletion" ? { confirm: gone.email } : route.body;
      const { status, json, text } = await callRoute(handler, route.path, { method: route.method, body, params: route.params, token: gone.accessToken });
      // The account is gone, so is every session of it: 401, never data and never a 500.
      expect(status, `${route.name}: ${text.slice(0, 200)}`).toBe(401);
      expect(json?.error?.code, route.name).toBe("unauthorized");
    }
  });
});
