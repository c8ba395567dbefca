// The account journey a new user takes in the browser: landing page → sign-up (a weak
// password first) → dashboard → API key created (shown once), copied and revoked → every
// dashboard page → sign-out → the dashboard is closed → wrong password → sign-in.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";

const SCREENSHOTS = path.join("tests", "e2e", "screenshots");

async function snap(page: Page, testInfo: TestInfo, name: string) {
  const dir = path.join(SCREENSHOTS, testInfo.project.name);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

function uniqueEmail(testInfo: TestInfo, tag: string) {
  return `e2e-${tag}-${testInfo.project.name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

const PASSWORD = "Spreadsheet-42!";

// The first sign-up also creates the embedded database and, under `next dev`, compiles pages.
const SLOW = { timeout: 30_000 };

/** The form's own live region (Next.js adds a route announcer with role="alert" too). */
const formAlert = (page: Page) => page.locator("form [role=alert]");

const DASHBOARD_PAGES = [
  { label: "Overview", path: "/dashboard", heading: "Overview" },
  { label: "Playground", path: "/dashboard/playground", heading: "Playground" },
  { label: "History", path: "/dashboard/history", heading: "History" },
  { label: "API keys", path: "/dashboard/keys", heading: "API keys" },
  { label: "Billing", path: "/dashboard/billing", heading: "Billing" },
  { label: "Settings", path: "/dashboard/settings", heading: "Settings" },
  { label: "Account", path: "/dashboard/account", heading: "Account" },
  { label: "Get the add-in", path: "/dashboard/connect", heading: "Get the Excel add-in" },
];

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/**
 * Browser errors seen while the test runs: hydration mismatches, CSP refusals, uncaught
 * exceptions. Failed requests the test provokes on purpose (400, 401) are not errors here.
 */
function collectPageErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(message.text());
  });
  return errors;
}

test("sign up, manage an API key, sign out and sign back in", async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, "journey");
  const pageErrors = collectPageErrors(page);

  // Landing page: says what the product is and offers sign-up and the plans.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Ask Excel a question");
  await expect(page.locator("#pricing")).toContainText("50 chats a day");
  await expect(page.locator("#pricing")).toContainText("1,000 chats a day");
  await expect(page.locator("#pricing")).toContainText("5,000 chats a day");
  await snap(page, testInfo, "01-landing");

  await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();

  // A password that breaks the visible rules is stopped in the browser...
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(formAlert(page)).toContainText("at least 8 characters");

  // ...and one that passes them but is too common is refused by the server, whose message shows.
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(formAlert(page)).toContainText("one of the most common passwords");
  await snap(page, testInfo, "02-sign-up-weak-password");

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, SLOW);

  // The dashboard shows who is signed in and the menu, with the current page marked.
  await expect(page.getByTestId("user-email")).toHaveText(email);
  const nav = page.getByRole("navigation", { name: "Dashboard" });
  for (const item of DASHBOARD_PAGES) await expect(nav.getByRole("link", { name: item.label })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await snap(page, testInfo, "03-dashboard-overview");

  // API keys: create one, see it once, copy it, revoke it.
  await nav.getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/dashboard\/keys$/);
  await expect(nav.getByRole("link", { name: "API keys" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("You have no API keys yet.")).toBeVisible();

  await page.getByLabel("Key name").fill("E2E laptop");
  await page.getByRole("button", { name: "Create key" }).click();
  const notice = page.getByTestId("new-key-notice");
  await expect(notice).toContainText("only time it is shown");
  const key = await notice.getByLabel("New API key").inputValue();
  expect(key).toMatch(/^eaa_[A-Za-z0-9_-]{20,}$/);
  await notice.getByRole("button", { name: "Copy key" }).click();
  await expect(notice.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await snap(page, testInfo, "04-keys-created");

  await notice.getByRole("button", { name: "Done" }).click();
  await expect(notice).toHaveCount(0);
  // Once dismissed, the key is nowhere on the page; only its prefix remains.
  expect(await page.content()).not.toContain(key);
  const row = page.getByTestId("api-key-row").filter({ hasText: "E2E laptop" });
  await expect(row).toContainText("Active");
  await expect(row).toContainText(key.slice(0, 12));

  await row.getByRole("button", { name: "Revoke E2E laptop" }).click();
  await row.getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  // The buttons that had focus are gone: focus lands on the row, which now says "Revoked".
  await expect(row).toBeFocused();
  // The list comes from the server: a reload still shows the key as revoked.
  await page.reload();
  await expect(page.getByTestId("api-key-row").filter({ hasText: "E2E laptop" })).toContainText("Revoked");
  await snap(page, testInfo, "05-keys-revoked");

  // Every dashboard page opens, has its heading and is marked as current in the menu.
  for (const item of DASHBOARD_PAGES) {
    await nav.getByRole("link", { name: item.label }).click();
    await expect(page).toHaveURL(new RegExp(`${item.path.replace(/\//g, "\\/")}$`), SLOW);
    await expect(page.getByRole("heading", { level: 1, name: item.heading })).toBeVisible();
    await expect(nav.getByRole("link", { name: item.label })).toHaveAttribute("aria-current", "page");
    await snap(page, testInfo, `06-page-${item.path.split("/").pop()}`);
  }

  // Sign out: back on the landing page, and the dashboard is closed again.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdashboard$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await snap(page, testInfo, "07-sign-in-after-sign-out");

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("Not-the-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert(page)).toHaveText("Wrong email or password.");
  await snap(page, testInfo, "08-sign-in-wrong-password");

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, SLOW);
  await expect(page.getByTestId("user-email")).toHaveText(email);
  expect(pageErrors).toEqual([]);
});

test("an off-site next parameter is ignored after sign-up", async ({ page }, testInfo) => {
  await page.goto("/sign-up?next=//evil.example/steal");
  await page.getByLabel("Email").fill(uniqueEmail(testInfo, "next"));
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(new RegExp(`^http://localhost:${process.env.E2E_PORT ?? 3210}/dashboard$`), SLOW);
});

test("crafted next values never send a signed-in browser off-site", async ({ page, baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "redirect headers do not depend on the viewport");
  const signup = await page.request.post("/api/auth/signup", { data: { email: uniqueEmail(testInfo, "redirect"), password: PASSWORD } });
  expect(signup.status()).toBe(201);
  const attacks = ["/..//evil.example", "/.//evil.example", "/%2e%2e//evil.example", "/./\\evil.example", "/%5c%5cevil.example", "/\t/evil.example"];
  for (const next of attacks) {
    for (const pagePath of ["/sign-in", "/sign-up"]) {
      const response = await page.request.get(`${pagePath}?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
      expect(response.status(), `${pagePath} ${next}`).toBe(307);
      const location = response.headers().location;
      expect(new URL(location, baseURL).origin, `${pagePath} ${next}: ${location}`).toBe(new URL(baseURL!).origin);
      expect(location, `${pagePath} ${next}`).toMatch(/^(?:https?:\/\/[^/]+)?\/dashboard$/);
    }
    const refresh = await page.request.get(`/auth/refresh?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
    expect(refresh.status(), `/auth/refresh ${next}`).toBe(303);
    expect(refresh.headers().location, `/auth/refresh ${next}`).toBe(`${baseURL}/dashboard`);
  }
});

test("unknown pages get the not-found page", async ({ page }, testInfo) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  await snap(page, testInfo, "09-not-found");
});

test("dark mode: the landing and sign-in pages keep readable contrast", async ({ page }, testInfo) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  // The page background follows the system theme (not a light page with dark text on top).
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toMatch(/255, 255, 255|oklch\(1 /);
  await snap(page, testInfo, "10-landing-dark");
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("Not-the-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert(page)).toHaveText("Wrong email or password.");
  await snap(page, testInfo, "11-sign-in-dark");
});

test("a deep link to a dashboard page comes back there after sign-in", async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, "deep");
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, SLOW);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);

  // An HTTP redirect (not a page that redirects in the browser), keeping the query string.
  const direct = await page.request.get("/dashboard/history?q=budget", { maxRedirects: 0 });
  expect(direct.status()).toBe(307);
  expect(direct.headers().location).toMatch(/\/sign-in\?next=%2Fdashboard%2Fhistory%3Fq%3Dbudget$/);

  await page.goto("/dashboard/settings");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdashboard%2Fsettings$/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard\/settings$/, SLOW);
  // On narrow screens the whole menu wraps into view, the current page among it.
  await expect(page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Settings" })).toBeInViewport();
  await snap(page, testInfo, "12-deep-link-settings");
});

test("keyboard: the skip link comes first and the sign-in form works without a mouse", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === "mobile", "no keyboard on the phone profile");
  await page.goto("/sign-in");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main-content")).toBeFocused();

  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type("nobody@example.com");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type("Not-the-password-1");
  await page.keyboard.press("Enter");
  await expect(formAlert(page)).toHaveText("Wrong email or password.");
});
