// Bounds how many function model calls this server instance runs at once, across every batch and
// user: a sheet recalculating thousands of cells must queue here rather than open thousands of
// connections to the provider (and trip its rate limits for everyone).
const FUNCTION_MODEL_CONCURRENCY = 16;

let active = 0;
const waiting: (() => void)[] = [];

export async function withModelSlot<T>(task: () => Promise<T>): Promise<T> {
  if (active >= FUNCTION_MODEL_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  active++;
  try {
    return await task();
  } finally {
    active--;
    waiting.shift()?.();
  }
}
