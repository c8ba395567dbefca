// The whole axe-core rule set (WCAG 2.0/2.1 A and AA, plus axe's best practices) on every page and
// every task-pane view, in both colour schemes, at desk and phone sizes (the desktop and mobile
// projects; the task pane at its own 350px width in both). Each state is checked as a user
// reaches it: public pages, each dashboard page with real data in it, the playground with a
// workbook open (analysis, cells, an answer), and the pane's welcome, chat, answer, history and
// settings views, signed in and as a guest. Any violation fails, listed with the rule and the element.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import type { StoreCell, WorkbookSeed } from "../fixtures/addin/workbook-store";
import { writeSalesFixtures } from "../fixtures/workbooks/build-sales-workbook";
import { fakeOfficeScript } from "./fixtures/fake-office-host";

const PASSWORD = "Spreadsheet-42!";
const SLOW = { timeout: 60_000 };
const SCHEMES = ["light", "dark"] as const;
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

const SALES: StoreCell[][] = [
  ["Region", "Q1", "Q2"],
  ["North", 1200, 1350],
  ["South", 900, 1010],
  ["East", 1500, 1650],
];
const SEED: WorkbookSeed = { workbookName: "Budget.xlsx", activeSheet: "Sheet1", selection: "Sheet1!A1:C4", sheets: { Sheet1: SALES } };

/** Colour eases between schemes (transition-colors): wait for running CSS transitions to end. */
async function settle(page: Page) {
  await page.evaluate(async () => {
    const transitions = document.getAnimations().filter((animation) => animation instanceof CSSTransition && animation.playState === "running");
    const ended = Promise.all(transitions.map((transition) => transition.finished.catch(() => undefined)));
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 1_000))]);
  });
}

