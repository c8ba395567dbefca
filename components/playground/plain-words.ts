// The analysis engine words its findings for the model and for people used to statistics
// ("outlier", "standard deviation", "CV"). The playground shows them to anyone, so the two
// findings that lean on those terms are said again in everyday words, with the same numbers.
import type { Insight, TableAnalysis } from "@/lib/excel";
import { formatStat } from "./format-stat";

export function plainInsight(insight: Insight, table: TableAnalysis): string {
  switch (insight.kind) {
    case "outliers": {
      // "Revenue has 3 outliers above $900, e.g. E7 ($1,200)." keeps its numbers and cells.
      const many = insight.count !== 1;
      return insight.message.replace(/\b(\d[\d,]*) outliers?\b/, (_, count: string) => `${count} ${many ? "values" : "value"} far from the rest`).replace(/\be\.g\./, "for example");
    }
    case "high_variability": {
      const column = table.columns.find((c) => c.column === insight.column);
      const stats = column?.numeric;
      if (!column || !stats) return insight.message;
      const fmt = (n: number) => formatStat(n, column);
      return `${insight.header} varies a lot: values are typically ${fmt(stats.std)} away from the average of ${fmt(stats.mean)}, so the middle value, ${fmt(stats.median)}, says more about a typical ${insight.header}.`;
    }
    default:
      return insight.message;
  }
}
