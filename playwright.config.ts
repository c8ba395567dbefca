// Browser end-to-end tests against a real server on embedded defaults (PGlite, local auth,
// in-process KV), using Debian's Chromium rather than a downloaded browser.
//
// Run: ./node_modules/.bin/next build && npx playwright test
// While iterating: E2E_DEV=1 npx playwright test   (uses `next dev`, no build needed)
import { randomBytes } from "node:crypto";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// E2E_PORT lets two checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 3210);
// localhost, not 127.0.0.1: `next dev` refuses its dev resources to other hostnames.
const BASE_URL = `http://localhost:${PORT}`;
// The server sends email (password reset links) to an SMTP sink that tests/e2e/recovery.spec.ts
// starts on this port; no other test sends email.
const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 1000);
// Microsoft sign-in is on: the server reads Microsoft's signing keys from the key server that
// tests/e2e/microsoft-sign-in.spec.ts starts on this port. Elsewhere the fake Office host has no
// single sign-on, so Sign in falls back to the dialog as it does in Office without SSO.
const E2E_ENTRA_PORT = Number(process.env.E2E_ENTRA_PORT ?? PORT + 2000);

// The config is evaluated again in every worker; environment variables set here are inherited,
// so the first evaluation decides the data directory and secret for the whole run.
process.env.E2E_DATA_DIR ??= path.join(".data", `e2e-${Date.now()}`);
process.env.E2E_AUTH_SECRET ??= randomBytes(32).toString("hex");

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    launchOptions: chromium,
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, launchOptions: chromium } },
    // A phone, and the Excel task pane (about 350px wide).
    { name: "mobile", use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 }, launchOptions: chromium } },
    { name: "taskpane", use: { viewport: { width: 350, height: 720 }, launchOptions: chromium } },
  ],
  webServer: {
    command: process.env.E2E_DEV ? `./node_modules/.bin/next dev -p ${PORT}` : `./node_modules/.bin/next start -p ${PORT}`,
    // The landing page: served by every build, and the first request also warms the app up.
    url: `${BASE_URL}/`,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATA_DIR: process.env.E2E_DATA_DIR,
      AUTH_SECRET: process.env.E2E_AUTH_SECRET,
      RATE_LIMIT_SCALE: "100",
      LOG_LEVEL: "warn",
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      EMAIL_FROM: "Excel AI Assistant <accounts@example.test>",
      ENTRA_CLIENT_ID: "6f1c2a9e-3b7d-4c51-9e2a-0d4b8c7f1a23",
      ENTRA_JWKS_URL: `http://127.0.0.1:${E2E_ENTRA_PORT}/keys`,
    },
  },
});
