// The one check every `next` passes before a redirect or a navigation follows it. Each refused
// value below, followed as given, would leave the site: a browser resolves it (or what the URL
// parser makes of it) to another host.
import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/safe-next-path";

const ORIGIN = "https://app.example.com";

/** Where a browser ends up following `Location: <value>` from a page on ORIGIN. */
function lands(value: string) {
  return new URL(value, ORIGIN).origin;
}

const ATTACKS = [
  // dot segments that collapse into a protocol-relative URL
  "/..//evil.example",
  "/../..//evil.example/path",
  "/.//evil.example",
  "/./..//evil.example",
  "/a/../..//evil.example",
  "/%2e%2e//evil.example",
  "/%2E%2E//evil.example",
  "/%2e//evil.example",
  "/.%2e//evil.example",
  // backslashes, which the URL parser reads as slashes
  "/\\evil.example",
  "/./\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/..\\\\evil.example",
  // encoded slashes and backslashes, once and twice
  "/%5c%5cevil.example",
  "/%5C%5Cevil.example",
  "/%2f%2fevil.example",
  "/%2F/evil.example",
  "/%252f%252fevil.example",
  "/%255c%255cevil.example",
  "/..%2f%2fevil.example",
  // tabs, newlines and other characters the parser drops or rewrites
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  "/\u0000/evil.example",
  " //evil.example",
  "/ /evil.example",
  "/\u2028/evil.example",
  // plainly elsewhere
  "//evil.example",
  "///evil.example",
  "https://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "evil.example",
  "",
  // malformed escapes
  "/%E0%A4%A",
  "/%",
];

describe("safeNextPath", () => {
  it.each(ATTACKS)("refuses %j", (value) => {
    expect(safeNextPath(value)).toBe("/dashboard");
  });

  it("would really have left the site for the collapsing cases (the attack is not hypothetical)", () => {
    for (const value of ["/..//evil.example", "/.//evil.example", "/%2e%2e//evil.example", "/./\\evil.example"]) {
      const naive = new URL(value, "http://localhost");
      expect(lands(`${naive.pathname}${naive.search}`), value).toBe("https://evil.example");
    }
  });

  it.each([
    ["/dashboard", "/dashboard"],
    ["/dashboard/keys", "/dashboard/keys"],
    ["/dashboard/billing?plan=pro", "/dashboard/billing?plan=pro"],
    ["/dashboard/history?q=a%2Fb&page=2", "/dashboard/history?q=a%2Fb&page=2"],
    ["/dashboard/history/6f1c2a3b-1111-4222-8333-444455556666", "/dashboard/history/6f1c2a3b-1111-4222-8333-444455556666"],
    ["/dashboard#usage", "/dashboard#usage"],
    ["/dashboard/./keys", "/dashboard/keys"],
    ["/dashboard/../dashboard/keys", "/dashboard/keys"],
    ["/%2e%2e/dashboard", "/dashboard"],
    ["/dashboard/résumé", "/dashboard/r%C3%A9sum%C3%A9"],
    ["/sign-in?next=//evil.example", "/sign-in?next=//evil.example"],
  ])("keeps the same-site path %j as %j", (value, expected) => {
    const result = safeNextPath(value);
    expect(result).toBe(expected);
    expect(lands(result)).toBe(ORIGIN);
  });

  it("never returns anything that leaves the site, for every case and a fallback of the caller's", () => {
    for (const value of ATTACKS) {
      expect(lands(safeNextPath(value, "/addin/taskpane"))).toBe(ORIGIN);
      expect(safeNextPath(value, "/addin/taskpane")).toBe("/addin/taskpane");
    }
  });

  it("refuses values that are not strings or are absurdly long", () => {
    expect(safeNextPath(null)).toBe("/dashboard");
    expect(safeNextPath(undefined)).toBe("/dashboard");
    expect(safeNextPath(42 as unknown as string)).toBe("/dashboard");
    expect(safeNextPath(`/${"a".repeat(5000)}`)).toBe("/dashboard");
  });

  it("is idempotent: what it returns passes again unchanged", () => {
    for (const value of ["/dashboard/./keys", "/%2e%2e/dashboard", "/dashboard/résumé?q=x y"]) {
      const once = safeNextPath(value);
      expect(safeNextPath(once)).toBe(once);
    }
  });
});
