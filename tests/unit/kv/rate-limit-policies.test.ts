// The policy and plan tables and the header formats clients see.
import { describe, expect, it } from "vitest";
import { describeWindow, rateLimitHeaders, scaleWindows } from "@/lib/limits/check-rate-limit";
import { ENTITLEMENTS, isPlan, PLANS } from "@/lib/limits/entitlements";
import { RATE_LIMITS } from "@/lib/limits/rate-limit-policies";

describe("RATE_LIMITS", () => {
  it("chat admits 10 a minute and 50 per 15 minutes; auth 10 per 15 minutes; the rest 100 per 15 minutes", () => {
    expect(RATE_LIMITS.chat.windows).toEqual([
      { limit: 10, windowMs: 60_000 },
      { limit: 50, windowMs: 900_000 },
    ]);
    expect(RATE_LIMITS.chatGuest.windows).toEqual(RATE_LIMITS.chat.windows);
    expect(RATE_LIMITS.chatGuest.keyedBy).toBe("ip");
    expect(RATE_LIMITS.auth.windows).toEqual([{ limit: 10, windowMs: 900_000 }]);
    expect(RATE_LIMITS.auth.keyedBy).toBe("ip");
    expect(RATE_LIMITS.api.windows).toEqual([{ limit: 100, windowMs: 900_000 }]);
  });

  it("fails closed for model routes and auth, open for read routes", () => {
    expect(RATE_LIMITS.chat.failMode).toBe("closed");
    expect(RATE_LIMITS.chatGuest.failMode).toBe("closed");
    expect(RATE_LIMITS.auth.failMode).toBe("closed");
    expect(RATE_LIMITS.api.failMode).toBe("open");
  });

  it("limits sign-in per address, per account for unknown devices, and per known device, failing closed", () => {
    expect(RATE_LIMITS.signInIp).toMatchObject({ keyedBy: "ip", failMode: "closed", windows: [{ limit: 10, windowMs: 900_000 }] });
    expect(RATE_LIMITS.signInAccount).toMatchObject({ keyedBy: "account", failMode: "closed" });
    expect(RATE_LIMITS.signInAccount.windows).toEqual([
      { limit: 10, windowMs: 900_000 },
      { limit: 50, windowMs: 86_400_000 },
    ]);
    expect(RATE_LIMITS.signInDevice).toMatchObject({ keyedBy: "device", failMode: "closed", windows: [{ limit: 10, windowMs: 900_000 }] });
  });

  it("gives every policy its own key namespace", () => {
    const names = Object.values(RATE_LIMITS).map((policy) => policy.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("rate-limit headers", () => {
  it("formats RateLimit-Policy and RateLimit per the IETF draft, in seconds", () => {
    const headers = rateLimitHeaders(RATE_LIMITS.chat.windows, {
      allowed: true,
      limit: 10,
      remaining: 3,
      resetMs: 41_001,
      retryAfterMs: 0,
    });
    expect(headers).toEqual({ "RateLimit-Policy": "10;w=60, 50;w=900", RateLimit: "limit=10, remaining=3, reset=42" });
  });

  it("describes windows in words", () => {
    expect(describeWindow(60_000)).toBe("per minute");
    expect(describeWindow(900_000)).toBe("per 15 minutes");
    expect(describeWindow(3_600_000)).toBe("per hour");
    expect(describeWindow(86_400_000)).toBe("per day");
    expect(describeWindow(30_000)).toBe("per 30 seconds");
    expect(describeWindow(1_500)).toBe("per 1500 ms");
  });

  it("scales limits for benchmarks, never below 1", () => {
    expect(scaleWindows(RATE_LIMITS.chat.windows, 100)).toEqual([
      { limit: 1_000, windowMs: 60_000 },
      { limit: 5_000, windowMs: 900_000 },
    ]);
    expect(scaleWindows(RATE_LIMITS.chat.windows, 0.01)).toEqual([
      { limit: 1, windowMs: 60_000 },
      { limit: 1, windowMs: 900_000 },
    ]);
    expect(() => scaleWindows(RATE_LIMITS.chat.windows, 0)).toThrow(RangeError);
    expect(() => scaleWindows(RATE_LIMITS.chat.windows, Number.NaN)).toThrow(RangeError);
  });
});

describe("ENTITLEMENTS", () => {
  it("has the four plans with their daily chats, monthly tokens and cell limits", () => {
    expect(PLANS).toEqual(["guest", "free", "pro", "team"]);
    expect(ENTITLEMENTS.guest).toMatchObject({ requestsPerDay: 10, upgradeUrl: "/sign-up" });
    expect(ENTITLEMENTS.free).toMatchObject({ requestsPerDay: 50, tokensPerMonth: 200_000, upgradeUrl: "/dashboard/billing" });
    expect(ENTITLEMENTS.pro).toMatchObject({ requestsPerDay: 1_000, tokensPerMonth: 5_000_000, maxCellsPerRequest: 1_000_000 });
    expect(ENTITLEMENTS.team).toMatchObject({ requestsPerDay: 5_000, tokensPerMonth: 25_000_000, maxCellsPerRequest: 2_000_000 });
  });

  it("grows with each plan", () => {
    const ordered = PLANS.map((plan) => ENTITLEMENTS[plan]);
    for (let i = 1; i < ordered.length; i++) {
      expect(ordered[i].requestsPerDay).toBeGreaterThan(ordered[i - 1].requestsPerDay);
      expect(ordered[i].tokensPerMonth).toBeGreaterThan(ordered[i - 1].tokensPerMonth);
      expect(ordered[i].maxCellsPerRequest).toBeGreaterThan(ordered[i - 1].maxCellsPerRequest);
    }
  });

  it("recognises plan names", () => {
    expect(isPlan("pro")).toBe(true);
    expect(isPlan("enterprise")).toBe(false);
    expect(isPlan(undefined)).toBe(false);
  });
});
