// The usage_records service type of a request (analysis | generation | explanation, as the
// schema allows), from what the user asked: analysing data, producing something (a formula, a
// chart, formatting), or explaining. "Explain this formula" is an explanation even though its
// intent is formula help.
import type { ServiceType } from "@/lib/db/schema";
import type { Intent } from "@/lib/ai/prompts/detect-intent";

const EXPLAIN = /\b(explain|what does|what is|what's|why does|why is|how does|meaning of|tell me what)\b/i;

export function serviceTypeFor(intent: Intent, userText: string): ServiceType {
  if (intent === "analysis") return "analysis";
  if (EXPLAIN.test(userText)) return "explanation";
  if (intent === "general") return "explanation";
  return "generation";
}
