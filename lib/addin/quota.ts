// What is left of the user's quota, as the pane shows it: read from the chat answer's X-Quota
// header (every caller, guests included) or from GET /api/usage (signed-in users and API keys
// with the `usage` scope), and the quiet line the pane shows once little is left.
import type { Plan } from "@/lib/limits/entitlements";
import { PLANS } from "@/lib/limits/entitlements";

export interface QuotaLeft {
  plan: Plan;
  requests: { remaining: number; limit: number };
  tokens: { remaining: number; limit: number };
}

/** At or below this many questions left today, the pane says so. */
const LOW_REQUESTS = 3;
/** At or below this share of the month's tokens left, the pane says so. */
const LOW_TOKEN_SHARE = 0.1;

function whole(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

/** `plan=guest, requests-remaining=3, requests-limit=10, tokens-remaining=…, tokens-limit=…`, or null when malformed. */
export function parseQuotaHeader(header: string | null): QuotaLeft | null {
  if (!header) return null;
  const fields = new Map<string, string>();
  for (const pair of header.split(",")) {
    const at = pair.indexOf("=");
    if (at > 0) fields.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  const plan = fields.get("plan");
  const numbers = ["requests-remaining", "requests-limit", "tokens-remaining", "tokens-limit"].map((name) => whole(fields.get(name)));
  if (!plan || !(PLANS as readonly string[]).includes(plan) || numbers.some((n) => n === null)) return null;
  const [requestsRemaining, requestsLimit, tokensRemaining, tokensLimit] = numbers as number[];
  return {
    plan: plan as Plan,
    requests: { remaining: Math.min(requestsRemaining, requestsLimit), limit: requestsLimit },
    tokens: { remaining: Math.min(tokensRemaining, tokensLimit), limit: tokensLimit },
  };
}

/** The quota part of a GET /api/usage body, or null when it is not one. */
export function quotaFromUsage(body: unknown): QuotaLeft | null {
  const b = body as { plan?: unknown; requests?: { remaining?: unknown; limit?: unknown }; tokens?: { remaining?: unknown; limit?: unknown } } | null;
  const n = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : null);
  if (!b || typeof b.plan !== "string" || !(PLANS as readonly string[]).includes(b.plan)) return null;
  const values = [n(b.requests?.remaining), n(b.requests?.limit), n(b.tokens?.remaining), n(b.tokens?.limit)];
  if (values.some((v) => v === null)) return null;
  const [rr, rl, tr, tl] = values as number[];
  return { plan: b.plan as Plan, requests: { remaining: rr, limit: rl }, tokens: { remaining: tr, limit: tl } };
}

const count = (n: number) => n.toLocaleString("en-US");

/** "3 of 10 guest questions left today" (the plan named only for guests, whose limit is the point). */
export function questionsLeftText(quota: QuotaLeft): string {
  const { remaining, limit } = quota.requests;
  const noun = `${quota.plan === "guest" ? "guest " : ""}question${limit === 1 ? "" : "s"}`;
  return `${count(remaining)} of ${count(limit)} ${noun} left today`;
}

export function tokensLeftText(quota: QuotaLeft): string {
  return `${count(quota.tokens.remaining)} of ${count(quota.tokens.limit)} tokens left this month`;
}

/** The quiet line shown under the conversation when little is left, or null when there is plenty. */
export function lowQuotaLine(quota: QuotaLeft | null): string | null {
  if (!quota) return null;
  const parts: string[] = [];
  if (quota.requests.remaining <= LOW_REQUESTS) parts.push(questionsLeftText(quota));
  if (quota.tokens.limit > 0 && quota.tokens.remaining <= quota.tokens.limit * LOW_TOKEN_SHARE) parts.push(tokensLeftText(quota));
  return parts.length > 0 ? `${parts.join("; ")}.` : null;
}
