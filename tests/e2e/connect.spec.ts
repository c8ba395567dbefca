// Getting the add-in, walked as a newcomer: the landing page's "Get the add-in" → sign up → the
// Connect page (not connected yet, the http warning this http test server deserves, the admin
// steps) → the manifest downloads in one click and is the manifest → a task pane signed in
// inside (fake) Excel reports in → the Connect page shows "Connected". Then: end-user pages
// carry no operator words, the pricing section shows prices, and the preferred model is a choice.
import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { WorkbookSeed } from "../fixtures/addin/workbook-store";
import { fakeOfficeScript } from "./fixtures/fake-office-host";

const PASSWORD = "Spreadsheet-42!";
const SLOW = { timeout: 30_000 };
const SEED: WorkbookSeed = {
  workbookName: "Budget.xlsx",
  activeSheet: "Sheet1",
  selection: "Sheet1!A1:B3",
  sheets: { Sheet1: [["Region", "Q1"], ["North", 1200], ["South", 900]] },
};

test.describe.configure({ mode: "serial" });

let context: BrowserContext;
let page: Page;
let email: string;

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
  page = await context.newPage();
  email = `connect-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;
});

test.afterAll(async () => {
  await context?.close();
});

async function paneSignedIn(browser: Browser, baseURL: string) {
  const paneContext = await browser.newContext({ viewport: { width: 350, height: 720 } });
  await paneContext.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ body: "", contentType: "text/javascript" }));
  await paneContext.addInitScript({ content: fakeOfficeScript(SEED, { documentUrl: "https://contoso.sharepoint.com/Budget.xlsx" }) });
  const pane = await paneContext.newPage();
  await pane.goto(`${baseURL}/addin/taskpane`);
  const [dialog] = await Promise.all([paneContext.waitForEvent("page"), pane.getByRole("button", { name: "Sign in" }).click()]);
  await dialog.waitForLoadState();
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Password").fill(PASSWORD);
  const reported = pane.waitForResponse((response) => response.url().endsWith("/api/addin/heartbeat") && response.request().method() === "POST", SLOW);
  await Promise.all([dialog.waitForEvent("close"), dialog.getByRole("button", { name: "Sign in" }).click()]);
  const response = await reported;
  expect(response.status()).toBe(200);
  expect(response.request().postDataJSON()).toMatchObject({ host: "Excel", platform: "OfficeOnline", addinVersion: "1.0.0.0" });
  return paneContext;
}

test("landing → Get the add-in → Connect page → manifest → a pane reports in → connected", async ({ browser, baseURL }) => {
  await page.goto("/");
  // Prices are stated (this server has no Stripe: the plan table's prices).
  const pricing = page.locator("#pricing");
  await expect(pricing).toContainText("$0 forever");
  await expect(pricing).toContainText("$15 a month");
  await expect(pricing).toContainText("$49 a seat a month");

  await page.getByRole("main").getByRole("link", { name: "Get the add-in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdashboard%2Fconnect$/, SLOW);
  await page.getByRole("main").getByRole("link", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard\/connect$/, SLOW);

  await expect(page.getByRole("heading", { level: 1, name: "Get the Excel add-in" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Get the add-in" })).toHaveAttribute("aria-current", "page");
  const status = page.getByTestId("addin-status");
  await expect(status).toHaveAttribute("data-state", "not-connected");
  await expect(status).toContainText("Not connected yet");

  // This test server is plain http: the page says Office will refuse it, and what to do.
  const warning = page.getByTestId("https-notice");
  await expect(warning).toBeVisible();
  await expect(warning).toContainText("not served over https, so Excel will refuse the add-in");
  await expect(warning).toContainText("What to do");

  // The Microsoft 365 admin deployment steps.
  await expect(page.getByRole("heading", { name: /Microsoft 365 administrators/ })).toBeVisible();
  await expect(page.getByText("Settings › Integrated apps")).toBeVisible();

  // One click downloads the manifest, and the file is this deployment's manifest.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the manifest" }).click()]);
  expect(download.suggestedFilename()).toBe("manifest.xml");
  const xml = await readFile((await download.path())!, "utf8");
  expect(xml).toMatch(/^<\?xml/);
  expect(xml).toContain("<OfficeApp");
  expect(xml).toContain(`<SourceLocation DefaultValue="${baseURL}/addin/taskpane"/>`);

  // A task pane, signed in inside Excel, reports in; "Check again" shows it connected.
  const paneContext = await paneSignedIn(browser, baseURL!);
  await page.getByRole("button", { name: "Check again" }).click();
  await expect(status).toHaveAttribute("data-state", "connected", SLOW);
  await expect(status).toContainText("Connected — last seen");
  await expect(status).toContainText("Signed in from Excel on the web, version 16.0.18324.20000");
  await paneContext.close();

  // Another account's Connect page is not connected by this user's pane.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto("/sign-up?next=%2Fdashboard%2Fconnect");
  await otherPage.getByLabel("Email").fill(`other-${email}`);
  await otherPage.getByLabel("Password").fill(PASSWORD);
  await otherPage.getByRole("button", { name: "Create account" }).click();
  await expect(otherPage).toHaveURL(/\/dashboard\/connect$/, SLOW);
  await expect(otherPage.getByTestId("addin-status")).toHaveAttribute("data-state", "not-connected");
  await other.close();
});

// Environment variable names, adapter ids and operator phrases that must never reach end users.
const OPERATOR_WORDS = [
  /\b(?:STRIPE|OPENAI|AZURE_OPENAI|OPENAI_COMPATIBLE|SUPABASE|NEXT_PUBLIC|KV_REST|SMTP)_[A-Z_]+\b/,
  /\b(?:DATABASE_URL|REDIS_URL|AUTH_SECRET|DATA_DIR|DEFAULT_PLAN|AI_PROVIDER_ORDER|CRON_SECRET|METRICS_TOKEN|EMAIL_FROM|APP_URL|TRUST_PROXY)\b/,
  /mock-model/i,
  /not configured/i,
  /wire format|base url|api_key|provider chain/i,
];

test("end-user pages carry no operator details", async () => {
  const pages = [
    "/",
    "/dashboard",
    "/dashboard/connect",
    "/dashboard/billing",
    "/dashboard/settings",
    "/dashboard/playground",
    "/dashboard/history",
    "/dashboard/keys",
    "/dashboard/account",
  ];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator("main")).not.toBeEmpty(SLOW);
    await page.waitForLoadState("networkidle");
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is what the user sees, hidden text excluded
    const text = await page.locator("body").innerText();
    for (const word of OPERATOR_WORDS) expect(text, `${path} shows ${word}`).not.toMatch(word);
  }
  // Signed out too: the landing page and the auth pages.
  const guest = await page.context().browser()!.newContext();
  const guestPage = await guest.newPage();
  for (const path of ["/", "/sign-in", "/sign-up"]) {
    await guestPage.goto(path);
    // biome-ignore lint/performance/useDomNodeTextContent: as above
    const text = await guestPage.locator("body").innerText();
    for (const word of OPERATOR_WORDS) expect(text, `${path} (signed out) shows ${word}`).not.toMatch(word);
  }
  await guest.close();
});

test("the billing page states prices in a user's words, with nothing to buy here", async () => {
  await page.goto("/dashboard/billing");
  await expect(page.getByTestId("billing-off")).toContainText("Plans are not sold on this site");
  await expect(page.getByTestId("billing-off")).toContainText("at no charge");
});

test("the preferred model is a choice among what this site offers, and the server holds to it", async ({ baseURL }) => {
  await page.goto("/dashboard/settings");
  const select = page.getByLabel("Preferred model");
  await expect(select).toHaveValue("", SLOW);
  // This server runs the offline analyst only: Automatic is the one choice, and the help says why.
  expect(await select.locator("option").allTextContents()).toEqual(["Automatic (recommended)"]);
  await expect(page.getByText("answers with its offline analyst")).toBeVisible();

  const refused = await page.request.patch("/api/settings", { data: { preferredModel: "gpt-4o" }, headers: { Origin: baseURL! } });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error.message).toBe("preferredModel must be null: this site offers no choice of model.");
});
