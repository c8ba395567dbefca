// Function model calls are bounded per server instance: however many cells arrive at once, no
// more than the bound run together, and every queued call still runs.
import { describe, expect, it } from "vitest";
import { withModelSlot } from "@/lib/ai/functions/model-concurrency";

describe("withModelSlot", () => {
  it("runs at most 16 calls at once and all of them in the end, also when some fail", async () => {
    let running = 0;
    let peak = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        withModelSlot(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 2));
          running--;
          if (i % 10 === 0) throw new Error(`call ${i} failed`);
          return i;
        }),
      ),
    );
    expect(peak).toBe(16);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(90);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(10);
    expect(running).toBe(0);
  });
});
