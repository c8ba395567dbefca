// Agent mode end to end: the assistant reads the workbook itself, works in steps, proposes a
// change set across two sheets, and fixes the #REF! the check after applying finds — through the
// dashboard playground (the uploaded workbook) and the Excel task pane (the fake Office host), on a
// server of the same build whose only AI provider is the scripted agent model
// (tests/fixtures/ai/scripted-agent-model.ts). Each step is on screen as it happens, the change
// set is applied and undone as one, the verification reaches the model, and Stop ends an answer
// while the workbook is being read; in auto write mode the whole answer runs by itself.
import { expect, request, test, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { utils, write } from "xlsx";
import { startScriptedAgentModel, workbookAgentScript, type AgentScript, type ScriptedAgentModel } from "../fixtures/ai/scripted-agent-model";
import type { WorkbookSeed } from "../fixtures/addin/workbook-store";
import { fakeOfficeScript } from "./fixtures/fake-office-host";
import { startSecondServer, type SecondServer } from "./fixtures/second-server";

const PORT = Number(process.env.E2E_ADDIN_PORT ?? 3211);
const URL = `http://localhost:${PORT}`;
const PASSWORD = "Spreadsheet-42!";
const SLOW = { timeout: 30_000 };

const DATA = [
  ["Region", "Q1", "Q2"],
  ["North", 1200, 1350],
  ["South", 900, 1010],
  ["East", 1500, 1650],
  ["West", 700, 820],
];
const SUMMARY = [["Grand total", null]];
const SEED: WorkbookSeed = { workbookName: "Budget.xlsx", activeSheet: "Summary", selection: "Summary!A1", sheets: { Summary: SUMMARY, Data: DATA } };
const QUESTION = "Add a total per region and the grand total on Summary";

/** The workbook script, except that the grand total points at a sheet that does not exist: Excel shows #REF!. */
const brokenGrandTotal: AgentScript = (request) => {
  const reply = workbookAgentScript(request);
  if (request.steps.at(-1)?.[0]?.name === "read_range" && reply.toolCalls?.length === 2) reply.toolCalls[1].arguments.formulas = [["=SUM(Totals!D2:D5)"]];
  return reply;
};

let model: ScriptedAgentModel;
let server: SecondServer | undefined;

function watchConsole(page: Page) {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  return problems;
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({}, testInfo) => {
  test.skip(testInfo.project.name === "mobile", "the playground runs on desktop, the pane in the task pane project");
  test.skip(Boolean(process.env.E2E_DEV), "needs a production build (`next build`) to start a second server next to the main one");
  test.setTimeout(150_000);
  model = await startScriptedAgentModel({ script: brokenGrandTotal });
  server = await startSecondServer({
    port: PORT,
    name: `agent-${testInfo.project.name}`,
    env: {
      AUTH_SECRET: "e2e-agent-secret-that-is-at-least-32-characters",
      AI_PROVIDER_ORDER: "compatible",
      OPENAI_COMPATIBLE_BASE_URL: `${model.url}/v1`,
      OPENAI_COMPATIBLE_MODEL: "agent-model",
      OPENAI_COMPATIBLE_API_KEY: model.apiKey,
    },
  });
});

test.afterAll(async () => {
  server?.stop();
  await model?.close();
});

/** What the model received: this turn's results at each step, by tool. */
function stepsSeen(from: number) {
  return model.requests.slice(from).map((r) => r.steps.at(-1)?.map((result) => result.name) ?? []);
}

/** The scripted answer, as a user sees it: steps, the change set across two sheets, the #REF!, the fix. */
async function playScenario(page: Page, edits: { errorsText: RegExp; applyAll: () => Promise<void> }) {
  const from = model.requests.length;
  const steps = page.getByTestId("agent-step");
  await expect(steps.nth(0)).toHaveAttribute("data-tool", "list_sheets", SLOW);
  await expect(steps.nth(0).getByTestId("agent-step-result")).toHaveText("2 sheets, 0 tables, 0 named ranges", SLOW);
  await expect(steps.nth(1).getByTestId("agent-step-label")).toHaveText("Reading Data!A1:C5 (values and formulas)", SLOW);
  await expect(steps.nth(1).getByTestId("agent-step-result")).toHaveText("5 × 3 cells", SLOW);

  const set = page.getByTestId("change-set");
  await expect(set).toContainText("2 changes on 2 sheets (Data, Summary)", SLOW);
  await expect(set.getByTestId("change-set-sheet")).toHaveText(["Data", "Summary"]);
  await expect(set).toContainText("=SUM(B2:C2)");
  await expect(set).toContainText("=SUM(Totals!D2:D5)");
  await edits.applyAll();
  await expect(set.getByTestId("change-set-status")).toHaveText(/Applied/, SLOW);
  await expect(set.getByTestId("change-set-errors")).toHaveText(edits.errorsText);
  await expect(set.getByTestId("edit-card-errors")).toContainText("Summary!B10: #REF! (=SUM(Totals!D2:D5))");

  // The check reached the model, which proposes the fix in the next step of the same answer.
  const fix = page.getByTestId("edit-card").filter({ hasText: "Fix the #REF!" });
  await expect(fix).toBeVisible(SLOW);
  const verified = model.requests[from + 3];
  expect(verified.steps.at(-1)?.map((r) => r.data?.verification)).toEqual([{ errors: [] }, { errors: [{ address: "Summary!B10", error: "#REF!" }] }]);
  await fix.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(page.getByText("Done: the changes are applied and the check found no errors.")).toBeVisible(SLOW);
  expect(stepsSeen(from)).toEqual([[], ["list_sheets"], ["read_range"], ["write_range", "write_range"], ["write_range"]]);
  await expect(page.getByTestId("step-budget").last()).toContainText(/5 of \d+ steps used/);
  return { set, fix, from };
}

test("the playground: the assistant reads the uploaded workbook, applies a change set across sheets and fixes the #REF!", async ({ page }, testInfo: TestInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the playground's journey runs on desktop");
  const problems = watchConsole(page);
  await page.goto(`${URL}/sign-up`);
  await page.getByLabel("Email").fill(`agent-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 120_000 });

  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet(SUMMARY), "Summary");
  utils.book_append_sheet(book, utils.aoa_to_sheet(DATA), "Data");
  const buffer = write(book, { type: "buffer", bookType: "xlsx" }) as Buffer;
  await page.goto(`${URL}/dashboard/playground`);
  await page.locator("#playground-file").setInputFiles({ name: "budget.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
  await expect(page.getByTestId("workbook-name")).toHaveText("budget.xlsx", SLOW);
  await page.getByRole("tab", { name: /Chat/ }).click();
  const chatBodies: any[] = [];
  page.on("request", (req) => {
    if (req.url().endsWith("/api/chat") && req.method() === "POST") chatBodies.push(req.postDataJSON());
  });
  await page.getByLabel("Ask about this range").fill(QUESTION);
  await page.getByLabel("Ask about this range").press("Enter");

  const { set, fix } = await playScenario(page, {
    errorsText: /1 written cell would show an error in Excel; the assistant was told/,
    applyAll: () => page.getByTestId("change-set").getByRole("button", { name: "Apply all" }).click(),
  });
  expect(chatBodies[0].capabilities).toEqual({ tools: ["list_sheets", "read_range", "find_cells", "analyze_range"] });

  // Undo: the fix first (newest), then the whole change set in one step.
  await fix.getByRole("button", { name: "Undo" }).click();
  await set.getByRole("button", { name: "Undo all" }).click();
  await expect(set.getByTestId("change-set-status")).toHaveText("Undone");
  // Undoing ends nothing new: the answer does not continue.
  const requests = model.requests.length;
  await page.waitForTimeout(500);
  expect(model.requests.length).toBe(requests);

  // History shows the steps: what was read, with the stored result.
  await page.getByRole("link", { name: "Saved in History" }).click();
  const stored = page.getByTestId("agent-step");
  await expect(stored.first().getByTestId("agent-step-label")).toHaveText("Listing the workbook's sheets, tables and named ranges", SLOW);
  await expect(stored.nth(1).getByTestId("agent-step-label")).toHaveText("Reading Data!A1:C5 (values and formulas)");
  await expect(stored.nth(1).getByTestId("agent-step-result")).toHaveText("5 × 3 cells");
  expect(problems).toEqual([]);
});

async function useFakeOffice(context: BrowserContext) {
  await context.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ body: "", contentType: "text/javascript" }));
  await context.addInitScript({ content: fakeOfficeScript(SEED, { documentUrl: "https://contoso.sharepoint.com/sites/finance/Budget.xlsx" }) });
}

test("the task pane: the assistant reads Excel, applies a change set across sheets as one step, fixes the #REF!, undoes as one, stops on request, and runs by itself in auto mode", async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name !== "taskpane", "the task pane runs in the taskpane project");
  const api = await request.newContext({ baseURL: URL });
  const email = `agent-pane-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;
  const signup = await api.post("/api/auth/signup", { data: { email, password: PASSWORD } });
  const { access_token } = await signup.json();
  const created = await api.post("/api/keys", { data: { name: "Excel add-in" }, headers: { Authorization: `Bearer ${access_token}` } });
  const { key } = await created.json();
  await api.dispose();

  const problems = watchConsole(page);
  await useFakeOffice(context);
  await page.goto(`${URL}/addin/taskpane`);
  await page.getByLabel("Or paste an API key").fill(key);
  await page.getByRole("button", { name: "Use key" }).click();
  const composer = page.getByLabel("Ask about your selection");
  await composer.fill(QUESTION);
  await composer.press("Enter");
  const read = (address: string) => page.evaluate((a) => (window as any).__fakeExcel.read(a), address);

  const { set, fix } = await playScenario(page, {
    errorsText: /1 written cell shows an error; the assistant was told/,
    applyAll: () => page.getByTestId("change-set").getByRole("button", { name: "Apply all" }).click(),
  });
  // Excel calculated what was written, and the fix replaced the #REF!.
  expect((await read("Data!D1:D5")).values).toEqual([["Total"], [2550], [1910], [3150], [1520]]);
  expect((await read("Summary!B10")).formulas).toEqual([["=SUM(B2:B4)"]]);

  await fix.getByRole("button", { name: "Undo" }).click();
  await expect(fix.getByTestId("edit-card-status")).toHaveText("Undone");
  expect((await read("Summary!B10")).values).toEqual([["#REF!"]]);
  await set.getByRole("button", { name: "Undo all" }).click();
  await expect(set.getByTestId("change-set-status")).toHaveText("Undone");
  expect((await read("Data!D1:D5")).formulas).toEqual([[""], [""], [""], [""], [""]]);
  expect((await read("Summary!B10")).formulas).toEqual([[""]]);

  // Stop while the workbook is being read: the step says so and the answer goes no further.
  await page.evaluate(() => {
    (window as any).__fakeExcel.syncDelayMs = 400;
  });
  const before = model.requests.length;
  await composer.fill("Look at the workbook again");
  await composer.press("Enter");
  const running = page.locator('[data-testid="agent-step"][data-state="input-available"]');
  await expect(running).toHaveCount(1, SLOW);
  await page.getByRole("button", { name: "Stop the answer" }).click();
  await expect(page.getByTestId("agent-step-error").last()).toHaveText("Stopped by the user before this finished.", SLOW);
  await page.waitForTimeout(1_500);
  expect(model.requests.length).toBe(before + 1);
  await expect(composer).toBeEnabled();

  // In auto mode the same answer runs by itself: the change set is applied once its step is
  // complete, the #REF! found, the fix applied, and the answer closes.
  await page.evaluate(() => {
    (window as any).__fakeExcel.syncDelayMs = 5;
  });
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByLabel("When the assistant proposes a change").selectOption("auto");
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("button", { name: "New conversation" }).click();
  await composer.fill(QUESTION);
  await composer.press("Enter");
  await expect(page.getByTestId("change-set").getByTestId("change-set-status")).toHaveText("Applied automatically", SLOW);
  await expect(page.getByTestId("edit-card").filter({ hasText: "Fix the #REF!" }).getByTestId("edit-card-status")).toHaveText("Applied automatically", SLOW);
  await expect(page.getByText("Done: the changes are applied and the check found no errors.")).toBeVisible(SLOW);
  expect((await read("Data!D1:D5")).values).toEqual([["Total"], [2550], [1910], [3150], [1520]]);
  expect((await read("Summary!B10")).formulas).toEqual([["=SUM(B2:B4)"]]);
  expect(problems).toEqual([]);
});
