// No secret reaches the browser. Runs after `next build` (npm run test:all builds before the
// browser tests) and checks two things:
//
// 1. The client bundles (.next/static) never mention a server-only variable or carry a
//    secret-shaped value. A name showing up means a client module imported server
//    configuration (lib/env.ts, a provider or Stripe client): its values would follow as soon as
//    they are set at build time. Any of those variables set in this process (CI may set real
//    or sentinel values for the build) are searched for by value too.
// 2. Pages the running server renders (HTML and the RSC payload) never contain the server's
//    AUTH_SECRET, which it holds at run time.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the bundles are the same for every project");
});

const STATIC_DIR = path.join(process.cwd(), ".next", "static");

const SERVER_ONLY = [
  "AUTH_SECRET",
  "SUPABASE_SECRET_KEY",
  "DATABASE_URL",
  "REDIS_URL",
  "KV_REST_API_TOKEN",
  "KV_REST_API_URL",
  "OPENAI_API_KEY",
  "AZURE_OPENAI_API_KEY",
  "OPENAI_COMPATIBLE_API_KEY",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "CRON_SECRET",
  "METRICS_TOKEN",
];

const SECRET_SHAPES: [string, RegExp][] = [
  ["Stripe secret key", /\b[sr]k_(?:live|test)_[A-Za-z0-9]{8,}/],
  ["Stripe webhook secret", /\bwhsec_[A-Za-z0-9]{8,}/],
  ["Supabase service role", /service_role/],
  ["Supabase secret key", /\bsb_secret_[A-Za-z0-9_-]{8,}/],
  ["service_role JWT payload", /c2VydmljZV9yb2xl/],
  ["OpenAI key", /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}/],
  ["private key", /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----/],
  ["connection string with password", /\b(?:postgres(?:ql)?|rediss?):\/\/[^\s:@/"']+:[^\s@/"']+@/],
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test("client bundles hold no server-only variable and no secret-shaped value", () => {
  const files = filesUnder(STATIC_DIR).filter((file) => /\.(?:js|css|json|html|txt|map)$/.test(file));
  expect(files.length, "run `next build` first").toBeGreaterThan(0);
  const values = SERVER_ONLY.map((name) => [name, process.env[name]] as const).filter(
    (entry): entry is readonly [string, string] => typeof entry[1] === "string" && entry[1].length >= 8,
  );
  const findings: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const where = path.relative(process.cwd(), file);
    for (const name of SERVER_ONLY) if (text.includes(name)) findings.push(`${where}: mentions ${name}`);
    for (const [label, pattern] of SECRET_SHAPES) if (pattern.test(text)) findings.push(`${where}: ${label}`);
    for (const [name, value] of values) if (text.includes(value)) findings.push(`${where}: the value of ${name}`);
  }
  expect(findings).toEqual([]);
});

test("rendered pages and their RSC payloads never carry the server's secret", async ({ request }) => {
  const secret = process.env.E2E_AUTH_SECRET;
  expect(secret, "playwright.config.ts gives the server this AUTH_SECRET").toBeTruthy();
  for (const url of ["/", "/sign-in", "/sign-up", "/dashboard", "/addin/taskpane"]) {
    for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
      const response = await request.get(url, { headers, maxRedirects: 0 });
      const body = await response.text();
      expect(body, `${url} ${JSON.stringify(headers)}`).not.toContain(secret!);
      for (const [label, pattern] of SECRET_SHAPES) expect(pattern.test(body), `${url}: ${label}`).toBe(false);
    }
  }
});
