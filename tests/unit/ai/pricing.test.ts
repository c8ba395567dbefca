import { describe, expect, it } from "vitest";
import { costMicros, DEFAULT_PRICE, priceFor } from "@/lib/ai/pricing";

describe("pricing", () => {
  it("prices known models per 1M tokens, in micro-dollars", () => {
    // gpt-4o-mini: $0.15 in, $0.60 out per 1M → 1,000 in = 150 µ$, 500 out = 300 µ$.
    expect(costMicros({ model: "gpt-4o-mini", inputTokens: 1_000, outputTokens: 500 })).toBe(450);
    // gpt-4o: $2.50 / $10 per 1M.
    expect(costMicros({ model: "gpt-4o", inputTokens: 2_000, outputTokens: 1_000 })).toBe(15_000);
  });

  it("matches dated model ids and Azure deployment names by the longest model name they contain", () => {
    expect(priceFor("gpt-4o-mini-2024-07-18").matched).toBe("gpt-4o-mini");
    expect(priceFor("prod-gpt-4o-eastus").matched).toBe("gpt-4o");
    expect(priceFor("gpt-4.1-mini").matched).toBe("gpt-4.1-mini");
    expect(priceFor("gpt-35-turbo-16k").matched).toBe("gpt-35-turbo");
  });

  it("prices unknown models at the documented default (never free)", () => {
    const lookup = priceFor("my-custom-llama");
    expect(lookup).toEqual({ price: DEFAULT_PRICE, matched: null });
    expect(costMicros({ model: "my-custom-llama", inputTokens: 1_000_000, outputTokens: 0 })).toBe(2_500_000);
  });

  it("charges nothing for the offline analyst and the mock model", () => {
    expect(costMicros({ model: "offline-analyst", provider: "offline", inputTokens: 5_000, outputTokens: 5_000 })).toBe(0);
    expect(costMicros({ model: "gpt-4o", provider: "mock", inputTokens: 5_000, outputTokens: 5_000 })).toBe(0);
  });

  it("rounds a non-zero call up, never down to 0", () => {
    expect(costMicros({ model: "gpt-4.1-nano", inputTokens: 1, outputTokens: 0 })).toBe(1);
    expect(costMicros({ model: "gpt-4.1-nano", inputTokens: 0, outputTokens: 0 })).toBe(0);
  });
});
