// A 200,000-row selection through /api/chat: the model is told the add-in's figures cover every
// row, with the real full ranges and sheet rows; a sample sent without them is called a sample;
// an analysis that does not match the selection is refused before any model call.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as chatRoute } from "@/app/api/chat/route";
import { buildLargeSelectionPayload } from "@/lib/addin/large-selection-payload";
import { createProviderChain, setProviderChainForTests } from "@/lib/ai/providers/get-provider-chain";
import { getDatabase } from "@/lib/db/get-database";
import { callRoute } from "@/tests/helpers/call-route";
import { createTestUser } from "@/tests/helpers/test-users";
import { textModel } from "@/tests/fixtures/ai/mock-models";
import { nextIp } from "@/tests/fixtures/ai/test-db";
import { largeGrid } from "@/tests/fixtures/excel/large-grid";

beforeAll(() => getDatabase());
afterEach(() => setProviderChainForTests(undefined));

const ROWS = 200_000;
const grid = largeGrid(ROWS);
const { payload } = buildLargeSelectionPayload({ workbook: "Big.xlsx", sheet: "Data", startRow: 1, startColumn: 1, values: grid.values, numberFormat: grid.numberFormat });

async function ask(context: unknown) {
  const model = textModel(["ok"]);
  setProviderChainForTests(createProviderChain({ providers: [{ kind: "model", name: "primary", model }], timeoutMs: 5_000 }));
  const user = await createTestUser("large");
  const body = { messages: [{ id: "u1", role: "user", parts: [{ type: "text", text: "What is the total amount?" }] }], context };
  expect(new TextEncoder().encode(JSON.stringify(body)).length).toBeLessThan(256 * 1024);
  const result = await callRoute(chatRoute, "/api/chat", { token: user.accessToken, ip: nextIp(), body });
  return { result, prompt: model.doStreamCalls[0] ? JSON.stringify(model.doStreamCalls[0].prompt) : null };
}

describe("a 200,000-row selection through /api/chat", () => {
  it("the model receives whole-selection figures, full ranges and real row numbers, labelled as covering every row", async () => {
    const { result, prompt } = await ask(payload);
    expect(result.status).toBe(200);
    expect(prompt).toContain(`sum=${grid.amount.sum.toLocaleString("en-US")}`);
    expect(prompt).toContain(`max=${grid.amount.max}`);
    expect(prompt).toContain("cover all 200,000 data rows (every cell, computed by the add-in)");
    expect(prompt).toContain("C2:C200001");
    expect(prompt).not.toMatch(/[A-C]2:[A-C]40\d\b/);
    expect(prompt).toMatch(/\\n200001 \| /);
    expect(prompt).not.toContain("SAMPLE");
  });

  it("a sample without the analysis (an older pane) is called a sample of K of N rows, never the whole", async () => {
    const { analysis: _analysis, ...range } = payload.selectedRange;
    const { result, prompt } = await ask({ ...payload, selectedRange: range });
    expect(result.status).toBe(200);
    expect(prompt).toContain(`SAMPLE of ${(range.sampledRows?.length ?? 0) - 1} of 200,000 data rows`);
    expect(prompt).not.toContain("Statistics cover every cell");
    expect(prompt).not.toContain(`sum=${grid.amount.sum.toLocaleString("en-US")}`);
    expect(prompt).toContain("C2:C200001");
  });

  it("refuses an analysis that does not match the selection, before calling the model", async () => {
    const tampered = structuredClone(payload);
    if (tampered.selectedRange.analysis) tampered.selectedRange.analysis.lastDataRow = 401;
    const { result, prompt } = await ask(tampered);
    expect(result.status).toBe(400);
    expect(result.text).toContain("lastDataRow");
    expect(prompt).toBeNull();
  });
});
