// CORS and CSRF as a browser on another site would meet them: preflights answered only for the
// allowlist (our origin + ALLOWED_ORIGINS), origins never reflected or wildcarded, and a
// cookie-authenticated change from a foreign or opaque origin refused before it happens.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { env } from "@/lib/env";
import { GET as listKeys, POST as createKey } from "@/app/api/keys/route";
import { DELETE as revokeKey } from "@/app/api/keys/[id]/route";
import { PATCH as patchSettings, GET as getSettings } from "@/app/api/settings/route";
import { DELETE as deleteAccount } from "@/app/api/account/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { DELETE as clearHistory } from "@/app/api/v1/chat/history/route";
import { GET as health } from "@/app/api/health/route";
import { BASE_URL, callRoute } from "../../helpers/call-route";
import { createTestUser } from "../../helpers/test-users";

const PARTNER = "https://addin.partner.example";
const EVIL = "https://evil.example";

let savedOrigins: string[];
beforeEach(() => {
  savedOrigins = env.ALLOWED_ORIGINS;
  env.ALLOWED_ORIGINS = [PARTNER];
});
afterEach(() => {
  env.ALLOWED_ORIGINS = savedOrigins;
});

function preflight(path: string, origin: string | null, method = "POST", headers = "authorization, content-type") {
  const init: Record<string, string> = { "access-control-request-method": method, "access-control-request-headers": headers };
  if (origin !== null) init.origin = origin;
  return proxy(new NextRequest(`${BASE_URL}${path}`, { method: "OPTIONS", headers: init }));
}

