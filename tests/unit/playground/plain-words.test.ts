// The playground says the engine's statistical findings in everyday words, keeping their numbers.
import { describe, expect, it } from "vitest";
import { analyzeExcelContext, parseExcelContext } from "@/lib/excel";
import { plainInsight } from "@/components/playground/plain-words";

function analyse(amounts: number[]) {
  const values = [["Amount"], ...amounts.map((a) => [a])];
  const context = parseExcelContext({ selectedRange: { address: `S!A1:A${values.length}`, values } }, { maxCells: 1_000 });
  return analyzeExcelContext(context).tables[0];
}

describe("plainInsight", () => {
  it("says values far from the rest instead of outliers, with the same cells and numbers", () => {
    const table = analyse([10, 11, 12, 10, 11, 12, 10, 11, 500, 12]);
    const insight = table.insights.find((i) => i.kind === "outliers")!;
    expect(insight.message).toContain("1 outlier");
    const plain = plainInsight(insight, table);
    expect(plain).not.toMatch(/outlier|e\.g\./);
    expect(plain).toContain("1 value far from the rest");
    expect(plain).toContain("A10");
  });

  it("explains a wide spread without standard deviation, mean or CV", () => {
    const table = analyse([1, 1, 1, 2, 1, 1, 300]);
    const insight = table.insights.find((i) => i.kind === "high_variability")!;
    expect(insight.message).toMatch(/standard deviation/);
    const plain = plainInsight(insight, table);
    expect(plain).not.toMatch(/standard deviation|mean|median|CV/);
    expect(plain).toMatch(/^Amount varies a lot: values are typically [\d.,]+ away from the average of [\d.,]+, so the middle value, 1, says more about a typical Amount\.$/);
  });
});
