// Renders numbers, dates and cells for the sentences and compact text we produce, so "1200.5"
// reads as "$1,200.50" in a currency column and a date serial reads as a date.

import { excelSerialToIso } from "@/lib/excel/classify-cell";
import type { CellValue, ColumnType } from "@/lib/excel/types";

// `Number.prototype.toLocaleString` with options builds a new Intl.NumberFormat on every call
// (~70 µs); the compact context formats hundreds of cells per request, which made formatting a
// visible share of a chat request's CPU (bench/README.md). Formatters are built once per
// fraction-digit count and reused (~5 µs per call), with identical output.
const plainFormats = new Map<number, Intl.NumberFormat>();
const currencyFormat = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function plainFormat(maxDecimals: number): Intl.NumberFormat {
  let format = plainFormats.get(maxDecimals);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { maximumFractionDigits: maxDecimals, minimumFractionDigits: 0 });
    plainFormats.set(maxDecimals, format);
  }
  return format;
}

/** `1234567.891 → 1,234,567.89`; small magnitudes keep significant digits. */
export function formatNumber(n: number, maxDecimals = 2): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  const decimals = abs !== 0 && abs < 1 ? Math.min(6, Math.max(maxDecimals, 1 - Math.floor(Math.log10(abs)) + 1)) : maxDecimals;
  return plainFormat(decimals).format(n);
}

/** A number as the column shows it: currency symbol, percent, date, or plain. */
export function formatForType(n: number, type: ColumnType, currencySymbol?: string | null): string {
  switch (type) {
    case "currency": {
      const sign = n < 0 ? "-" : "";
      return `${sign}${currencySymbol ?? "$"}${currencyFormat.format(Math.abs(n))}`;
    }
    case "percent":
      return `${formatNumber(n * 100, 2)}%`;
    case "date":
      return excelSerialToIso(n);
    default:
      return formatNumber(n);
  }
}

/** `12.3456 → +12.3%`. */
export function formatPercentChange(p: number): string {
  const rounded = Math.abs(p) >= 10 ? Math.round(p) : Math.round(p * 10) / 10;
  return `${rounded > 0 ? "+" : ""}${rounded}%`;
}

/** A raw cell for a sentence: strings quoted, numbers plain. */
export function describeCell(value: CellValue): string {
  if (value === null) return "(blank)";
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 39)}…` : value}"`;
  if (typeof value === "number") return formatNumber(value);
  return value ? "TRUE" : "FALSE";
}
