// The playground's file reading in a real browser: .xlsx, .xls and .csv uploads show their data;
// the reader (SheetJS) is not part of the page until a file is chosen and then runs in a Web
// Worker; a workbook built to pollute Object.prototype leaves the page's objects alone; a small
// file that stalls the parser is stopped with a message while the page stays usable; refused
// files say why.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { prototypeWorkbook, stallingWorkbook } from "../fixtures/workbooks/build-hostile-workbooks";
import { writeSalesFixtures } from "../fixtures/workbooks/build-sales-workbook";

const PASSWORD = "Spreadsheet-42!";
const SLOW = { timeout: 30_000 };
/** Text only SheetJS's code holds (its ZIP reader looks for this part), to find it among scripts. */
const SHEETJS_MARKER = "[Content_Types].xml";

test.describe.configure({ mode: "serial" });
let page: Page;
let fixtures: ReturnType<typeof writeSalesFixtures>;
const scripts: string[] = [];
/** Uncaught exceptions and console errors (CSP refusals among them) while the page is used. */
const pageErrors: string[] = [];

const fileInput = () => page.locator("#playground-file");
const fileError = () => page.locator("#playground-file-error");

async function openAnotherFile() {
  const details = page.locator("details").filter({ hasText: "Open another file" });
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
}

/** Milliseconds the page's main thread takes to run a 20 ms timer: small when it is free. */
async function timerLag(): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        setTimeout(() => resolve(performance.now() - start - 20), 20);
      }),
  );
}

async function prototypeState() {
  return page.evaluate(() => ({
    keys: Object.getOwnPropertyNames(Object.prototype).sort().join(","),
    c: typeof ({} as Record<string, unknown>).c,
    objectC: typeof (Object as unknown as Record<string, unknown>).c,
  }));
}

