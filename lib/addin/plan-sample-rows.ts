// Which rows of an oversized area to send: the header, a block from the top, rows spread evenly
// through the middle and a block from the bottom. Deterministic, so asking twice about the same
// selection sends the same sample (and hits the server's answer cache).

/** Sorted, distinct 0-based row offsets within an area of `rowCount` rows, at most `budget` + 1. */
export function planSampleRows(rowCount: number, budget: number): number[] {
  const total = Math.max(0, Math.floor(rowCount));
  const rows = Math.max(1, Math.floor(budget));
  if (total <= rows + 1) return Array.from({ length: total }, (_, i) => i);
  const head = Math.ceil(rows * 0.4);
  const tail = Math.ceil(rows * 0.2);
  const middle = rows - head - tail;
  const picked = new Set<number>([0]);
  for (let i = 1; i <= head; i++) picked.add(i);
  for (let i = total - tail; i < total; i++) picked.add(i);
  const from = head + 1;
  const to = total - tail; // exclusive
  for (let k = 0; k < middle; k++) picked.add(from + Math.floor(((k + 0.5) * (to - from)) / middle));
  return [...picked].sort((a, b) => a - b);
}

/** Consecutive offsets grouped into runs `{start, count}`, so each run is one range read. */
export function toRuns(offsets: number[]): { start: number; count: number }[] {
  const runs: { start: number; count: number }[] = [];
  for (const offset of offsets) {
    const last = runs[runs.length - 1];
    if (last && last.start + last.count === offset) last.count++;
    else runs.push({ start: offset, count: 1 });
  }
  return runs;
}
