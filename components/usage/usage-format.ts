// Number formats for the usage pages: whole numbers with separators, money in dollars from
// micro-dollars (cents only when it matters), and short UTC day labels for chart axes.
const integer = new Intl.NumberFormat("en-US");
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export const formatInteger = (n: number) => integer.format(n);
export const formatCompact = (n: number) => compact.format(n);

export function formatUsd(micros: number): string {
  const dollars = micros / 1_000_000;
  if (dollars === 0) return "$0.00";
  if (dollars < 0.01) return `$${dollars.toFixed(4)}`;
  return `$${dollars.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toLocaleString("en-US", { maximumFractionDigits: 1 })}%`;
}

/** "2024-03-05" → "Mar 5" (the dates are UTC days; formatting in UTC keeps them). */
export function formatDay(isoDay: string): string {
  return new Date(`${isoDay}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}

/** Short money for chart axes: "$0", "$0.0035", "$1.2K". */
export function formatUsdTick(micros: number): string {
  const dollars = micros / 1_000_000;
  if (dollars === 0) return "$0";
  if (Math.abs(dollars) < 1) return `$${Number(dollars.toPrecision(2))}`;
  return `$${compact.format(dollars)}`;
}
