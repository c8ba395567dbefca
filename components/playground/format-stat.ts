// A statistic as its column shows it: currency with its symbol, percentages, dates, or a plain
// number with separators.
import { excelSerialToIso, type ColumnAnalysis } from "@/lib/excel";

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  return n.toLocaleString("en-US", { maximumFractionDigits: abs !== 0 && abs < 1 ? 4 : 2 });
}

export function formatStat(n: number, column: Pick<ColumnAnalysis, "type" | "currencySymbol">): string {
  switch (column.type) {
    case "currency":
      return `${n < 0 ? "-" : ""}${column.currencySymbol ?? "$"}${Math.abs(n).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case "percent":
      return `${formatNumber(n * 100)}%`;
    case "date":
      return excelSerialToIso(n);
    default:
      return formatNumber(n);
  }
}
