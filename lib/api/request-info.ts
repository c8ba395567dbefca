// Facts about a request that several layers need: client IP, the app's own origin, whether
// it came over https, and a cookie jar that collects Set-Cookie headers for the response.
import { env } from "@/lib/env";
import type { CookieJar, CookieOptions } from "@/lib/auth/auth-adapter";

export function clientIp(request: Request): string {
  if (env.TRUST_PROXY) {
    const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
    const real = request.headers.get("x-real-ip")?.trim();
    if (real) return real.slice(0, 64);
  }
  return "127.0.0.1";
}

export function requestOrigin(request: Request): string {
  if (env.APP_URL) return new URL(env.APP_URL).origin;
  const url = new URL(request.url);
  if (env.TRUST_PROXY) {
    const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
    const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
    if (host) return `${proto === "http" || proto === "https" ? proto : url.protocol.replace(":", "")}://${host}`;
  }
  return url.origin;
}

export function isSecureRequest(request: Request): boolean {
  return requestOrigin(request).startsWith("https:");
}

/** The origins allowed to call the API from a browser: our own plus ALLOWED_ORIGINS. */
export function allowedOrigins(request: Request): Set<string> {
  return new Set([requestOrigin(request), ...env.ALLOWED_ORIGINS.map((o) => o.replace(/\/$/, ""))]);
}

export function parseCookies(header: string | null): Map<string, string> {
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

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
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
