// Security headers as the built server sends them, where next.config.ts `headers()` and
// proxy.ts meet: every kind of response (pages, the add-in, API JSON, static assets, the
// manifest, preflights) carries the baseline, and real pages run under the nonce CSP without a
// single violation.
import { expect, test, type APIResponse } from "@playwright/test";

// Headers do not depend on the viewport: run once.
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "headers are the same for every project");
});

const BASELINE = {
  "strict-transport-security": "max-age=63072000; includeSubDomains; preload",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};

function expectBaseline(response: APIResponse, what: string) {
  const headers = response.headers();
  for (const [name, value] of Object.entries(BASELINE)) expect(headers[name], `${name} on ${what}`).toBe(value);
  expect(headers["permissions-policy"], `permissions-policy on ${what}`).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
}

function csp(response: APIResponse): Map<string, string[]> {
  const value = response.headers()["content-security-policy"] ?? "";
  return new Map(
    value
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

test("pages: nonce CSP, no framing, baseline headers", async ({ request }) => {
  for (const path of ["/", "/sign-in", "/sign-up", "/dashboard", "/dashboard/billing", "/no-such-page"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expectBaseline(response, path);
    expect(response.headers()["x-frame-options"], path).toBe("DENY");
    const d = csp(response);
    expect(d.get("frame-ancestors"), path).toEqual(["'none'"]);
    expect(d.get("object-src"), path).toEqual(["'none'"]);
    expect(d.get("base-uri"), path).toEqual(["'none'"]);
    expect(d.get("script-src"), path).toEqual(expect.arrayContaining(["'strict-dynamic'"]));
    expect(d.get("script-src")!.some((v) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(v)), path).toBe(true);
    expect(d.get("script-src"), path).not.toContain("'unsafe-inline'");
    expect(d.get("script-src"), path).not.toContain("'unsafe-eval'");
  }
});

test("every script the server renders carries this response's nonce", async ({ request }) => {
  const first = await request.get("/");
  const second = await request.get("/");
  const nonceOf = (r: APIResponse) => csp(r).get("script-src")!.find((v) => v.startsWith("'nonce-"))!.slice(7, -1);
  expect(nonceOf(first)).not.toBe(nonceOf(second));
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(first)}"`);
});

test("the add-in may be framed by Office and load office.js; no X-Frame-Options there", async ({ request }) => {
  const response = await request.get("/addin/taskpane");
  expectBaseline(response, "/addin/taskpane");
  expect(response.headers()["x-frame-options"]).toBeUndefined();
  const d = csp(response);
  for (const host of ["https://*.officeapps.live.com", "https://*.sharepoint.com", "https://*.office.com", "https://*.cloud.microsoft"]) {
    expect(d.get("frame-ancestors")).toContain(host);
  }
  expect(d.get("frame-ancestors")).not.toContain("'none'");
  expect(d.get("script-src")).toContain("https://appsforoffice.microsoft.com");

  const manifest = await request.get("/addin/manifest.xml");
  expectBaseline(manifest, "/addin/manifest.xml");
});

test("API JSON, static assets and preflights carry the baseline too", async ({ request, baseURL }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expectBaseline(health, "/api/health");
  expect(health.headers()["x-frame-options"]).toBe("DENY");
  expect(csp(health).get("default-src")).toEqual(["'none'"]);
  expect(health.headers()["x-request-id"]).toBeTruthy();

  const unauthorized = await request.get("/api/keys");
  expect(unauthorized.status()).toBe(401);
  expectBaseline(unauthorized, "/api/keys");

  const html = await (await request.get("/")).text();
  const asset = html.match(/\/_next\/static\/[^"']+\.js/)?.[0];
  expect(asset).toBeTruthy();
  const script = await request.get(asset!);
  expect(script.status()).toBe(200);
  expectBaseline(script, asset!);

  const allowed = await request.fetch("/api/chat", {
    method: "OPTIONS",
    headers: { Origin: baseURL!, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type" },
  });
  expect(allowed.status()).toBe(204);
  expect(allowed.headers()["access-control-allow-origin"]).toBe(baseURL);
  expect(allowed.headers()["access-control-allow-headers"]).toMatch(/Authorization/);
  expectBaseline(allowed, "preflight");

  const refused = await request.fetch("/api/chat", {
    method: "OPTIONS",
    headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" },
  });
  expect(refused.status()).toBe(403);
  expect(refused.headers()["access-control-allow-origin"]).toBeUndefined();
});

test("pages render and hydrate under the CSP without a single violation", async ({ page }) => {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __cspViolations: string[] }).__cspViolations ??= [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  // office.js from Microsoft's CDN, stubbed (no network in tests); the CSP is still the browser's to enforce.
  await page.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ body: "", contentType: "text/javascript" }));
  for (const path of ["/", "/sign-in", "/addin/taskpane"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    violations.push(...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])));
  }
  // The framework's scripts ran (they were allowed by the nonce): Next.js sets window.next when it boots.
  // (Checked on the last page, the task pane, which also loaded office.js through 'strict-dynamic'.)
  expect(await page.evaluate(() => Boolean(document.querySelector('script[src^="https://appsforoffice.microsoft.com/"]')))).toBe(true);
  expect(await page.evaluate(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version))).toBe(true);
  expect(violations).toEqual([]);
});

test("every /api answer is the JSON envelope: unknown paths, unsupported methods", async ({ request }) => {
  for (const path of ["/api/nope", "/api", "/api/keys/6f1c2a3b-1111-4222-8333-444455556666/extra"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(response.headers()["content-type"], path).toMatch(/^application\/json/);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: "not_found", requestId: response.headers()["x-request-id"] });
    expectBaseline(response, path);
  }
  const put = await request.put("/api/keys", { data: {} });
  expect(put.status()).toBe(405);
  expect(put.headers().allow).toBe("GET, HEAD, POST, OPTIONS");
  expect((await put.json()).error).toMatchObject({ code: "bad_request", message: expect.stringContaining("GET, HEAD, POST, OPTIONS") });
  const get = await request.get("/api/auth/login");
  expect(get.status()).toBe(405);
  expect(get.headers().allow).toBe("POST, OPTIONS");
  expect((await get.json()).error.requestId).toBe(get.headers()["x-request-id"]);
});

test("a cookie-authenticated change needs Origin (or Sec-Fetch-Site) and a JSON content type", async ({ request, baseURL }) => {
  const email = `e2e-csrf-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  expect((await request.post("/api/auth/signup", { data: { email, password: "Spreadsheet-42!" } })).status()).toBe(201);
  // The request context holds the session cookie now but sends no Origin by itself.
  const bare = await request.patch("/api/settings", { data: { writeMode: "auto" } });
  expect(bare.status()).toBe(403);
  expect((await bare.json()).error.code).toBe("forbidden");
  const textPlain = await request.patch("/api/settings", { headers: { Origin: baseURL!, "Content-Type": "text/plain" }, data: JSON.stringify({ writeMode: "auto" }) });
  expect(textPlain.status()).toBe(415);
  const ours = await request.patch("/api/settings", { headers: { Origin: baseURL! }, data: { writeMode: "auto" } });
  expect(ours.status()).toBe(200);
});

test("the manifest never reflects an X-Forwarded-Host nobody trusted", async ({ request, baseURL }) => {
  const response = await request.get("/addin/manifest.xml", { headers: { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" } });
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(text).not.toContain("evil.example");
  // The host the browser connected to, not the forwarded one.
  expect(text).toContain(`//${new URL(baseURL!).host}/addin/taskpane"`);
});
