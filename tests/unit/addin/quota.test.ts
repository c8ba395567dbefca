import { describe, expect, it } from "vitest";
import { lowQuotaLine, parseQuotaHeader, questionsLeftText, quotaFromUsage } from "@/lib/addin/quota";

const header = (requests: number, tokens = 20_000) => `plan=guest, requests-remaining=${requests}, requests-limit=10, tokens-remaining=${tokens}, tokens-limit=20000`;

describe("parseQuotaHeader", () => {
  it("reads the chat answer's X-Quota header", () => {
    expect(parseQuotaHeader(header(3, 18_000))).toEqual({ plan: "guest", requests: { remaining: 3, limit: 10 }, tokens: { remaining: 18_000, limit: 20_000 } });
  });

  it("returns null for a missing, partial or malformed header rather than guessing", () => {
    expect(parseQuotaHeader(null)).toBeNull();
    expect(parseQuotaHeader("plan=guest, requests-remaining=3")).toBeNull();
    expect(parseQuotaHeader(header(3).replace("plan=guest", "plan=platinum"))).toBeNull();
    expect(parseQuotaHeader(header(3).replace("requests-remaining=3", "requests-remaining=-1"))).toBeNull();
    expect(parseQuotaHeader(header(3).replace("requests-remaining=3", "requests-remaining=lots"))).toBeNull();
  });

  it("never says more is left than the limit", () => {
    expect(parseQuotaHeader(header(99))?.requests.remaining).toBe(10);
  });
});

describe("quotaFromUsage", () => {
  it("reads GET /api/usage's counters", () => {
    const body = { plan: "free", requests: { used: 2, limit: 50, remaining: 48 }, tokens: { used: 10, limit: 100_000, remaining: 99_990 } };
    expect(quotaFromUsage(body)).toEqual({ plan: "free", requests: { remaining: 48, limit: 50 }, tokens: { remaining: 99_990, limit: 100_000 } });
    expect(quotaFromUsage({ plan: "free" })).toBeNull();
    expect(quotaFromUsage(null)).toBeNull();
  });
});

describe("lowQuotaLine", () => {
  it("stays quiet while plenty is left", () => {
    expect(lowQuotaLine(parseQuotaHeader(header(4)))).toBeNull();
    expect(lowQuotaLine(null)).toBeNull();
  });

  it("says how many guest questions are left once few are", () => {
    expect(lowQuotaLine(parseQuotaHeader(header(3)))).toBe("3 of 10 guest questions left today.");
    expect(lowQuotaLine(parseQuotaHeader(header(0)))).toBe("0 of 10 guest questions left today.");
  });

  it("names tokens when the month's tokens run low, and does not call a paying user a guest", () => {
    const quota = { plan: "pro" as const, requests: { remaining: 500, limit: 1_000 }, tokens: { remaining: 1_500, limit: 20_000 } };
    expect(lowQuotaLine(quota)).toBe("1,500 of 20,000 tokens left this month.");
    expect(questionsLeftText(quota)).toBe("500 of 1,000 questions left today");
  });
});
