// Which address a request counts as: never one the client wrote itself.
import { describe, expect, it } from "vitest";
import { clientIp, clientNetwork, parseIpAddress, UNKNOWN_CLIENT } from "@/lib/api/client-ip";
import { forwardedList, proxyTrust, trustedEntry, validHost } from "@/lib/api/proxy-trust";
import { EnvError, parseEnv } from "@/lib/env";

function request(headers: Record<string, string>) {
  return new Request("http://localhost:3000/api/chat", { headers });
}
const hops = (n: number) => ({ kind: "hops" as const, hops: n });
const vercel = { kind: "vercel" as const };

describe("TRUST_PROXY", () => {
  it("defaults to no trusted proxy", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(0);
    expect(proxyTrust(parseEnv({}))).toEqual(hops(0));
  });

  it("is a hop count; the legacy false means none", () => {
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: " 3 " }).TRUST_PROXY).toBe(3);
    expect(parseEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "" }).TRUST_PROXY).toBe(0);
  });

  it('refuses "true" at start-up, naming the variable and what it must be', () => {
    try {
      parseEnv({ TRUST_PROXY: "true" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const message = (error as Error).message;
      expect(message).toContain("TRUST_PROXY");
      expect(message).toMatch(/number of trusted proxy hops/);
    }
  });

  it.each(["-1", "1.5", "yes", "11", "two"])("refuses %j with the allowed range", (value) => {
    expect(() => parseEnv({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: .*0 to 10/);
  });

  it("is ignored on Vercel, where the platform's headers decide", () => {
    expect(proxyTrust(parseEnv({ VERCEL: "1", TRUST_PROXY: "2" }))).toEqual(vercel);
    expect(proxyTrust(parseEnv({ VERCEL: "0", TRUST_PROXY: "2" }))).toEqual(hops(2));
  });
});

describe("clientIp", () => {
  it("without a trusted proxy, no header decides: every client is the same unknown one", () => {
    const variants: Record<string, string>[] = [{}, { "x-forwarded-for": "198.51.100.7" }, { "x-real-ip": "198.51.100.8" }, { "x-vercel-forwarded-for": "198.51.100.9" }];
    for (const headers of variants) {
      expect(clientIp(request(headers), hops(0))).toBe(UNKNOWN_CLIENT);
    }
  });

  it("behind N proxies takes the N-th entry from the right, whatever the client prepended", () => {
    // client 198.51.100.7 -> proxy A (appends the client) -> proxy B (appends A) -> app
    const chain = "6.6.6.6, 7.7.7.7, 198.51.100.7, 10.0.0.2";
    expect(clientIp(request({ "x-forwarded-for": chain }), hops(2))).toBe("198.51.100.7");
    expect(clientIp(request({ "x-forwarded-for": chain }), hops(1))).toBe("10.0.0.2");
    expect(clientIp(request({ "x-forwarded-for": chain }), hops(3))).toBe("7.7.7.7");
    // Repeated headers arrive joined; the right-most is still our proxy's.
    const headers = new Headers();
    headers.append("x-forwarded-for", "6.6.6.6");
    headers.append("x-forwarded-for", "198.51.100.7");
    expect(clientIp(new Request("http://localhost/", { headers }), hops(1))).toBe("198.51.100.7");
  });

  it("with a chain shorter than the hop count, takes the left-most (written by a trusted proxy)", () => {
    expect(clientIp(request({ "x-forwarded-for": "198.51.100.7" }), hops(2))).toBe("198.51.100.7");
  });

  it("behind a proxy, ignores X-Real-IP and the Vercel header a client may send", () => {
    expect(clientIp(request({ "x-forwarded-for": "198.51.100.7", "x-real-ip": "6.6.6.6", "x-vercel-forwarded-for": "6.6.6.6" }), hops(1))).toBe("198.51.100.7");
    expect(clientIp(request({ "x-real-ip": "6.6.6.6" }), hops(1))).toBe(UNKNOWN_CLIENT);
  });

  it("on Vercel uses the platform's header and never X-Forwarded-For", () => {
    expect(clientIp(request({ "x-vercel-forwarded-for": "198.51.100.7", "x-real-ip": "198.51.100.8", "x-forwarded-for": "6.6.6.6" }), vercel)).toBe("198.51.100.7");
    expect(clientIp(request({ "x-real-ip": "198.51.100.8", "x-forwarded-for": "6.6.6.6" }), vercel)).toBe("198.51.100.8");
    expect(clientIp(request({ "x-forwarded-for": "6.6.6.6" }), vercel)).toBe(UNKNOWN_CLIENT);
  });

  it("takes only IP addresses", () => {
    for (const value of ["not-an-ip", "198.51.100.7<script>", "999.1.1.1", "", "unknown", "_hidden", "fe80::1%eth0", "1.2.3.4.5"]) {
      expect(clientIp(request({ "x-forwarded-for": value }), hops(1)), value).toBe(UNKNOWN_CLIENT);
    }
  });
});

describe("parseIpAddress", () => {
  it.each([
    ["198.51.100.7", "198.51.100.7"],
    [" 198.51.100.7 ", "198.51.100.7"],
    ["198.51.100.7:51234", "198.51.100.7"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["::ffff:198.51.100.7", "198.51.100.7"],
    ["::1", "::1"],
  ])("%j -> %j", (value, expected) => {
    expect(parseIpAddress(value)).toBe(expected);
  });

  it.each(["", "localhost", "198.51.100", "[198.51.100.7]x", `::${"0:".repeat(30)}1`, "1".repeat(70)])("%j is not an address", (value) => {
    expect(parseIpAddress(value)).toBeNull();
  });
});

describe("clientNetwork", () => {
  it("keys IPv4 by the address and IPv6 by its /64, so one host cannot rotate through its block", () => {
    expect(clientNetwork("198.51.100.7")).toBe("198.51.100.7");
    expect(clientNetwork("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientNetwork("2001:db8:1:2:ffff:ffff:ffff:fffe")).toBe("2001:db8:1:2::/64");
    expect(clientNetwork("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientNetwork("::1")).toBe("0:0:0:0::/64");
    expect(clientNetwork(UNKNOWN_CLIENT)).toBe(UNKNOWN_CLIENT);
  });
});

describe("forwarding-header helpers", () => {
  it("split, trim and pick entries", () => {
    expect(forwardedList(" a , b,,c ")).toEqual(["a", "b", "c"]);
    expect(forwardedList(null)).toEqual([]);
    expect(trustedEntry(["a", "b", "c"], 0)).toBeUndefined();
    expect(trustedEntry(["a", "b", "c"], 1)).toBe("c");
    expect(trustedEntry(["a", "b", "c"], 5)).toBe("a");
  });

  it("accept only plain host names as hosts", () => {
    expect(validHost("App.Example.com")).toBe("app.example.com");
    expect(validHost("app.example.com:8443")).toBe("app.example.com:8443");
    expect(validHost("[::1]:3000")).toBe("[::1]:3000");
    for (const bad of ['evil.example"><x', "a b", "example.com/path", "user@example.com", "example.com:99999", "-bad.example", ""]) {
      expect(validHost(bad), bad).toBeNull();
    }
  });
});
