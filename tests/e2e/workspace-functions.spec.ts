// In-cell functions in a workspace, in Chromium with the fake Office host: the owner computes a
// column in the workspace through the API; the member's pane, left in that workspace, recalculates
// the same column and every cell comes from the workspace's shared cache (the batches name the
// workspace and come back cached); switched to the personal space, the same cells are computed
// for the member alone (no workspaceId, nothing cached); switched back, the pane answers from its
// memory of the workspace's values without a request.
import { expect, test, type BrowserContext } from "@playwright/test";
import type { StoreCell, WorkbookSeed } from "../fixtures/addin/workbook-store";
import { openSignedInPane, signUpWithApi, type Session } from "./fixtures/accounts";
const ROWS = 12;
const LABELS = ["Hardware", "Software", "Services"];
const KINDS = ["hardware order", "software renewal", "services visit"];
const TAG = `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
const items: StoreCell[] = Array.from({ length: ROWS }, (_, i) => `${KINDS[i % KINDS.length]} ${TAG}-${i + 1}`);

function seed(): WorkbookSeed {
  const rows: StoreCell[][] = [["Item", "Category", null, "Labels"]];
  for (let i = 0; i < ROWS; i++) rows.push([items[i], `=AI.CLASSIFY(A${i + 2},$D$2:$D$4)`, null, LABELS[i] ?? null]);
  return { workbookName: "Orders.xlsx", activeSheet: "Sheet1", selection: "Sheet1!A1:B5", sheets: { Sheet1: rows } };
}

type CellResult = { address: string; value?: unknown; error?: string; message?: string };

async function signUp(playwright: Parameters<typeof signUpWithApi>[0], baseURL: string | undefined, label: string) {
  const { api, session } = await signUpWithApi(playwright, baseURL, "e2e-fnws", label);
  return { api, session, auth: { Authorization: `Bearer ${session.access_token}` } };
}

/** The pane in Excel (fake host), signed in with the session and left in `workspaceId` last time. */
async function openPane(context: BrowserContext, session: Session, workspaceId: string) {
  const pane = await openSignedInPane(context, { seed: seed(), documentUrl: "https://contoso.sharepoint.com/Orders.xlsx", session, workspaceId });
  await expect.poll(() => pane.evaluate(() => (window as any).__fakeExcel.registeredFunctions()), { timeout: 30_000 }).toEqual(["ASK", "CLASSIFY", "EXTRACT"]);
  return pane;
}

test("a workspace's members share the functions' cache; the personal space keeps its own", async ({ browser, playwright, baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== "taskpane", "runs once, in the task pane project");
  test.slow();
  const owner = await signUp(playwright, baseURL, "owner");
  const member = await signUp(playwright, baseURL, "member");
  const created = await owner.api.post("/api/workspaces", { data: { name: "Purchasing" }, headers: owner.auth });
  expect(created.status()).toBe(201);
  const workspaceId = (await created.json()).id as string;
  const invite = await owner.api.post(`/api/workspaces/${workspaceId}/invites`, { data: {}, headers: owner.auth });
  const { token } = await invite.json();
  expect((await member.api.post(`/api/invites/${token}/accept`, { headers: member.auth })).status()).toBe(200);

  // The owner computes the column in the workspace (no model configured: deterministic labels).
  const calls = items.map((item, i) => ({ id: `c${i}`, name: "CLASSIFY", args: [item, [LABELS]] }));
  const ownerBatch = await owner.api.post("/api/v1/functions", { data: { calls, workspaceId }, headers: owner.auth });
  expect(ownerBatch.status()).toBe(200);
  const ownerResults = (await ownerBatch.json()).results as { value: string; cached: boolean }[];
  expect(ownerResults.every((r) => r.cached === false)).toBe(true);

  const sent: { workspaceId: string | null; size: number; cached: number }[] = [];
  const context = await browser.newContext({ baseURL });
  context.on("response", async (response) => {
    if (!response.url().endsWith("/api/v1/functions")) return;
    const body = JSON.parse(response.request().postData() ?? "{}");
    const answer = await response.json().catch(() => ({ results: [] }));
    sent.push({ workspaceId: body.workspaceId ?? null, size: answer.results?.length ?? 0, cached: (answer.results ?? []).filter((r: { cached?: boolean }) => r.cached).length });
  });
  const pane = await openPane(context, member.session, workspaceId);
  const calculate = () => pane.evaluate(() => (window as any).__fakeExcel.calculate("Sheet1!B2:B13") as Promise<CellResult[]>);

  // Left in the workspace: the column comes from the workspace's cache, all of it.
  const inWorkspace = await calculate();
  expect(inWorkspace.map((cell) => cell.value)).toEqual(ownerResults.map((r) => r.value));
  await expect.poll(() => sent.length).toBe(1);
  expect(sent[0]).toEqual({ workspaceId, size: ROWS, cached: ROWS });

  // Switched to the personal space: computed for the member alone, nothing from the workspace.
  await expect(pane.getByTestId("pane-workspace")).toHaveValue(workspaceId, { timeout: 30_000 });
  await pane.getByTestId("pane-workspace").selectOption({ label: "Personal" });
  expect((await calculate()).map((cell) => cell.value)).toEqual(ownerResults.map((r) => r.value));
  await expect.poll(() => sent.length).toBe(2);
  expect(sent[1]).toEqual({ workspaceId: null, size: ROWS, cached: 0 });

  // Back in the workspace: the pane remembers that space's values; no request.
  await pane.getByTestId("pane-workspace").selectOption({ label: "Purchasing" });
  expect((await calculate()).map((cell) => cell.value)).toEqual(ownerResults.map((r) => r.value));
  expect(sent).toHaveLength(2);
  await context.close();
});
