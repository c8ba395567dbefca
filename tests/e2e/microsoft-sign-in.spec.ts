// Microsoft sign-in in the task pane, inside the fake Office host: with nested app
// authentication unavailable, Sign in takes the token Office single sign-on gives and the server
// accepts it (no dialog, no password); a token the server refuses is explained and the dialog
// opens instead; with no single sign-on at all the dialog opens. The server reads its signing
// keys from the local key server started here (playwright.config.ts points ENTRA_JWKS_URL at it).
import { randomUUID } from "node:crypto";
import { expect, test, type Browser } from "@playwright/test";
import type { WorkbookSeed } from "../fixtures/addin/workbook-store";
import { FAKE_CLIENT_ID, startFakeEntra } from "../fixtures/entra/fake-entra";
import { fakeOfficeScript } from "./fixtures/fake-office-host";

const ENTRA_PORT = Number(process.env.E2E_ENTRA_PORT ?? Number(process.env.E2E_PORT ?? 3210) + 2000);
// The first signed-in request may be the server's first database use (migrations on a fresh
// embedded database): slow on a loaded machine.
const SLOW = { timeout: 90_000 };
const SEED: WorkbookSeed = {
  workbookName: "Budget.xlsx",
  activeSheet: "Sheet1",
  selection: "Sheet1!A1:B3",
  sheets: { Sheet1: [["Region", "Q1"], ["North", 1200], ["South", 900]] },
};

test.describe.configure({ mode: "serial" });

const TASKPANE_ONLY = "the task pane runs in the taskpane project only (one key server on one port)";
let entra: Awaited<ReturnType<typeof startFakeEntra>>;
test.beforeAll(async ({}, testInfo) => {
  if (testInfo.project.name === "taskpane") entra = await startFakeEntra({ port: ENTRA_PORT });
});
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== "taskpane", TASKPANE_ONLY));
test.afterAll(async () => {
  await entra?.close();
});

async function openPane(browser: Browser, baseURL: string, officeSsoToken?: string) {
  const context = await browser.newContext({ viewport: { width: 350, height: 720 } });
  await context.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ body: "", contentType: "text/javascript" }));
  await context.addInitScript({ content: fakeOfficeScript(SEED, { documentUrl: "https://contoso.sharepoint.com/Budget.xlsx", officeSsoToken }) });
  const pane = await context.newPage();
  await pane.goto(`${baseURL}/addin/taskpane`);
  return { context, pane };
}

test("signs in with the token Office single sign-on gives, without a dialog", async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const tenant = randomUUID();
  const oid = randomUUID();
  const token = await entra.mint(entra.claims(tenant, oid, { aud: FAKE_CLIENT_ID }));
  const { context, pane } = await openPane(browser, baseURL!, token);
  const popups: string[] = [];
  context.on("page", (page) => popups.push(page.url()));

  await expect(pane.getByText("Uses the Microsoft account you are signed in to Office with")).toBeVisible();
  const reported = pane.waitForResponse((response) => response.url().endsWith("/api/addin/heartbeat") && response.request().method() === "POST", SLOW);
  await pane.getByRole("button", { name: "Sign in" }).click();
  const heartbeat = await reported;
  expect(heartbeat.status()).toBe(200);
  expect(await heartbeat.request().headerValue("authorization")).toBe(`Bearer ${token}`);
  await expect(pane.getByLabel("Ask about your selection")).toBeVisible();
  expect(popups).toEqual([]);

  const calls = await pane.evaluate(() => (window as unknown as { __fakeExcel: { ssoCalls: unknown[] } }).__fakeExcel.ssoCalls);
  expect(calls).toEqual([{ allowSignInPrompt: true, allowConsentPrompt: true, forMSGraphAccess: false }]);
  // The host does not support nested app authentication: the token came from Office SSO, and the
  // pane will renew it that way.
  const stored = await pane.evaluate(() => localStorage.getItem("excel-ai-assistant:addin:credential:v1"));
  expect(JSON.parse(stored ?? "null")).toMatchObject({ kind: "microsoft", via: "office", accessToken: token });

  // Signed in for good: the pane shows the account the token names, and keeps it after a reload.
  await pane.getByRole("button", { name: "Settings" }).click();
  await expect(pane.getByText(`ada.${oid.slice(0, 8)}@contoso.example`)).toBeVisible();
  await pane.reload();
  await expect(pane.getByLabel("Ask about your selection")).toBeVisible(SLOW);
  await context.close();
});

test("lets a Microsoft user download their data and delete their account from the settings", async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const oid = randomUUID();
  const email = `ada.${oid.slice(0, 8)}@contoso.example`;
  // Office single sign-on hands out this one token, issued a minute ago: fresh enough to erase.
  const { context, pane } = await openPane(browser, baseURL!, await entra.mint(entra.claims(randomUUID(), oid)));
  await pane.getByRole("button", { name: "Sign in" }).click();
  await expect(pane.getByLabel("Ask about your selection")).toBeVisible(SLOW);
  await pane.getByRole("button", { name: "Settings" }).click();

  const [download] = await Promise.all([pane.waitForEvent("download"), pane.getByRole("button", { name: "Download my data" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^excel-ai-assistant-export-\d{4}-\d{2}-\d{2}\.json$/);

  await pane.getByRole("button", { name: "Delete account…" }).click();
  const confirm = pane.getByLabel(/Type your account email/);
  await expect(confirm).toBeFocused();
  await confirm.fill("someone.else@contoso.example");
  await pane.getByRole("button", { name: "Delete my account" }).click();
  await expect(pane.getByRole("region", { name: "Your data" }).getByRole("alert")).toContainText(`it did not match this account's email, ${email}`);

  await confirm.fill(email);
  await pane.getByRole("button", { name: "Delete my account" }).click();
  await expect(pane.getByText("Your account and everything stored with it have been deleted.")).toBeVisible();
  await expect(pane.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(await pane.evaluate(() => localStorage.getItem("excel-ai-assistant:addin:credential:v1"))).toBeNull();
  await context.close();
});

test("explains a token the server refuses, then offers the dialog", async ({ browser, baseURL }) => {
  const expired = await entra.mint(entra.claims(randomUUID(), randomUUID(), { exp: Math.floor(Date.now() / 1000) - 3600 }));
  const { context, pane } = await openPane(browser, baseURL!, expired);
  const [dialog] = await Promise.all([context.waitForEvent("page"), pane.getByRole("button", { name: "Sign in" }).click()]);
  await dialog.waitForLoadState();
  expect(new URL(dialog.url()).pathname).toBe("/addin/sign-in");
  await expect(pane.getByText(/Your Microsoft account could not sign in here\. This Microsoft access token was refused: it has expired\. Sign in again\. Use your email and password instead\./)).toBeVisible();
  await context.close();
});

test("opens the dialog when Office has no single sign-on", async ({ browser, baseURL }) => {
  const { context, pane } = await openPane(browser, baseURL!);
  const [dialog] = await Promise.all([context.waitForEvent("page"), pane.getByRole("button", { name: "Sign in" }).click()]);
  await dialog.waitForLoadState();
  expect(new URL(dialog.url()).pathname).toBe("/addin/sign-in");
  await expect(dialog.getByLabel("Email")).toBeVisible();
  await context.close();
});