/** Every rule, both schemes; the scheme is proven to have taken effect before each check. */
async function expectAccessible(page: Page, state: string) {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    await settle(page);
    const luminance = await page.evaluate(() => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 1;
      const context = canvas.getContext("2d")!;
      context.fillStyle = getComputedStyle(document.body).backgroundColor;
      context.fillRect(0, 0, 1, 1);
      const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    });
    expect(luminance > 0.5 ? "light" : "dark", `${state}: the page background follows the ${colorScheme} preference`).toBe(colorScheme);
    // The development server's own overlay is not part of the product.
    const { violations, passes } = await new AxeBuilder({ page }).withTags(TAGS).exclude("nextjs-portal").analyze();
    expect(passes.length, `${state}, ${colorScheme}: rules ran`).toBeGreaterThan(10);
    const found = violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(" ")} — ${node.failureSummary?.split("\n").slice(1).join(" ").trim()}`));
    expect.soft(found, `${state}, ${colorScheme} scheme: axe violations`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}

// In order, one worker; a failing check does not skip the views after it.
test.describe.configure({ mode: "default", timeout: 240_000 });

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name === "taskpane", "the task pane views are checked at its width within the desktop and mobile runs");
});

test("public pages", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible(SLOW);
  await expectAccessible(page, "landing page");

  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible(SLOW);
  await expectAccessible(page, "sign-in");
  await page.getByLabel("Email").fill("nobody-here@example.com");
  await page.getByLabel("Password").fill("Wrong-password-1!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form [role=alert] [data-slot=alert]")).toBeVisible(SLOW);
  await expectAccessible(page, "sign-in with an error");

  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible(SLOW);
  await expectAccessible(page, "sign-up");

  await page.goto("/addin/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible(SLOW);
  await expectAccessible(page, "add-in sign-in window");

  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible(SLOW);
  await expectAccessible(page, "page not found");
});

test("the favicon is served and declared", async ({ page }) => {
  await page.goto("/");
  const href = await page.locator('head link[rel~="icon"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^image\//);
});

test.describe("signed in", () => {
  let page: Page;

  test.beforeAll(async ({ browser }, testInfo) => {
    if (testInfo.project.name === "taskpane") return;
    test.setTimeout(180_000);
    const project = testInfo.project.use;
    const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, baseURL } = project;
    const context = await browser.newContext({ viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, baseURL });
    page = await context.newPage();
    await page.goto("/sign-up");
    await page.getByLabel("Email").fill(`e2e-a11y-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/dashboard$/, { timeout: 150_000 });
  });

  test.afterAll(async () => {
    await page?.context().close();
  });

  test("the phone menu reaches every page without scrolling sideways", async ({}, testInfo) => {
    await page.goto("/dashboard");
    const nav = page.getByRole("navigation", { name: "Dashboard" });
    await expect(nav).toBeVisible(SLOW);
    const links = nav.getByRole("link");
    expect(await links.count()).toBeGreaterThanOrEqual(9);
    for (const link of await links.all()) await expect(link).toBeInViewport({ ratio: 1 });
    const sideways = await page.evaluate(() => {
      const list = document.querySelector('nav[aria-label="Dashboard"] ul')!;
      return { list: list.scrollWidth - list.clientWidth, page: document.documentElement.scrollWidth - document.documentElement.clientWidth };
    });
    expect(sideways, `${testInfo.project.name}: nothing scrolls sideways`).toEqual({ list: 0, page: 0 });
  });

  test("dashboard pages", async () => {
    await page.goto("/dashboard");
    await expect(page.getByText(/No chats in the last 30 days/)).toBeVisible(SLOW);
    await expectAccessible(page, "overview, empty");

    const created = await page.evaluate(async () => (await fetch("/api/keys", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "Axe check" }) })).status);
    expect(created).toBe(201);
    await page.goto("/dashboard/keys");
    await expect(page.getByText("Axe check")).toBeVisible(SLOW);
    await expectAccessible(page, "API keys with a key");

    for (const [path, name] of [
      ["/dashboard/billing", "billing"],
      ["/dashboard/settings", "settings"],
      ["/dashboard/account", "account"],
      ["/dashboard/connect", "connect"],
      ["/dashboard/api", "API reference"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible(SLOW);
      await page.waitForLoadState("networkidle");
      await expectAccessible(page, name);
    }
  });

  test("playground: empty, a workbook's analysis and cells, an answer; then history", async () => {
    const fixtures = writeSalesFixtures();
    await page.goto("/dashboard/playground");
    await expect(page.getByRole("heading", { level: 1, name: "Playground" })).toBeVisible(SLOW);
    await expectAccessible(page, "playground, empty");

    await page.locator("#playground-file").setInputFiles(fixtures.xlsx);
    await expect(page.getByTestId("analysis-summary")).toContainText("48 rows × 5 columns", SLOW);
    await expect(page.getByRole("figure").locator("svg").first()).toBeVisible();
    await expectAccessible(page, "playground, analysis");
    await page.getByRole("tab", { name: "Cells" }).click();
    await expect(page.getByTestId("data-preview")).toContainText("North");
    await expectAccessible(page, "playground, cells");

    await page.getByRole("tab", { name: /Chat/ }).click();
    await page.getByLabel("Ask about this range").fill("What is the total revenue?");
    await page.getByLabel("Ask about this range").press("Enter");
    await expect(page.getByTestId("chat-status")).toHaveText("The answer is complete.", SLOW);
    await page.getByTestId("context-preview").locator("summary").click();
    await expectAccessible(page, "playground, an answer and what was sent");

    await page.goto("/dashboard");
    await expect(page.getByRole("figure", { name: "Chats per day" })).toBeVisible(SLOW);
    await expectAccessible(page, "overview with usage");
    await page.goto("/dashboard/history");
    await expect(page.getByTestId("conversation-row")).toHaveCount(1, SLOW);
    await expectAccessible(page, "history");
    await page.getByRole("link", { name: "What is the total revenue?" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "What is the total revenue?" })).toBeVisible(SLOW);
    await expectAccessible(page, "a conversation");
  });

  test("the task pane: welcome, chat, an answer, settings, history", async () => {
    const apiKey = await page.evaluate(async () => (await (await fetch("/api/keys", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "Pane" }) })).json()).key as string);
    const pane = await page.context().newPage();
    await pane.setViewportSize({ width: 350, height: 720 });
    await pane.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ body: "", contentType: "text/javascript" }));
    await pane.addInitScript({ content: fakeOfficeScript(SEED, { documentUrl: "https://contoso.sharepoint.com/Budget.xlsx" }) });
    await pane.goto("/addin/taskpane");
    await expect(pane.getByRole("button", { name: "Continue as a guest" })).toBeVisible(SLOW);
    await expect(pane.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(pane, "task pane, welcome");

    await pane.getByLabel(/paste an API key/).fill(apiKey);
    await pane.getByRole("button", { name: "Use key" }).click();
    await expect(pane.getByTestId("selection-address")).toHaveText("Sheet1!A1:C4", SLOW);
    await expect(pane.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(pane, "task pane, chat with the selection");

    await pane.getByLabel("Ask about your selection").fill("Summarize this data");
    await pane.getByLabel("Ask about your selection").press("Enter");
    await expect(pane.getByTestId("assistant-message").last()).toContainText("Offline analyst", SLOW);
    await expectAccessible(pane, "task pane, an answer");

    await pane.getByRole("button", { name: "Settings" }).click();
    await expect(pane.getByTestId("account-name")).toBeVisible();
    await expectAccessible(pane, "task pane, settings");
    await pane.getByRole("button", { name: "Settings" }).click();

    await pane.getByRole("button", { name: "Conversations in this workbook" }).click();
    await expect(pane.getByRole("button", { name: /Summarize this data/ })).toBeVisible(SLOW);
    await expect(pane.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(pane, "task pane, history");
    await pane.close();
  });
});

test("the task pane as a guest: chat with the selection, and settings", async ({ browser }) => {
  const context = await browser.newContext();
  const pane = await context.newPage();
  await pane.setViewportSize({ width: 350, height: 720 });
  await pane.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ body: "", contentType: "text/javascript" }));
  await pane.addInitScript({ content: fakeOfficeScript(SEED, { documentUrl: "https://contoso.sharepoint.com/Budget.xlsx" }) });
  await pane.goto("/addin/taskpane");
  await pane.getByRole("button", { name: "Continue as a guest" }).click(SLOW);
  await expect(pane.getByTestId("selection-address")).toHaveText("Sheet1!A1:C4", SLOW);
  await expect(pane.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(pane, "task pane as a guest, chat with the selection");

  await pane.getByRole("button", { name: "Settings" }).click();
  await expect(pane.getByTestId("plan-usage")).toContainText("Guests get a few questions a day", SLOW);
  await expectAccessible(pane, "task pane as a guest, settings");
  await context.close();
});
