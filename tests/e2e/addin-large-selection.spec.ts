// A 200,000-row selection in the task pane, in Chromium with the fake Office host: the pane reads
// every cell in chunks, analyses them in a worker while showing its progress, can be cancelled
// (then a sample is sent and labelled as one), and the question's body carries the whole
// selection's exact figures, a sample with real sheet rows and the workbook's culture, under
// 256 KB. The reference figures are computed here, independently of the engine.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import type { WorkbookSeed } from "../fixtures/addin/workbook-store";
import { largeGrid } from "../fixtures/excel/large-grid";
import { fakeOfficeScript } from "./fixtures/fake-office-host";

const ROWS = 200_000;
const LAST_ROW = ROWS + 1;
const SEED: WorkbookSeed = { workbookName: "Sales.xlsx", activeSheet: "Data", selection: "Data!A1:B2", sheets: { Data: [] } };
const GERMAN = { numberDecimalSeparator: ",", numberGroupSeparator: ".", shortDatePattern: "dd.MM.yyyy" };
const STREAM_HEADERS = { "Content-Type": "text/event-stream", "x-vercel-ai-ui-message-stream": "v1" };

function streamBody(messageId: string, text: string): string {
  const chunks = [
    { type: "start", messageId },
    { type: "start-step" },
    { type: "text-start", id: "t1" },
    { type: "text-delta", id: "t1", delta: text },
    { type: "text-end", id: "t1" },
    { type: "finish-step" },
    { type: "finish" },
  ];
  return `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join("")}data: [DONE]\n\n`;
}

async function openPane(page: Page, context: BrowserContext, grid: ReturnType<typeof largeGrid>) {
  await context.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ body: "", contentType: "text/javascript" }));
  await context.addInitScript({ content: fakeOfficeScript(SEED, { documentUrl: "https://contoso.sharepoint.com/Sales.xlsx", culture: GERMAN }) });
  await page.goto("/addin/taskpane");
  await page.getByRole("button", { name: "Continue as a guest" }).click();
  await page.evaluate(({ values, numberFormat }) => (window as any).__fakeExcel.store.loadBlock("Data", 0, 0, values, numberFormat), { values: grid.values, numberFormat: grid.numberFormat });
}

test.describe("task pane: a 200,000-row selection", () => {
  test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== "taskpane", "the task pane runs in the taskpane project only"));

  test("progress, cancel, then exact whole-selection figures with real rows in the request body", async ({ page, context }) => {
    test.slow();
    const grid = largeGrid(ROWS);
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    await openPane(page, context, grid);

    // A slow host: the read takes seconds, the chip shows how far it is, and Cancel stops it.
    await page.evaluate(() => ((window as any).__fakeExcel.syncDelayMs = 150));
    await page.evaluate(() => (window as any).__fakeExcel.select("Data!A1:C200001"));
    const progress = page.getByTestId("selection-progress");
    await expect(progress).toContainText(/Analysing every cell: [\d,]+ of 600,003 read/);
    await expect(progress.getByRole("progressbar", { name: "Cells read" })).toBeVisible();
    await progress.getByRole("button", { name: "Cancel" }).click();
    const chip = page.getByTestId("selection-chip");
    await chip.locator("summary").click();
    await expect(page.getByTestId("selection-coverage")).toContainText("only a sample", { timeout: 30_000 });
    await expect(page.getByTestId("selection-preview")).toContainText("SAMPLE of");

    // Full speed: every cell is read and analysed, and the chip says so.
    await page.evaluate(() => ((window as any).__fakeExcel.syncDelayMs = 5));
    await page.getByRole("button", { name: "Read again" }).click();
    await expect(page.getByTestId("selection-coverage")).toContainText("every one of the 600,003 cells was analysed", { timeout: 60_000 });
    await expect(page.getByTestId("selection-preview")).toContainText("computed by the add-in from every cell");

    let body: any = null;
    let bytes = 0;
    await page.route("**/api/chat", (route) => {
      bytes = Buffer.byteLength(route.request().postData() ?? "");
      body = route.request().postDataJSON();
      return route.fulfill({ status: 200, headers: STREAM_HEADERS, body: streamBody("e2e-large", "The total is in the figures.") });
    });
    await page.getByLabel("Ask about your selection").fill("What is the total amount?");
    await page.getByLabel("Ask about your selection").press("Enter");
    await expect(page.getByTestId("assistant-message").last()).toContainText("The total is in the figures.", { timeout: 30_000 });

    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(256 * 1024);
    const range = body.context.selectedRange;
    expect(range.rowCount).toBe(LAST_ROW);
    expect(range.columnCount).toBe(3);
    const amount = range.analysis.columns[2];
    expect(amount.numeric.sum).toBe(grid.amount.sum);
    expect(amount.numeric.max).toBe(grid.amount.max);
    expect(amount.numeric.min).toBe(grid.amount.min);
    expect(amount.distinct).toBe(grid.amount.distinct);
    expect(amount.dataRange).toBe(`C2:C${LAST_ROW}`);
    expect(range.analysis.lastDataRow).toBe(LAST_ROW);
    // The sample: real sheet rows, each carrying that row's cells.
    expect(range.sampledRows[0]).toBe(1);
    expect(range.sampledRows.at(-1)).toBe(LAST_ROW);
    for (const [i, sheetRow] of (range.sampledRows as number[]).entries()) expect(range.values[i]).toEqual(grid.values[sheetRow - 1]);
    expect(body.context.culture).toEqual({ decimalSeparator: ",", thousandsSeparator: ".", dateOrder: "DMY" });
    expect(problems).toEqual([]);
  });
});
