// What an API key may do. A key is a long-lived secret pasted into scripts and the add-in, so
// it carries only the scopes chosen when it was created; everything else (managing keys,
// settings, billing, export, the audit log, account deletion, deleting history) needs a
// signed-in session. The route guard enforces this (`withRoute({ keyScope })`).
import { z } from "zod";

export const API_KEY_SCOPES = ["chat", "history", "usage"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Plain descriptions, shown where a key is created and in the README. */
export const API_KEY_SCOPE_DESCRIPTIONS: Record<ApiKeyScope, { label: string; description: string }> = {
  chat: {
    label: "Chat",
    description: "Ask questions about a selection, record what you did with proposed changes, and compute =AI functions in cells (/api/chat, /api/v1/chat, /api/v1/functions).",
  },
  history: {
    label: "History",
    description: "Read past conversations (/api/conversations, /api/v1/chat/history). Deleting them still needs you signed in.",
  },
  usage: {
    label: "Usage",
    description: "Read your plan, usage and limits (/api/usage).",
  },
};

/**
 * A key created without naming scopes gets all of them, like the dashboard's default. A second
 * name on purpose: routes say which policy they apply, not that it happens to be "all".
 * @alias
 */
export const DEFAULT_API_KEY_SCOPES: readonly ApiKeyScope[] = API_KEY_SCOPES;

export function isApiKeyScope(value: unknown): value is ApiKeyScope {
  return typeof value === "string" && (API_KEY_SCOPES as readonly string[]).includes(value);
}

/** Scopes in their canonical order without repeats, whatever order they were chosen in. */
export function normalizeScopes(scopes: readonly ApiKeyScope[]): ApiKeyScope[] {
  return API_KEY_SCOPES.filter((scope) => scopes.includes(scope));
}

export const apiKeyScopesSchema = z
  .array(
    z.enum(API_KEY_SCOPES, { error: (issue) => `unknown scope ${JSON.stringify(issue.input)}; allowed: ${API_KEY_SCOPES.join(", ")}` }),
    { error: `scopes must be an array of ${API_KEY_SCOPES.join(", ")}` },
  )
  .min(1, `choose at least one scope: ${API_KEY_SCOPES.join(", ")}`)
  .max(10, "scopes lists too many entries");
