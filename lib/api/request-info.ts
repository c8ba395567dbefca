// Facts about a request that several layers need: the app's own origin, whether it came over
// https, and a cookie jar that collects Set-Cookie headers for the response. The client's
// address is in client-ip.ts.
import { env } from "@/lib/env";
import type { CookieJar, CookieOptions } from "@/lib/auth/auth-adapter";
import { forwardedList, proxyTrust, trustedEntry, validHost, type ProxyTrust } from "./proxy-trust";

/**
 * The origin the client used: APP_URL when set; else X-Forwarded-Host/Proto when a trusted proxy
 * wrote them (Vercel, or TRUST_PROXY hops); else the Host header the client sent to us directly.
 * An untrusted X-Forwarded-Host is never used: it would let anyone choose the origin written into
 * the add-in manifest and the CSRF allowlist. (A direct client's own Host header only affects
 * its own request: a browser cannot be made to send another site's Host.)
 */
export function requestOrigin(request: Request, trust: ProxyTrust = proxyTrust()): string {
  if (env.APP_URL) return new URL(env.APP_URL).origin;
  const url = new URL(request.url);
  const hops = trust.kind === "vercel" ? 1 : trust.hops;
  if (hops > 0) {
    const host = validHost(trustedEntry(forwardedList(request.headers.get("x-forwarded-host")), hops));
    const proto = trustedEntry(forwardedList(request.headers.get("x-forwarded-proto")), hops)?.toLowerCase();
    const scheme = proto === "http" || proto === "https" ? proto : url.protocol.slice(0, -1);
    if (host) return `${scheme}://${host}`;
    if (proto === "http" || proto === "https") return `${scheme}://${validHost(request.headers.get("host")) ?? url.host}`;
  }
  const host = validHost(request.headers.get("host"));
  return host ? `${url.protocol}//${host}` : url.origin;
}

export function isSecureRequest(request: Request): boolean {
  return requestOrigin(request).startsWith("https:");
}

/** The origins allowed to call the API from a browser: our own plus ALLOWED_ORIGINS. */
export function allowedOrigins(request: Request): Set<string> {
  return new Set([requestOrigin(request), ...env.ALLOWED_ORIGINS.map((o) => o.replace(/\/$/, ""))]);
}

function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    const raw = part.slice(index + 1).trim();
    if (!name || cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      cookies.set(name, raw);
    }
  }
  return cookies;
}

function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path ?? "/"}`];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${Math.floor(options.maxAge)}`);
  if (options.expires) parts.push(`Expires=${options.expires.toUTCString()}`);
  if (options.httpOnly) parts.push("HttpOnly");
  if (options.secure) parts.push("Secure");
  parts.push(`SameSite=${options.sameSite === "strict" ? "Strict" : options.sameSite === "none" ? "None" : "Lax"}`);
  return parts.join("; ");
}

export class ResponseCookieJar implements CookieJar {
  private readonly incoming: Map<string, string>;
  readonly outgoing = new Map<string, string>();

  constructor(cookieHeader: string | null) {
    this.incoming = parseCookies(cookieHeader);
  }

  get(name: string) {
    return this.incoming.get(name);
  }

  getAll() {
    return [...this.incoming].map(([name, value]) => ({ name, value }));
  }

  set(name: string, value: string, options: CookieOptions) {
    if (value === "" || options.maxAge === 0) this.incoming.delete(name);
    else this.incoming.set(name, value);
    this.outgoing.set(name, serializeCookie(name, value, options));
  }

  applyTo(headers: Headers) {
    for (const cookie of this.outgoing.values()) headers.append("Set-Cookie", cookie);
  }
}
