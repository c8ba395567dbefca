// With no AI provider configured (the embedded default), the offline analyst answers both chat
// routes from the analysis, says so at the top, and streams like a model answer.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as chatRoute } from "@/app/api/chat/route";
import { POST as v1Chat } from "@/app/api/v1/chat/route";
import { getProviderChain, setProviderChainForTests } from "@/lib/ai/providers/get-provider-chain";
import { getDatabase } from "@/lib/db/get-database";
import { callRoute } from "@/tests/helpers/call-route";
import { parseUIStream, streamedText } from "@/tests/fixtures/ai/ui-stream";
import { nextIp } from "@/tests/fixtures/ai/test-db";

const context = {
  selectedRange: {
    address: "Costs!A1:C6",
    values: [
      ["Date", "Category", "Cost"],
      [45658, "Rent", 1500],
      [45689, "Food", 420.5],
      [45717, "Rent", 1500],
      [45748, "Food", 380],
      [45778, "Travel", ""],
    ],
    numberFormat: [["General", "General", "General"], ...Array.from({ length: 5 }, () => ["yyyy-mm-dd", "General", "$#,##0.00"])],
  },
  worksheet: { name: "Costs" },
};

beforeAll(async () => {
  setProviderChainForTests(undefined);
  await getDatabase();
});

describe("offline analyst (no provider configured)", () => {
  it("the environment's chain is empty in this test setup", () => {
    expect(getProviderChain().providers).toEqual([]);
  });

  it("answers the original add-in's JSON route with real figures and says no AI model answered", async () => {
    const { status, json } = await callRoute(v1Chat, "/api/v1/chat", { ip: nextIp(), body: { message: "Analyze my costs", context } });
    expect(status).toBe(200);
    const lines = json.response.split("\n");
    expect(lines[0]).toBe(
      "> **No AI model answered this.** No AI provider is configured on this server, so this is the built-in offline analysis, computed directly from your cells.",
    );
    // Cost: 1500 + 420.5 + 1500 + 380 = 3,800.50 over 4 values, one blank.
    expect(json.response).toContain("| C · Cost | currency | 4 | 1 |");
    expect(json.response).toContain("sum $3,800.50");
    expect(json.response).toContain("| A · Date | date | 5 | 0 | 2025-01-01 → 2025-05-01");
    expect(json.metadata).toMatchObject({ provider: "offline", model: "offline-analyst", offline: true, cached: false, usage: { totalTokens: 0, costMicros: 0 } });
    expect(json.metadata.analysis.statistics.byColumn[2]).toMatchObject({ header: "Cost", missing: 1, sum: 3800.5 });
  });

  it("streams the offline answer in the UI message stream protocol", async () => {
    const { status, text } = await callRoute(chatRoute, "/api/chat", {
      ip: nextIp(),
      body: { messages: [{ id: "u", role: "user", parts: [{ type: "text", text: "Which formula totals the cost?" }] }], context },
    });
    expect(status).toBe(200);
    const chunks = parseUIStream(text);
    expect(chunks.map((c) => c.type).slice(0, 3)).toEqual(["start", "start-step", "text-start"]);
    expect(chunks.filter((c) => c.type === "text-delta").length).toBeGreaterThan(10);
    const answer = streamedText(chunks);
    expect(answer.startsWith("> **No AI model answered this.**")).toBe(true);
    expect(answer.indexOf("**Formulas that fit**")).toBeLessThan(answer.indexOf("**What stands out**"));
    expect(answer).toMatch(/`=SUM\(C2:C6\)`/);
    expect(chunks.at(-1)).toMatchObject({ type: "finish", messageMetadata: { status: "complete", offline: true, provider: "offline" } });
  });
});