describe("CORS preflight (proxy.ts)", () => {
  it.each([BASE_URL, PARTNER])("answers %s with 204 and what it may send", async (origin) => {
    const response = await preflight("/api/chat", origin);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    expect(response.headers.get("access-control-allow-methods")).toMatch(/POST/);
    expect(response.headers.get("access-control-allow-methods")).toMatch(/DELETE/);
    const allowed = response.headers.get("access-control-allow-headers")!.toLowerCase();
    for (const header of ["authorization", "content-type", "x-request-id"]) expect(allowed).toContain(header);
    expect(Number(response.headers.get("access-control-max-age"))).toBeGreaterThan(0);
    expect(response.headers.get("vary")).toMatch(/Origin/);
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it.each([EVIL, "null", "http://localhost:3000.evil.example", "https://addin.partner.example.evil.example", `${PARTNER}/`, "HTTPS://ADDIN.PARTNER.EXAMPLE"])(
    "refuses %s: 403 and no Access-Control-Allow-* header",
    async (origin) => {
      const response = await preflight("/api/keys", origin, "DELETE");
      expect(response.status).toBe(403);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      expect(response.headers.get("access-control-allow-methods")).toBeNull();
      expect(response.headers.get("vary")).toMatch(/Origin/);
      const body = await response.json();
      expect(body.error.code).toBe("forbidden");
    },
  );

  it("an OPTIONS without CORS headers is not treated as a preflight", async () => {
    const response = await proxy(new NextRequest(`${BASE_URL}/api/keys`, { method: "OPTIONS" }));
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.status).not.toBe(403);
  });
});

describe("CORS on actual responses (the route guard)", () => {
  it("echoes an allowed origin, exposes the headers clients need, and varies on Origin", async () => {
    const user = await createTestUser("cors-ok");
    for (const origin of [PARTNER, BASE_URL]) {
      const { status, headers } = await callRoute(listKeys, "/api/keys", { token: user.accessToken, headers: { origin } });
      expect(status).toBe(200);
      expect(headers.get("access-control-allow-origin")).toBe(origin);
      const exposed = headers.get("access-control-expose-headers")!.toLowerCase();
      for (const header of ["x-request-id", "retry-after", "ratelimit", "ratelimit-policy"]) expect(exposed).toContain(header);
      expect(headers.get("vary")).toMatch(/Origin/);
      expect(headers.get("access-control-allow-credentials")).toBeNull();
    }
  });

  it("never reflects or wildcards an unlisted origin, on success and on errors", async () => {
    const user = await createTestUser("cors-evil");
    const responses = [
      await callRoute(listKeys, "/api/keys", { token: user.accessToken, headers: { origin: EVIL } }),
      await callRoute(listKeys, "/api/keys", { headers: { origin: EVIL } }), // 401
      await callRoute(health, "/api/health", { headers: { origin: "null" } }),
    ];
    for (const { headers } of responses) {
      expect(headers.get("access-control-allow-origin")).toBeNull();
      expect(headers.get("vary")).toMatch(/Origin/);
    }
  });

  it("responses without an Origin still say Vary: Origin (a cache must not serve them cross-origin)", async () => {
    const { headers } = await callRoute(health, "/api/health");
    expect(headers.get("vary")).toMatch(/Origin/);
    expect(headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("CSRF: cookie-authenticated changes from another site are refused", () => {
  for (const origin of [EVIL, "null", PARTNER.replace("https", "http")]) {
    it(`refuses every state-changing route from Origin ${origin}, and nothing changes`, async () => {
      const user = await createTestUser("csrf");
      const key = await callRoute(createKey, "/api/keys", { body: { name: "mine" }, token: user.accessToken });
      const attempts = [
        await callRoute(createKey, "/api/keys", { body: { name: "planted" }, cookie: user.cookie, headers: { origin } }),
        await callRoute(revokeKey, `/api/keys/${key.json.id}`, { method: "DELETE", cookie: user.cookie, params: { id: key.json.id }, headers: { origin } }),
        await callRoute(patchSettings, "/api/settings", { method: "PATCH", body: { writeMode: "auto" }, cookie: user.cookie, headers: { origin } }),
        await callRoute(clearHistory, "/api/v1/chat/history", { method: "DELETE", cookie: user.cookie, headers: { origin } }),
        await callRoute(deleteAccount, "/api/account", { method: "DELETE", body: { confirm: user.email }, cookie: user.cookie, headers: { origin } }),
        await callRoute(logout, "/api/auth/logout", { method: "POST", cookie: user.cookie, headers: { origin } }),
      ];
      for (const attempt of attempts) {
        expect(attempt.status).toBe(403);
        expect(attempt.json.error.code).toBe("forbidden");
        expect(attempt.headers.getSetCookie()).toEqual([]);
      }
      const keys = await callRoute(listKeys, "/api/keys", { token: user.accessToken });
      expect(keys.json.keys.map((k: { name: string; revokedAt: string | null }) => [k.name, k.revokedAt])).toEqual([["mine", null]]);
      const settings = await callRoute(getSettings, "/api/settings", { token: user.accessToken });
      expect(settings.json.settings.writeMode).toBe("ask");
    });
  }

  it("the same requests from our own origin, and bearer calls from a partner, go through", async () => {
    const user = await createTestUser("csrf-ok");
    const own = await callRoute(patchSettings, "/api/settings", { method: "PATCH", body: { writeMode: "auto" }, cookie: user.cookie, headers: { origin: BASE_URL } });
    expect(own.status).toBe(200);
    const partner = await callRoute(createKey, "/api/keys", { body: { name: "from partner" }, token: user.accessToken, headers: { origin: EVIL } });
    // Bearer credentials are never ambient, so they are not a CSRF vector; the browser still
    // cannot read the answer (no Access-Control-Allow-Origin for this origin).
    expect(partner.status).toBe(201);
    expect(partner.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("reads (GET) are not changes and are not refused", async () => {
    const user = await createTestUser("csrf-get");
    const { status, headers } = await callRoute(listKeys, "/api/keys", { cookie: user.cookie, headers: { origin: EVIL } });
    expect(status).toBe(200);
    expect(headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("CSRF: cookie-authenticated changes must show where they come from", () => {
  function raw(path: string, init: { method: string; cookie: string; headers?: Record<string, string>; body?: string }) {
    const headers = new Headers({ cookie: init.cookie, "x-forwarded-for": "203.0.113.10", ...init.headers });
    return new Request(`${BASE_URL}${path}`, { method: init.method, headers, body: init.body });
  }

  it("refuses a change with the session cookie and neither Origin nor Sec-Fetch-Site: same-origin, and nothing changes", async () => {
    const user = await createTestUser("csrf-no-origin");
    const json = { "content-type": "application/json" };
    const variants: Record<string, string>[] = [{}, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }, { "sec-fetch-site": "none" }];
    for (const extra of variants) {
      const responses = [
        await patchSettings(raw("/api/settings", { method: "PATCH", cookie: user.cookie, headers: { ...json, ...extra }, body: JSON.stringify({ writeMode: "auto" }) })),
        await createKey(raw("/api/keys", { method: "POST", cookie: user.cookie, headers: { ...json, ...extra }, body: JSON.stringify({ name: "planted" }) })),
        await clearHistory(raw("/api/v1/chat/history", { method: "DELETE", cookie: user.cookie, headers: extra })),
      ];
      for (const response of responses) {
        expect(response.status, JSON.stringify(extra)).toBe(403);
        const body = await response.json();
        expect(body.error.code).toBe("forbidden");
        expect(body.error.message).toMatch(/Origin|Bearer/);
      }
    }
    const keys = await callRoute(listKeys, "/api/keys", { token: user.accessToken });
    expect(keys.json.keys).toEqual([]);
    const settings = await callRoute(getSettings, "/api/settings", { token: user.accessToken });
    expect(settings.json.settings.writeMode).toBe("ask");
  });

  it("accepts one without Origin when the browser says Sec-Fetch-Site: same-origin", async () => {
    const user = await createTestUser("csrf-sec-fetch");
    const response = await patchSettings(
      raw("/api/settings", { method: "PATCH", cookie: user.cookie, headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" }, body: JSON.stringify({ writeMode: "auto" }) }),
    );
    expect(response.status).toBe(200);
  });

  it("a foreign Origin is refused even when Sec-Fetch-Site claims same-origin", async () => {
    const user = await createTestUser("csrf-both");
    const response = await patchSettings(
      raw("/api/settings", { method: "PATCH", cookie: user.cookie, headers: { "content-type": "application/json", "sec-fetch-site": "same-origin", origin: EVIL }, body: JSON.stringify({ writeMode: "auto" }) }),
    );
    expect(response.status).toBe(403);
  });

  it("bearer calls and cookie-less calls (scripts, webhooks) need no Origin", async () => {
    const user = await createTestUser("csrf-bearer");
    const bearer = await callRoute(createKey, "/api/keys", { body: { name: "script" }, token: user.accessToken });
    expect(bearer.status).toBe(201);
    const anonymous = await callRoute(health, "/api/health");
    expect(anonymous.status).toBe(200);
  });
});

describe("JSON bodies must be declared as JSON", () => {
  it("refuses a text/plain (form-postable, no preflight) JSON body with the session cookie, and nothing changes", async () => {
    const user = await createTestUser("csrf-text-plain");
    for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const result = await callRoute(patchSettings, "/api/settings", {
        method: "PATCH",
        rawBody: JSON.stringify({ writeMode: "auto" }),
        cookie: user.cookie,
        headers: { "content-type": type, origin: BASE_URL },
      });
      expect(result.status, type).toBe(415);
      expect(result.json.error.code).toBe("bad_request");
      expect(result.json.error.message).toMatch(/Content-Type: application\/json/);
      expect(result.json.error.message).toContain(type.split(";")[0]);
    }
    const settings = await callRoute(getSettings, "/api/settings", { token: user.accessToken });
    expect(settings.json.settings.writeMode).toBe("ask");
  });

  it("refuses a JSON body with no Content-Type, for bearer callers too, saying what to send", async () => {
    const user = await createTestUser("no-type");
    const request = new Request(`${BASE_URL}/api/keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.accessToken}`, "x-forwarded-for": "203.0.113.10" },
      body: new TextEncoder().encode(JSON.stringify({ name: "typeless" })),
    });
    const response = await createKey(request);
    expect(response.status).toBe(415);
    expect((await response.json()).error.message).toMatch(/no Content-Type.*application\/json/);
  });

  it("accepts application/json with parameters and structured +json types", async () => {
    const user = await createTestUser("json-types");
    for (const type of ["application/json", "application/json; charset=utf-8", "Application/JSON", "application/merge-patch+json"]) {
      const result = await callRoute(patchSettings, "/api/settings", { method: "PATCH", rawBody: JSON.stringify({ writeMode: "auto" }), token: user.accessToken, headers: { "content-type": type } });
      expect(result.status, type).toBe(200);
    }
  });
});
