// The Content-Security-Policy proxy.ts puts on pages, the add-in and the API, and the static
// headers next.config.ts sends everywhere. (tests/e2e/headers.spec.ts checks the same against the
// built server, where Next.js merges both.)
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import nextConfig from "@/next.config";
import { OFFICE_FRAME_ANCESTORS, OFFICE_SCRIPT_ORIGIN, contentSecurityPolicy, surfaceOf } from "@/lib/api/security-headers";
import { BASE_URL } from "../../helpers/call-route";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

async function cspFor(path: string, headers: Record<string, string> = {}) {
  const response = await proxy(new NextRequest(`${BASE_URL}${path}`, { headers }));
  const csp = response.headers.get("content-security-policy");
  expect(csp, `CSP on ${path}`).toBeTruthy();
  return { response, csp: csp!, d: directives(csp!) };
}

function nonceOf(d: Map<string, string[]>) {
  return d.get("script-src")?.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
}

describe("page CSP (proxy.ts)", () => {
  it("allows only this request's nonce for scripts and locks down everything else", async () => {
    const { d, response } = await cspFor("/dashboard");
    const nonce = nonceOf(d);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(d.get("script-src")).toEqual(expect.arrayContaining(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]));
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
    expect(d.get("script-src")).not.toContain("'unsafe-eval'"); // tests run as NODE_ENV=test, like production
    expect(d.get("script-src")).not.toContain(OFFICE_SCRIPT_ORIGIN);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'none'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("img-src")).toEqual(["'self'", "data:", "blob:"]); // no remote images from model output
    expect(d.get("connect-src")).toEqual(["'self'"]);
    // The nonce reaches the renderer: as x-nonce and inside the request's CSP header, where
    // Next.js looks for it to put on its own scripts.
    expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(response.headers.get("x-middleware-request-content-security-policy")).toContain(`'nonce-${nonce}'`);
  });

  it("uses a fresh, unpredictable nonce for every request", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 20; i++) nonces.add(nonceOf((await cspFor("/")).d)!);
    expect(nonces.size).toBe(20);
  });

  it("covers the dashboard, billing, auth pages and the landing page alike", async () => {
    for (const path of ["/", "/dashboard/billing", "/dashboard/account", "/sign-in", "/no-such-page"]) {
      const { d } = await cspFor(path);
      expect(d.get("frame-ancestors")).toEqual(["'none'"]);
      expect(nonceOf(d)).toBeTruthy();
    }
  });

  it("asks for https subresources only when served over https", async () => {
    expect((await cspFor("/")).d.has("upgrade-insecure-requests")).toBe(false);
    const secure = await cspFor("/", { "x-forwarded-proto": "https", "x-forwarded-host": "app.example.com" });
    expect(secure.d.has("upgrade-insecure-requests")).toBe(true);
  });
});

describe("add-in CSP", () => {
  it("lets the Office hosts frame the task pane and office.js load, nothing more", async () => {
    const { d } = await cspFor("/addin/taskpane");
    expect(d.get("frame-ancestors")).toEqual([...OFFICE_FRAME_ANCESTORS]);
    expect(d.get("frame-ancestors")).not.toContain("*");
    expect(d.get("frame-ancestors")).not.toContain("https:");
    for (const host of ["https://*.officeapps.live.com", "https://*.sharepoint.com", "https://*.office.com", "https://*.cloud.microsoft", "https://outlook.office.com"]) {
      expect(d.get("frame-ancestors")).toContain(host);
    }
    expect(d.get("script-src")).toContain(OFFICE_SCRIPT_ORIGIN);
    expect(nonceOf(d)).toBeTruthy();
    expect(d.get("object-src")).toEqual(["'none'"]);
  });

  it("only /addin and below count as the add-in", () => {
    expect(surfaceOf("/addin")).toBe("addin");
    expect(surfaceOf("/addin/taskpane")).toBe("addin");
    expect(surfaceOf("/addins-are-great")).toBe("page");
    expect(surfaceOf("/dashboard/addin")).toBe("page");
    expect(surfaceOf("/api/addin")).toBe("api");
  });
});

describe("API CSP", () => {
  it("JSON responses get a policy that allows nothing to run or frame them", async () => {
    const { d, response } = await cspFor("/api/keys");
    expect(d.get("default-src")).toEqual(["'none'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(response.headers.get("x-middleware-request-x-nonce")).toBeNull();
  });

  it("pages refuse to build a policy without a nonce", () => {
    expect(() => contentSecurityPolicy({ surface: "page" })).toThrow(/nonce/);
  });
});

describe("static headers (next.config.ts)", () => {
  it("sends the baseline everywhere and X-Frame-Options everywhere but /addin", async () => {
    const rules = await nextConfig.headers!();
    const all = rules.find((rule) => rule.source === "/:path*")!;
    const names = Object.fromEntries(all.headers.map((h) => [h.key, h.value]));
    expect(names["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains; preload");
    expect(names["X-Content-Type-Options"]).toBe("nosniff");
    expect(names["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(names["Permissions-Policy"]).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);

    const deny = rules.filter((rule) => rule.headers.some((h) => h.key === "X-Frame-Options" && h.value === "DENY"));
    const matches = (path: string) =>
      deny.some((rule) => {
        if (rule.source === "/") return path === "/";
        const pattern = rule.source.replace(/^\/:path\((.*)\)$/, "$1");
        return new RegExp(`^/(?:${pattern})$`).test(path);
      });
    for (const path of ["/", "/dashboard", "/dashboard/billing", "/api/keys", "/_next/static/chunks/x.js", "/addins-page"]) {
      expect(matches(path), path).toBe(true);
    }
    for (const path of ["/addin", "/addin/taskpane", "/addin/manifest.xml"]) expect(matches(path), path).toBe(false);
  });
});
