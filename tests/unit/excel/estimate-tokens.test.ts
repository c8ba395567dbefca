import { describe, it, expect } from "vitest";
import { estimateTokens } from "@/lib/excel";
import { sortNumbers } from "@/lib/excel/sort-numbers";

describe("estimateTokens", () => {
  it("weighs characters by class", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("abcd")).toBe(1);
    expect(estimateTokens("1234")).toBe(2);
    expect(estimateTokens("||||")).toBe(4); // 3.2, rounded up
    expect(estimateTokens("a\nb")).toBe(2); // 0.25 + 1 + 0.25
    expect(estimateTokens("数据分析")).toBe(5); // 4 × 1.2
    expect(estimateTokens("The quick brown fox jumps over the lazy dog.")).toBe(12);
  });

  it("costs more for a numeric table row than for prose of the same length", () => {
    const row = "| 1200 | 1350 | 9.5% |";
    const prose = "a".repeat(row.length);
    expect(estimateTokens(row)).toBeGreaterThan(estimateTokens(prose));
  });
});

describe("sortNumbers", () => {
  it("sorts large arrays with negatives, zeros, fractions and duplicates like the built-in sort", () => {
    let seed = 7;
    const rand = () => {
      seed = (Math.imul(seed, 48271) + 11) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const values = new Float64Array(5_000);
    for (let i = 0; i < values.length; i++) {
      const r = rand();
      values[i] = r < 0.2 ? -rand() * 1e6 : r < 0.3 ? 0 : r < 0.5 ? Math.floor(rand() * 10) : rand() * 1e9;
    }
    const expected = Float64Array.from(values).sort();
    expect(Array.from(sortNumbers(values))).toEqual(Array.from(expected));
    expect(Array.from(sortNumbers(new Float64Array([3, -1, 2])))).toEqual([-1, 2, 3]);
  });
});
