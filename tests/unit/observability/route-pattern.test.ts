// Metric labels are route patterns, so a million conversation ids are still one series.
import { describe, expect, it } from "vitest";
import { routePattern } from "@/lib/observability/route-pattern";

describe("routePattern", () => {
  it("folds resolved params into their names", () => {
    expect(routePattern("/api/keys/6f1c2a3b-1111-4222-8333-444455556666", { id: "6f1c2a3b-1111-4222-8333-444455556666" })).toBe("/api/keys/[id]");
    expect(routePattern("/api/conversations/abc", { id: "abc" })).toBe("/api/conversations/[id]");
    expect(routePattern("/api/files/a/b/c", { path: ["a", "b", "c"] })).toBe("/api/files/[...path]");
  });

  it("matches the param segment, not an equal static segment earlier in the path", () => {
    expect(routePattern("/api/keys/keys", { id: "keys" })).toBe("/api/keys/[id]");
  });

  it("decodes percent-encoded params", () => {
    expect(routePattern("/api/keys/1%20or%201%3D1", { id: "1 or 1=1" })).toBe("/api/keys/[id]");
  });

  it("folds id-shaped segments even without params, and leaves static routes alone", () => {
    expect(routePattern("/api/conversations/6f1c2a3b-1111-4222-8333-444455556666")).toBe("/api/conversations/[id]");
    expect(routePattern("/api/audit/12345")).toBe("/api/audit/[id]");
    expect(routePattern("/api/health/detailed")).toBe("/api/health/detailed");
    expect(routePattern("/api/v1/chat/history")).toBe("/api/v1/chat/history");
  });
});