test.beforeAll(async ({ browser }, testInfo) => {
  // One layout is enough for file reading (the dashboard journey covers the others), and the
  // stalled parse below costs its full timeout.
  test.skip(testInfo.project.name !== "desktop", "file reading does not depend on the layout; desktop only");
  // The first sign-up of a run also creates the embedded database.
  test.setTimeout(150_000);
  fixtures = writeSalesFixtures();
  page = await browser.newPage({ baseURL: testInfo.project.use.baseURL });
  page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) pageErrors.push(message.text());
  });
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(response.url());
  });
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(`e2e-files-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 120_000 });
});

test.afterAll(async () => {
  await page?.close();
});

test("the reader is not in the page until a file is chosen", async () => {
  await page.goto("/dashboard/playground");
  await expect(page.getByRole("heading", { level: 1, name: "Playground" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(scripts.length).toBeGreaterThan(0);
  for (const url of scripts) {
    const body = await (await page.request.get(url)).text();
    expect(body.includes(SHEETJS_MARKER), `${url} holds the spreadsheet reader`).toBe(false);
  }
  expect(page.workers()).toHaveLength(0);
});

test("refused files say why, before anything is read", async () => {
  await fileInput().setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await expect(fileError()).toHaveText("“notes.txt” is not a spreadsheet this playground reads. Choose an .xlsx, .xls or .csv file.");
  await fileInput().setInputFiles({ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) });
  await expect(fileError()).toHaveText("“empty.csv” is empty.");
  await fileInput().setInputFiles({ name: "huge.csv", mimeType: "text/csv", buffer: Buffer.alloc(20 * 1024 * 1024 + 1, 0x31) });
  await expect(fileError()).toContainText("“huge.csv” is 20 MB; the limit is 20 MB.");
  // Parsed, but not a workbook: the reader's reason and what to do.
  await fileInput().setInputFiles({ name: "broken.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 9, 9, 9, 9]) });
  await expect(fileError()).toContainText("“broken.xlsx” could not be read as a spreadsheet", SLOW);
  await expect(fileError()).toContainText("Check that it opens in Excel");
  await expect.poll(() => page.workers().length).toBe(0);
});

test(".xlsx: the data, its formats and sheets", async () => {
  await fileInput().setInputFiles(fixtures.xlsx);
  await expect(page.getByTestId("workbook-name")).toHaveText("sales.xlsx", SLOW);
  await expect(page.getByLabel("Sheet", { exact: true }).locator("option")).toHaveText(["Sales", "Notes"]);
  await expect(page.getByTestId("analysis-summary")).toContainText("48 rows × 5 columns");
  await page.getByRole("tab", { name: "Cells" }).click();
  await expect(page.getByTestId("data-preview")).toContainText("2024-01-01");
  await expect(page.getByTestId("data-preview")).toContainText("$612.50");
  // The parse worker is ended once it has answered.
  await expect.poll(() => page.workers().length).toBe(0);
});

test(".xls: the same workbook in the legacy format", async () => {
  await openAnotherFile();
  await fileInput().setInputFiles(fixtures.xls);
  await expect(page.getByTestId("workbook-name")).toHaveText("sales.xls", SLOW);
  await expect(page.getByLabel("Sheet", { exact: true }).locator("option")).toHaveText(["Sales", "Notes"]);
  await expect(page.getByTestId("analysis-summary")).toContainText("48 rows × 5 columns");
  const columns = page.getByTestId("columns-table");
  await expect(columns.getByRole("row", { name: /Revenue/ })).toContainText("currency");
  await page.getByRole("tab", { name: "Cells" }).click();
  await expect(page.getByTestId("data-preview")).toContainText("North");
  await expect(page.getByTestId("data-preview")).toContainText("$12.50");
});

test(".csv: the table", async () => {
  await openAnotherFile();
  await fileInput().setInputFiles(fixtures.csv);
  await expect(page.getByTestId("workbook-name")).toHaveText("sales.csv", SLOW);
  await expect(page.getByTestId("analysis-summary")).toContainText("48 rows × 5 columns");
  await page.getByRole("tab", { name: "Cells" }).click();
  await expect(page.getByTestId("data-preview")).toContainText("West");
});

test("a file whose content is not what its extension says is refused, saying what it is", async () => {
  await openAnotherFile();
  const csvText = Buffer.from("Region,Revenue\nNorth,100\nSouth,200\n");
  await fileInput().setInputFiles({ name: "report.xlsx", mimeType: "application/octet-stream", buffer: csvText });
  await expect(fileError()).toHaveText(
    "“report.xlsx” is named .xlsx, but its content is plain text, such as CSV. If it is comma- or tab-separated data, rename it to end in .csv; otherwise open it in Excel and save it as .xlsx.",
  );
  await fileInput().setInputFiles({ name: "export.csv", mimeType: "text/csv", buffer: readFileSync(fixtures.xlsx) });
  await expect(fileError()).toHaveText(
    "“export.csv” is named .csv, but its content is an .xlsx workbook (or another zip archive). If it is an Excel workbook, rename it to end in .xlsx; otherwise open it in Excel and save it as .xlsx.",
  );
  // Refused on the bytes, before a parser starts; the open workbook stays.
  expect(page.workers()).toHaveLength(0);
  await expect(page.getByTestId("workbook-name")).toHaveText("sales.csv");
});

test("the chart suits the data: over time, per group, counted values, or none when all are the same", async () => {
  // The sales table: revenue over time first, and its total per region on request.
  await openAnotherFile();
  await fileInput().setInputFiles(fixtures.xlsx);
  await expect(page.getByTestId("analysis-summary")).toContainText("48 rows × 5 columns", SLOW);
  await expect(page.getByRole("figure", { name: "Revenue by Date" })).toBeVisible();
  await expect(page.getByTestId("chart-summary")).toContainText("12 dates from 2024-01-01 to 2024-12-01. The first date totals $");
  await page.getByLabel("Show", { exact: true }).selectOption({ label: "Total per Region" });
  const perRegion = page.getByRole("figure", { name: "Total Revenue per Region" });
  await expect(perRegion).toBeVisible();
  await expect(page.getByTestId("chart-summary")).toHaveText(/^4 groups by Region\. \w+ is highest with \$[\d,.]+ \(\d+% of the total\); \w+ is lowest with \$[\d,.]+\.$/);
  await expect(perRegion.locator(".recharts-bar-rectangle")).toHaveCount(4);

  // Five ones: a sentence, not a bar chart of one bar.
  await openAnotherFile();
  await fileInput().setInputFiles({ name: "ones.csv", mimeType: "text/csv", buffer: Buffer.from("Units\n1\n1\n1\n1\n1\n") });
  await expect(page.getByTestId("workbook-name")).toHaveText("ones.csv", SLOW);
  const ones = page.getByRole("figure", { name: "Values of Units" });
  await expect(ones).toContainText("All 5 values in Units are 1, so there is nothing to compare in a chart.");
  await expect(ones.locator("svg.recharts-surface")).toHaveCount(0);

  // A few different values are counted one by one, in value order.
  await openAnotherFile();
  await fileInput().setInputFiles({ name: "ratings.csv", mimeType: "text/csv", buffer: Buffer.from("Rating\n3\n1\n2\n3\n3\n1\n") });
  await expect(page.getByTestId("workbook-name")).toHaveText("ratings.csv", SLOW);
  const ratings = page.getByRole("figure", { name: "How often each Rating value appears" });
  await expect(ratings).toContainText("3 different values in 6 rows. The most common is 3, in 3 rows.");
  await expect(ratings.locator(".recharts-bar-rectangle")).toHaveCount(3);
  // The column statistics in everyday words.
  await expect(page.getByTestId("columns-table").getByRole("columnheader")).toContainText(["Column", "Kind", "Filled cells", "Empty cells", "Different values", "Smallest", "Largest", "Average (mean)", "Middle value (median)"]);
});

test("a large range says exactly what was analysed and what a question sends", async () => {
  const lines = ["Date,Region,Units,Price,Revenue"];
  for (let i = 1; i < 20_000; i++) lines.push(`2024-01-${String((i % 28) + 1).padStart(2, "0")},R${i % 5},${i % 97},${(i % 13) + 0.5},${(i % 97) * ((i % 13) + 0.5)}`);
  await openAnotherFile();
  await fileInput().setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });
  await expect(page.getByTestId("workbook-name")).toHaveText("big.csv", SLOW);
  const notice = page.getByTestId("large-range-notice");
  await expect(notice).toBeVisible(SLOW);
  await expect(notice.getByRole("heading")).toHaveText("A large range: what is analysed and what is sent");
  await expect(notice).toContainText("Analysed: all 100,000 cells of Sheet1!A1:E20000 (20,000 rows × 5 columns), here in your browser. The statistics, insights and chart above cover every row.");
  await expect(notice).toContainText(/Sent with each question: 2,005 of the 100,000 cells \([\d.]+ KB\) — 401 rows of 20,000 \(sheet rows 1–161, 160 rows spread evenly between 162 and 19,920, and rows 19,921–20,000\), with the range's full size and the statistics of every cell\./);
  await expect(notice).toContainText(/The model reads [\d,]+ of the 401 rows sent as text, plus each column's statistics computed from every row — about [\d,]+ tokens\./);
  // A small range has no such notice.
  await page.getByLabel("Range", { exact: true }).fill("A1:E50");
  await page.getByRole("button", { name: "Use range" }).click();
  await expect(page.getByTestId("analysis-summary")).toContainText("49 rows × 5 columns", SLOW);
  await expect(notice).toHaveCount(0);
});

test("a workbook built to pollute Object.prototype leaves the page's objects alone", async () => {
  const before = await prototypeState();
  await openAnotherFile();
  await fileInput().setInputFiles({ name: "hostile.xlsx", mimeType: "application/octet-stream", buffer: prototypeWorkbook() });
  await expect(page.getByTestId("workbook-name")).toHaveText("hostile.xlsx", SLOW);
  const sheet = page.getByLabel("Sheet", { exact: true });
  await expect(sheet.locator("option")).toHaveText(["__proto__", "constructor", "Data"]);
  // The sheet named __proto__ is a sheet like any other.
  await expect(sheet).toHaveValue("__proto__");
  await page.getByRole("tab", { name: "Cells" }).click();
  await expect(page.getByTestId("data-preview")).toContainText("polluted");
  await sheet.selectOption("constructor");
  await expect(page.getByTestId("data-preview")).toContainText("polluted");
  expect(await prototypeState()).toEqual(before);
  expect(before).toMatchObject({ c: "undefined", objectC: "undefined" });
  // The reader came with the file: it is in the worker's scripts now, not before.
  const loaded = await Promise.all(scripts.map(async (url) => (await (await page.request.get(url)).text()).includes(SHEETJS_MARKER)));
  expect(loaded.some(Boolean)).toBe(true);
});

test("a small file that stalls the parser is stopped, and the page stays usable meanwhile", async () => {
  test.setTimeout(120_000);
  const stall = stallingWorkbook();
  expect(stall.length).toBeLessThan(1024 * 1024);
  await openAnotherFile();
  await fileInput().setInputFiles({ name: "stall.xlsx", mimeType: "application/octet-stream", buffer: stall });
  await expect(page.getByText("Step 2 of 2: parsing the workbook")).toBeVisible(SLOW);
  await expect.poll(() => page.workers().length).toBe(1);

  // While the worker is busy the page answers at once and can be used: the open workbook's
  // sheets can still be switched and read.
  const sheet = page.getByLabel("Sheet", { exact: true });
  for (const name of ["Data", "__proto__", "constructor"]) {
    expect(await timerLag()).toBeLessThan(1_000);
    await sheet.selectOption(name);
    await expect(page.getByTestId("data-preview")).toContainText("polluted");
    await page.waitForTimeout(2_000);
  }

  // Files under 1 MB get 15 + 3 seconds.
  await expect(fileError()).toHaveText(
    "Reading “stall.xlsx” took longer than 18 seconds, so it was stopped. The file may be damaged or made to stall spreadsheet readers; open it in Excel and save it again, or export the sheet you need as CSV.",
    { timeout: 60_000 },
  );
  await expect.poll(() => page.workers().length).toBe(0);
  expect(await timerLag()).toBeLessThan(1_000);
  // The workbook that was open is still there.
  await expect(page.getByTestId("workbook-name")).toHaveText("hostile.xlsx");

  // Cancelling ends the worker at once.
  await fileInput().setInputFiles({ name: "stall-again.xlsx", mimeType: "application/octet-stream", buffer: stall });
  await expect.poll(() => page.workers().length).toBe(1);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(fileError()).toHaveText("Reading “stall-again.xlsx” was cancelled.");
  await expect.poll(() => page.workers().length).toBe(0);

  // And the next file reads normally.
  await fileInput().setInputFiles(fixtures.xlsx);
  await expect(page.getByTestId("workbook-name")).toHaveText("sales.xlsx", SLOW);
  await expect(page.getByTestId("analysis-summary")).toContainText("48 rows × 5 columns");
  expect(pageErrors).toEqual([]);
});
