// The in-cell functions end to end, in Chromium with the fake Office host hosting custom
// functions (tests/e2e/fixtures/fake-office-host.ts): the pane registers =AI.CLASSIFY through
// CustomFunctions.associate, a column of 200 formulas computes through the real
// /api/v1/functions on the main test server (no AI model configured, so CLASSIFY matches labels
// deterministically), recalculates without a single request, a reopened pane is answered from
// the server's cache for free, and cells past the plan's daily limit show Excel's error naming
// the limit and when it resets.
import { expect, request, test, type BrowserContext, type Page } from "@playwright/test";
import { ENTITLEMENTS } from "../../lib/limits/entitlements";
import type { StoreCell, WorkbookSeed } from "../fixtures/addin/workbook-store";
import { fakeOfficeScript } from "./fixtures/fake-office-host";

const ROWS = 200;
const LABELS = ["Hardware", "Software", "Services"];
const KINDS = ["hardware order", "software renewal", "services visit", "Hardwear spare", "Sofware licence"];

function itemColumn(round: number): StoreCell[] {
  return Array.from({ length: ROWS }, (_, i) => `${KINDS[i % KINDS.length]} ${round}-${i + 1}`);
}
const expected = (i: number) => LABELS[[0, 1, 2, 0, 1][i % KINDS.length]];

function seed(): WorkbookSeed {
  const items = itemColumn(1);
  const rows: StoreCell[][] = [["Item", "Category", null, "Labels"]];
  for (let i = 0; i < ROWS; i++) rows.push([items[i], `=AI.CLASSIFY(A${i + 2},$D$2:$D$4)`, null, LABELS[i] ?? null]);
  return { workbookName: "Orders.xlsx", activeSheet: "Sheet1", selection: "Sheet1!A1:B5", sheets: { Sheet1: rows } };
}

type CellResult = { address: string; value?: unknown; error?: string; message?: string };

async function openPane(context: BrowserContext, page: Page, apiKey: string) {
  await context.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ body: "", contentType: "text/javascript" }));
  await context.addInitScript({ content: fakeOfficeScript(seed(), { documentUrl: "https://contoso.sharepoint.com/Orders.xlsx" }) });
  await page.goto("/addin/taskpane");
  await page.getByLabel("Or paste an API key").fill(apiKey);
  await page.getByRole("button", { name: "Use key" }).click();
  await expect.poll(() => page.evaluate(() => (window as any).__fakeExcel.registeredFunctions())).toEqual(["ASK", "CLASSIFY", "EXTRACT"]);
}

const calculate = (page: Page) => page.evaluate(() => (window as any).__fakeExcel.calculate("Sheet1!B2:B201") as Promise<CellResult[]>);

test.describe("functions in cells", () => {
  test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== "taskpane", "runs once, in the task pane project"));

  test("a column of =AI.CLASSIFY over 200 rows computes, recalculates for free, and shows the daily limit", async ({ page, context }) => {
    test.slow();
    const api = await request.newContext();
    const email = `functions-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;
    const signup = await api.post("/api/auth/signup", { data: { email, password: "Spreadsheet-42!" } });
    expect(signup.status()).toBe(201);
    const { access_token } = await signup.json();
    const created = await api.post("/api/keys", { data: { name: "Excel functions", scopes: ["chat"] }, headers: { Authorization: `Bearer ${access_token}` } });
    expect(created.status()).toBe(201);
    const { key } = await created.json();

    const batches: { size: number; cached: number }[] = [];
    page.on("response", async (response) => {
      if (!response.url().endsWith("/api/v1/functions")) return;
      const body = await response.json().catch(() => ({ results: [] }));
      batches.push({ size: body.results?.length ?? 0, cached: (body.results ?? []).filter((r: { cached?: boolean }) => r.cached).length });
    });

    await openPane(context, page, key);
    const first = await calculate(page);
    expect(first).toHaveLength(ROWS);
    expect(first).toEqual(first.map((_, i) => ({ address: `Sheet1!B${i + 2}`, value: expected(i) })));
    await expect.poll(() => batches.length).toBe(4);
    expect(batches.every((b) => b.size === 50 && b.cached === 0)).toBe(true);

    // Excel recalculates (F9, a volatile neighbour): the pane answers from its session memory.
    const again = await calculate(page);
    expect(again).toEqual(first);
    expect(batches).toHaveLength(4);

    // The workbook reopened (a new pane session): the server answers from its cache, free.
    await page.reload();
    await page.waitForFunction(() => (window as any).__fakeExcel?.registeredFunctions().length === 3);
    expect(await calculate(page)).toEqual(first);
    await expect.poll(() => batches.length).toBe(8);
    expect(batches.slice(4).every((b) => b.cached === 50)).toBe(true);

    // Two rounds of new inputs: 400 computed calls in all, then 100 more fit the day's limit.
    const limit = ENTITLEMENTS.free.functionCallsPerDay;
    expect(limit).toBe(500);
    for (const round of [2, 3]) {
      await page.evaluate(
        ({ values }) => {
          const fake = (window as any).__fakeExcel;
          const { sheet, rect } = fake.store.parseArea("Sheet1!A2:A201");
          fake.store.writeValues(sheet, rect, values.map((v: unknown) => [v]));
        },
        { values: itemColumn(round) },
      );
      const cells = await calculate(page);
      if (round === 2) {
        expect(cells.every((cell) => typeof cell.value === "string")).toBe(true);
        continue;
      }
      const values = cells.filter((cell) => cell.value !== undefined);
      const errors = cells.filter((cell) => cell.error);
      expect(values).toHaveLength(limit - 2 * ROWS);
      expect(errors).toHaveLength(ROWS - (limit - 2 * ROWS));
      for (const cell of errors) {
        expect(cell.error).toBe("#N/A");
        expect(cell.message).toContain(`${limit} AI function calls a day`);
        expect(cell.message).toContain("resets at 00:00 UTC");
      }
    }

    const usage = await api.get("/api/usage", { headers: { Authorization: `Bearer ${access_token}` } });
    expect((await usage.json()).functions).toMatchObject({ used: limit, limit, remaining: 0 });
    await api.dispose();
  });
});
