// The fast subset of the analysis evaluation (npm run eval): real datasets and the pathological
// sheets, scored against figures the evaluation computes itself. Any wrong or missing figure,
// wrong column role, or sum/total/trend of something that must not be totalled fails the suite.
import { describe, expect, it } from "vitest";
import { FAST_CASES } from "@/eval/cases";
import { evaluate, evaluateCase } from "@/eval/evaluate";

describe("analysis evaluation (fast subset)", () => {
  const card = evaluate(FAST_CASES, "fast");

  it("covers real datasets and the pathological cases", () => {
    expect(card.datasets).toBeGreaterThanOrEqual(5);
    expect(card.cases - card.datasets).toBeGreaterThanOrEqual(12);
    expect(card.figures.correct).toBeGreaterThan(200);
    // A 200,000-row selection sent the task pane's way: the add-in's analysis plus a sample.
    expect(card.results.some((r) => r.kind === "large_selection")).toBe(true);
  });

  it("states no wrong or missing figure", () => {
    const bad = card.results.flatMap((r) => r.figures.details.filter((d) => d.status !== "correct").map((d) => `${r.id}: ${d.what} expected ${d.expected}, got ${d.actual}`));
    expect(bad).toEqual([]);
  });

  it("gives every column its role", () => {
    expect(card.results.flatMap((r) => r.roles.wrong.map((w) => `${r.id}: ${w.column} ${w.actual} (expected ${w.expected})`))).toEqual([]);
  });

  it("never sums, totals or trends a total of non-additive measures, identifiers or codes", () => {
    expect(card.results.flatMap((r) => r.forbidden.map((f) => `${r.id}: ${f}`))).toEqual([]);
  });

  it("reports totals, subtotals and numbers stored as text, and says what it must", () => {
    expect(card.results.flatMap((r) => [...r.findings.missing, ...r.says.missing, ...r.says.unwanted].map((m) => `${r.id}: ${m}`))).toEqual([]);
  });

  it("keeps every compact context within its token budget", () => {
    expect(card.results.filter((r) => !r.compactWithinBudget).map((r) => `${r.id}: ${r.compactTokens}`)).toEqual([]);
  });

  it("only suggests formulas that pass the formula policy and read the selection", () => {
    expect(card.results.flatMap((r) => r.suggestions.problems.map((p) => `${r.id}: ${p}`))).toEqual([]);
  });
});

describe("the evaluation's own checks", () => {
  it("catch a wrong figure, a wrong role and a total of a column that must not be totalled", () => {
    // Told the truth is something else than what the sheet holds, the checks must fail.
    const rows = [["Region", "Widgets"], ["N", 10], ["S", 20], ["E", 30], ["W", 40]];
    const result = evaluateCase({
      id: "control",
      title: "negative control",
      kind: "pathological",
      source: "test",
      licence: "test",
      fast: true,
      context: () => ({ selectedRange: { address: "C!A1:B5", values: rows } }),
      reference: () => ({ headers: ["Region", "Widgets"], rows: [["N", 10], ["S", 20], ["E", 30], ["W", 41]] }),
      roles: { Region: "text", Widgets: "non_additive_measure" },
    });
    expect(result.figures.wrong).toBeGreaterThan(0);
    expect(result.roles.wrong).toEqual([{ column: "Widgets", expected: "non_additive_measure", actual: "additive_measure" }]);
    expect(result.forbidden.some((f) => f.includes("sum= for Widgets"))).toBe(true);
    expect(result.forbidden.some((f) => f.includes("a SUM formula of Widgets"))).toBe(true);
  });
});
