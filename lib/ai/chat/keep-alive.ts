// Work that must finish after the response is sent (storing the answer, usage) has to keep a
// serverless function alive: Next's `after` does that on Vercel and in `next start`. Outside a
// request scope (tests, scripts) the promise simply runs on.
import { after } from "next/server";

export function keepAliveUntil(promise: Promise<unknown>): void {
  try {
    after(() => promise);
  } catch {
    // Not inside a Next.js request: nothing to keep alive.
  }
}
