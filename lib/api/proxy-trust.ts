// Which proxy headers may be believed, decided in one place from the environment:
// - on Vercel (VERCEL=1) the platform overwrites its forwarding headers on every request, so
//   they are the platform's word, whatever the client sent;
// - self-hosted, TRUST_PROXY names how many reverse proxies stand in front of the app. Each one
//   appends the address it received the request from to X-Forwarded-For, so the right-most
//   TRUST_PROXY entries were written by our own proxies and everything left of them is whatever
//   the client sent. With 0 (the default) no proxy header is believed at all.
// Imported by proxy.ts: no database, no Node-only modules.
import { env, type Env } from "@/lib/env";

export type ProxyTrust = { kind: "vercel" } | { kind: "hops"; hops: number };

export function proxyTrust(source: Pick<Env, "VERCEL" | "TRUST_PROXY"> = env): ProxyTrust {
  return source.VERCEL ? { kind: "vercel" } : { kind: "hops", hops: source.TRUST_PROXY };
}

/** The entries of a comma-separated forwarding header (repeated headers arrive joined by ", "). */
export function forwardedList(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * The entry written by the outermost of `hops` trusted proxies: the `hops`-th from the right.
 * A shorter list was written entirely by trusted proxies (the request entered behind the
 * outermost one), so its left-most entry is taken. With 0 hops nothing is trusted.
 */
export function trustedEntry(entries: readonly string[], hops: number): string | undefined {
  if (hops <= 0 || entries.length === 0) return undefined;
  return entries[Math.max(0, entries.length - hops)];
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]{2,45}\])(?::\d{1,5})?$/i;

/** A Host / X-Forwarded-Host value that is a plain host[:port], lower-cased; else null. */
export function validHost(value: string | null | undefined): string | null {
  if (!value || value.length > 260 || !HOST.test(value)) return null;
  const port = /:(\d{1,5})$/.exec(value.startsWith("[") ? value.slice(value.indexOf("]")) : value)?.[1];
  if (port !== undefined && Number(port) > 65535) return null;
  return value.toLowerCase();
}
