// Shared-secret bearer checks for machine callers (Prometheus scraping /api/metrics, Vercel
// Cron calling /api/cron/*). Compared in constant time over SHA-256 digests, so neither the
// secret's content nor its length leaks through response timing.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

function secretsMatch(provided: string, expected: string): boolean {
  return timingSafeEqual(digest(provided), digest(expected));
}

/** True when the request carries `Authorization: Bearer <expected>`. */
export function hasBearerSecret(request: Request, expected: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  // Compare even without a header, so a missing one costs the same as a wrong one.
  return secretsMatch(match?.[1] ?? "", expected) && Boolean(match);
}
