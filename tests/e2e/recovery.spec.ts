// Recovering and changing a password in the browser, with a real SMTP server catching the email
// the app sends (playwright.config.ts points the server's SMTP_URL at the port this spec listens
// on): sign-in → "Forgot password?" → the emailed link → a new password → signed in; the link
// refused the second time; then a password change on the Account page.
import AxeBuilder from "@axe-core/playwright";
import { expect, request as playwrightRequest, test, type Page } from "@playwright/test";
import { resetLinkIn, startSmtpSink } from "../fixtures/email/smtp-sink";

const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? Number(process.env.E2E_PORT ?? 3210) + 1000);
const FIRST = "Spreadsheet-42!";
const RECOVERED = "Recovered-pass-7";
const CHANGED = "Changed-pass-9";

let sink: Awaited<ReturnType<typeof startSmtpSink>>;

test.beforeAll(async () => {
  sink = await startSmtpSink({ port: SMTP_PORT });
});
test.afterAll(async () => {
  await sink?.close();
});

async function noAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("forgot password → emailed link → new password → signed in; then change it on the Account page", async ({ page, baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one walk is enough; the forms are the same at every size");
  const email = `e2e-recovery-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const api = await playwrightRequest.newContext({ baseURL });
  const created = await api.post("/api/auth/signup", { data: { email, password: FIRST } });
  expect(created.status()).toBe(201);
  await api.dispose();

  // Sign-in → "Forgot password?" → the request form.
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  await noAxeViolations(page);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  const sent = page.getByRole("status").filter({ hasText: "Check your email" });
  await expect(sent).toBeFocused();
  await expect(sent).toContainText(email);

  // The link from the email opens the reset page.
  const mail = await sink.waitFor(email, { timeoutMs: 20_000 });
  const { link } = resetLinkIn(mail);
  expect(new URL(link).origin).toBe(new URL(baseURL!).origin);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await noAxeViolations(page);
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Set new password and sign in" }).click();
  await expect(page.locator("form [role=alert]")).toContainText("too weak");
  await page.getByLabel("New password").fill(RECOVERED);
  await page.getByRole("button", { name: "Set new password and sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  // The same link again: refused, with the way forward.
  const other = await page.context().browser()!.newPage();
  await other.goto(link);
  await other.getByLabel("New password").fill("Another-pass-8");
  await other.getByRole("button", { name: "Set new password and sign in" }).click();
  await expect(other.getByText("This reset link was already used")).toBeVisible();
  await expect(other.getByRole("link", { name: "Ask for a new reset link" })).toBeVisible();
  await other.close();

  // Change the password on the Account page: a wrong current password first.
  await page.goto("/dashboard/account");
  await expect(page.getByRole("heading", { level: 2, name: "Change password" })).toBeVisible();
  await noAxeViolations(page);
  await page.getByLabel("Current password").fill(FIRST);
  await page.getByLabel("New password").fill(CHANGED);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was not changed: Your current password is not right.")).toBeVisible();
  await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Current password").fill(RECOVERED);
  await page.getByRole("button", { name: "Change password" }).click();
  const changed = page.getByRole("status").filter({ hasText: "Password changed" });
  await expect(changed).toBeFocused();

  // Still signed in here; the new password is the one that works.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  const check = await playwrightRequest.newContext({ baseURL });
  expect((await check.post("/api/auth/login", { data: { email, password: RECOVERED } })).status()).toBe(401);
  expect((await check.post("/api/auth/login", { data: { email, password: CHANGED } })).status()).toBe(200);
  await check.dispose();
});

test("the add-in's sign-in window leads to the reset request and back", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === "mobile", "the dialog is the size of the task pane");
  await page.goto("/addin/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  await noAxeViolations(page);
  await page.getByLabel("Email").fill("nobody-here@example.com");
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check your email" })).toBeFocused();
  await page.getByRole("link", { name: "Back to sign in" }).click();
  await expect(page).toHaveURL(/\/addin\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to the Excel add-in" })).toBeVisible();
});

test("a reset page opened without a link says what to do", async ({ page }) => {
  await page.goto("/reset-password");
  await expect(page.getByText("This link cannot be used")).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new reset link" })).toBeVisible();
  await noAxeViolations(page);
});
