// Pages receive `next` as untrusted query input: reduce it to a same-site path once, on the
// server, before it reaches a form or a redirect.
import { safeNextPath } from "@/lib/auth/safe-next-path";

export async function nextFromSearchParams(searchParams: Promise<Record<string, string | string[] | undefined>>) {
  const raw = (await searchParams).next;
  return safeNextPath(Array.isArray(raw) ? raw[0] : raw);
}
