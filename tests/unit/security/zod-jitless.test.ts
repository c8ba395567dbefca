// instrumentation-client.ts turns zod's JIT off in the browser by presetting zod's global config,
// so zod never probes `new Function` under our CSP. This fails if zod stops adopting that object.
import { describe, expect, it } from "vitest";

describe("instrumentation-client.ts", () => {
  it("makes zod jitless before zod loads", async () => {
    await import("@/instrumentation-client");
    const { config } = await import("zod/v4/core");
    expect(config().jitless).toBe(true);
  });
});
