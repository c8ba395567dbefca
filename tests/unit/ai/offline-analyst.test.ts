import { describe, expect, it } from "vitest";
import { analyzeExcelContext, parseExcelContext } from "@/lib/excel";
import { buildOfflineAnswer, chunkAnswer, markdownText } from "@/lib/ai/offline-analyst";

const context = parseExcelContext(
  {
    selectedRange: {
      address: "Sales!A1:C7",
      values: [
        ["Region", "Units", "Revenue"],
        ["North", 120, 2400],
        ["South", 80, 1600],
        ["East", 100, 2000],
        ["West", 60, 1200],
        ["North", 140, 2800],
        ["South", 90, 1800],
      ],
    },
    worksheet: { name: "Sales" },
  },
  { maxCells: 1_000 },
)!;
const analysis = analyzeExcelContext(context);

describe("buildOfflineAnswer", () => {
  it("answers a common aggregate question first, with the figure and the formula, then gives the overview", () => {
    const text = buildOfflineAnswer({ intent: "analysis", reason: { kind: "not_configured" }, context, analysis, question: "What is the total Revenue for North?" });
    const answer = text.indexOf("The total Revenue for Region = North is 5,200 (2 values).");
    expect(answer).toBeGreaterThan(0);
    expect(text).toContain('In Excel: `=SUMIFS(C2:C7,A2:A7,"North")`');
    expect(answer).toBeLessThan(text.indexOf("| Column |"));
    // A question that is not an aggregate gets the overview alone.
    expect(buildOfflineAnswer({ intent: "analysis", reason: { kind: "not_configured" }, context, analysis, question: "Make it look nice" })).not.toContain("**Your question**");
  });

  it("says plainly at the top that no AI model answered (not configured)", () => {
    const text = buildOfflineAnswer({ intent: "analysis", reason: { kind: "not_configured" }, context, analysis });
    expect(text.split("\n")[0]).toBe(
      "> **No AI model answered this.** No AI provider is configured on this server, so this is the built-in offline analysis, computed directly from your cells.",
    );
  });

  it("names the providers that were unavailable", () => {
    const text = buildOfflineAnswer({ intent: "analysis", reason: { kind: "providers_failed", providers: ["azure", "openai"] }, context, analysis });
    expect(text.split("\n")[0]).toContain("Azure OpenAI and OpenAI were unavailable just now");
  });

  it("answers with real figures from the data", () => {
    const text = buildOfflineAnswer({ intent: "analysis", reason: { kind: "not_configured" }, context, analysis });
    // Units: 120+80+100+60+140+90 = 590, mean 98.33, median 95, min 60, max 140.
    expect(text).toContain("| B · Units | number | 6 | 0 | min 60 · max 140 · mean 98.33 · median 95 · sum 590 |");
    // Revenue: sum 11,800.
    expect(text).toContain("sum 11,800");
    // Region: 4 distinct, North and South twice.
    expect(text).toMatch(/\| A · Region \| text \| 6 \| 0 \| 4 distinct; most common “(North|South)” \(2\) \|/);
    expect(text).toContain("**What stands out**");
    expect(text).toContain("_Figures cover all 21 cells in the selection._");
  });

  it("leads with what the user asked for", () => {
    const formulas = buildOfflineAnswer({ intent: "formula_help", reason: { kind: "not_configured" }, context, analysis });
    const charts = buildOfflineAnswer({ intent: "visualization", reason: { kind: "not_configured" }, context, analysis });
    expect(formulas.indexOf("**Formulas that fit**")).toBeGreaterThan(0);
    expect(formulas.indexOf("**Formulas that fit**")).toBeLessThan(formulas.indexOf("**What stands out**"));
    expect(charts.indexOf("**Charts and summaries**")).toBeGreaterThan(0);
    expect(charts.indexOf("**Charts and summaries**")).toBeLessThan(charts.indexOf("**What stands out**"));
    expect(formulas).toMatch(/`=\w+\([A-C]\d+:[A-C]\d+\)`/);
  });

  it("without a selection gives guidance for the intent", () => {
    const text = buildOfflineAnswer({ intent: "formula_help", reason: { kind: "not_configured" }, context: null, analysis: null });
    expect(text).toContain("No cells were sent with this question.");
    expect(text).toContain("XLOOKUP");
  });

  it("escapes sheet text so a cell cannot inject a link or an image", () => {
    const hostile = parseExcelContext(
      { selectedRange: { address: "A1:B3", values: [["![x](https://evil.example/leak)", "Amount"], ["a", 1], ["b", 2]] } },
      { maxCells: 100 },
    )!;
    const text = buildOfflineAnswer({ intent: "analysis", reason: { kind: "not_configured" }, context: hostile, analysis: analyzeExcelContext(hostile) });
    expect(text).not.toContain("![x](");
    expect(text).toContain("!\\[x\\](https://evil.example/leak)");
    expect(markdownText("a|b<script>")).toBe("a\\|b\\<script\\>");
  });

  it("streams in small word chunks that reassemble to the answer", () => {
    const text = buildOfflineAnswer({ intent: "general", reason: { kind: "not_configured" }, context, analysis });
    const chunks = chunkAnswer(text);
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.join("")).toBe(text);
  });
});
