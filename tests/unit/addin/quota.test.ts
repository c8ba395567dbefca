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

describe("getQuota", () => {
  const reply = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

  it("reads what is left from GET /api/usage", async () => {
    const { getQuota } = await import("@/lib/addin/api-client");
    const result = await getQuota(reply(200, { plan: "pro", requests: { used: 1, limit: 1000, remaining: 999 }, tokens: { used: 0, limit: 2_000_000, remaining: 2_000_000 } }));
    expect(result).toEqual({ ok: true, data: { plan: "pro", requests: { remaining: 999, limit: 1000 }, tokens: { remaining: 2_000_000, limit: 2_000_000 } } });
  });

  it("hands back the 403 of an API key without the usage scope instead of throwing", async () => {
    const { getQuota } = await import("@/lib/addin/api-client");
    const result = await getQuota(reply(403, { error: { code: "forbidden", message: "This API key lacks the usage scope.", requestId: "r1" } }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ status: 403, code: "forbidden" });
  });

  it("refuses a body that is not a usage report", async () => {
    const { getQuota } = await import("@/lib/addin/api-client");
    const result = await getQuota(reply(200, { hello: "world" }));
    expect(result.ok).toBe(false);
  });
});
