// The dashboard's API reference: a signed-in user opens it from the menu, finds every operation
// of the published OpenAPI document grouped by tag, reads what one takes and returns, follows the
// contents to an operation, and opens the raw JSON. Nothing is loaded from another origin.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";

const PASSWORD = "Spreadsheet-42!";
const SLOW = { timeout: 30_000 };

async function snap(page: Page, testInfo: TestInfo, name: string) {
  const dir = path.join("tests", "e2e", "screenshots", testInfo.project.name);
  mkdirSync(dir, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(dir, `api-docs-${name}.png`), fullPage: true });
}

test("the API reference page renders the OpenAPI document for people", async ({ page, baseURL }, testInfo) => {
  // The first sign-up of a fresh server creates its database.
  test.setTimeout(120_000);
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(baseURL!) && !request.url().startsWith("data:")) foreignRequests.push(request.url());
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  // Every request the page makes must succeed. (Chromium's own favicon probe is not the page's
  // and only shows up as a console message, so those messages are left to this check.)
  page.on("response", (response) => {
    if (response.status() >= 400) pageErrors.push(`${response.status()} ${response.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) pageErrors.push(message.text());
  });

  // The browser context shares cookies with page.request: signing up here signs the page in.
  const email = `e2e-api-docs-${testInfo.project.name}-${Date.now()}@example.com`;
  const signup = await page.request.post("/api/auth/signup", { data: { email, password: PASSWORD } });
  expect(signup.status()).toBe(201);

  const published = await page.request.get("/api/openapi.json");
  expect(published.status()).toBe(200);
  expect(published.headers()["cache-control"]).toMatch(/^public/);
  const document = await published.json();
  expect(document.openapi).toBe("3.1.0");
  const operations = Object.entries(document.paths as Record<string, Record<string, { summary: string }>>).flatMap(([p, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path: p, summary: op.summary })),
  );

  await page.goto("/dashboard", SLOW);
  const nav = page.getByRole("navigation", { name: "Dashboard" });
  await nav.getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/dashboard\/api$/, SLOW);
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "API reference" })).toHaveAttribute("aria-current", "page");

  // One card per documented operation, each with its method, path and summary.
  const cards = page.getByTestId("api-operation");
  await expect(cards).toHaveCount(operations.length);
  for (const op of operations) {
    const card = cards.filter({ has: page.getByRole("heading", { level: 3, name: `${op.method} ${op.path}`, exact: true }) });
    await expect(card, `${op.method} ${op.path}`).toHaveCount(1);
    await expect(card).toContainText(op.summary);
  }
  for (const tag of ["Chat", "History", "API keys", "Usage", "Service"]) {
    await expect(page.getByRole("heading", { level: 2, name: tag, exact: true })).toBeVisible();
  }

  // How to call it: the credentials, the error envelope, rate limits.
  await expect(page.getByRole("list", { name: "Credentials" })).toContainText("API key");
  await expect(page.locator("code", { hasText: '{"error": {"code", "message", "requestId"}}' })).toBeVisible();

  // One operation in detail: who may call it, how often, what to send, what comes back.
  const ask = cards.filter({ has: page.getByRole("heading", { level: 3, name: "POST /api/v1/chat", exact: true }) });
  await expect(ask).toContainText("guests may call it");
  await expect(ask).toContainText("10 a minute and 50 per 15 minutes, per user (guests: per client address)");
  const body = ask.getByRole("table", { name: "Request body of POST /api/v1/chat" });
  await expect(body.getByRole("row").filter({ hasText: "message" }).first()).toContainText("required");
  await expect(body).toContainText("at most 8,000 characters");
  await ask.getByText("Example", { exact: true }).click();
  await expect(ask.locator("pre")).toContainText('"message": "What is the total of Q1?"');
  await expect(ask.getByRole("table", { name: "Fields of the 200 answer" })).toContainText("conversationId");
  await ask.getByText(/^Errors \(/).click();
  await expect(ask.getByRole("table", { name: "Errors of POST /api/v1/chat" })).toContainText("quota_exceeded");

  // The stream is described as what it is.
  const stream = cards.filter({ has: page.getByRole("heading", { level: 3, name: "POST /api/chat", exact: true }) });
  await expect(stream).toContainText("text/event-stream");
  await expect(stream).toContainText("UI message stream protocol");
  await snap(page, testInfo, "reference");

  // The contents jump to an operation.
  await page.getByRole("navigation", { name: "Operations" }).getByRole("link", { name: "GET /api/usage" }).click();
  await expect(page).toHaveURL(/#getUsage$/);
  await expect(page.locator("#getUsage")).toBeInViewport();

  // The raw document opens from the page.
  const link = page.getByRole("link", { name: "OpenAPI document (JSON)" });
  await expect(link).toHaveAttribute("href", "/api/openapi.json");
  const [raw] = await Promise.all([page.context().waitForEvent("page"), link.click()]);
  await raw.waitForLoadState();
  // Chromium shows a JSON response as text in a <pre>.
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText(), the text as shown, not the DOM property
  expect(JSON.parse(await raw.locator("pre").first().innerText())).toMatchObject({ openapi: "3.1.0" });
  await raw.close();

  expect(foreignRequests).toEqual([]);
  expect(pageErrors).toEqual([]);
});
