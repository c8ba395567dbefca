// Calendar year and month of an Excel serial without allocating a Date: trend bucketing calls it
// once per row on large selections.

/** Excel serial (1900 system) → `{ y, m }` with m in 1..12 (Hinnant's civil-from-days). */
export function civilMonth(serial: number): { y: number; m: number } {
  const z = Math.floor(serial) - 25_569 + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m };
}
