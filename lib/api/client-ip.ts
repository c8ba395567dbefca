// The client's address, as far as it can be known without believing the client (see
// proxy-trust.ts for what is trusted where):
// - Vercel: the address the platform writes (x-vercel-forwarded-for, else x-real-ip);
// - behind TRUST_PROXY=N proxies: the N-th X-Forwarded-For entry from the right;
// - otherwise UNKNOWN_CLIENT. Next.js does not hand route handlers the socket address (it only
//   copies it into X-Forwarded-For when the client sent none, so that header cannot tell the two
//   apart), and a header the client chose must never decide whose limit a request counts
//   against. Every such client shares one "unknown" budget: a deployment that serves real
//   traffic puts a proxy in front and sets TRUST_PROXY.
// Whatever is taken must be an IP address; anything else is UNKNOWN_CLIENT.
import { isIP } from "node:net";
import { forwardedList, proxyTrust, trustedEntry, type ProxyTrust } from "./proxy-trust";

/** The address of a client that cannot be told apart from others. Not an IP address. */
export const UNKNOWN_CLIENT = "unknown";

export function clientIp(request: Request, trust: ProxyTrust = proxyTrust()): string {
  const headers = request.headers;
  if (trust.kind === "vercel") {
    // The platform overwrites both; x-vercel-forwarded-for survives a customer proxy on top.
    return (
      parseIpAddress(forwardedList(headers.get("x-vercel-forwarded-for"))[0]) ??
      parseIpAddress(headers.get("x-real-ip")) ??
      UNKNOWN_CLIENT
    );
  }
  return parseIpAddress(trustedEntry(forwardedList(headers.get("x-forwarded-for")), trust.hops)) ?? UNKNOWN_CLIENT;
}

/**
 * An IPv4 or IPv6 address in canonical form, or null. Accepts what proxies write: a bare
 * address, `[v6]`, `v4:port`, `[v6]:port`; IPv4-mapped IPv6 becomes the IPv4 address.
 */
export function parseIpAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  let text = value.trim();
  if (text.length > 64) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  const version = isIP(text);
  if (version === 4) return text;
  if (version !== 6 || text.includes("%")) return null;
  // The URL parser writes IPv6 in its canonical (RFC 5952) form, so one address is one key.
  const canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (mapped) {
    const [high, low] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return canonical;
}

/**
 * What per-address limits are keyed on. An IPv6 client normally holds a whole /64 and can
 * pick any address in it, so IPv6 addresses count by their /64 network; IPv4 by the address.
 */
export function clientNetwork(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const [head, tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}
