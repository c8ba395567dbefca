// The AI response cache key: SHA-256 over the canonical JSON of everything that
// decides the answer — model, provider, prompt version, the normalized conversation, the parsed
// Excel context, any caller-supplied variant (write mode, redaction, tool set) — and the scope,
// so one user's entry can never match another user's request (see cache-scope.ts).
//
// The context is hashed whole (addresses, values, formulas, number formats, sheet and workbook
// names, declared sizes): the prompt is built from it, so any change in it may change the answer.
// It is streamed into the hash in 64 KB pieces, so a million-cell selection is never copied
// into one string.
import { createHash } from "node:crypto";
import { PROMPT_VERSION } from "@/lib/ai/prompts/prompt-version";
import type { ExcelContext } from "@/lib/excel/types";
import { isCacheScope, type CacheScope } from "./cache-scope";
import { writeCanonicalJson } from "./canonical-json";
import { normalizeMessages, type CacheKeyMessage } from "./normalize-messages";

/** Bump when the key's inputs or the stored value's shape change, so old entries are ignored. */
const CACHE_KEY_VERSION = 1;
export const CACHE_KEY_PREFIX = `ai-cache:v${CACHE_KEY_VERSION}:`;

const FLUSH_AT = 64 * 1024;

export interface CacheKeyInput {
  /** `user:<id>` from cacheScopeFor; guests have none and are not cached. */
  scope: CacheScope;
  /** The model id (or Azure deployment) that will answer. */
  model: string;
  /** The provider that will answer (`azure`, `openai`, `compatible`, `mock`, `offline`). */
  provider: string;
  /** Defaults to the current PROMPT_VERSION. */
  promptVersion?: string;
  /** The conversation sent to the model (AI SDK UI messages). */
  messages: readonly CacheKeyMessage[];
  /** The parsed Excel context (parseExcelContext), or null when none was sent. */
  context?: ExcelContext | null;
  /** Anything else that changes the prompt or the tools: write mode, PII redaction, tool names. */
  variant?: Record<string, unknown>;
}

/** The KV key for an answer: `ai-cache:v1:user:<id>:<sha256 hex>`. */
export function computeCacheKey(input: CacheKeyInput): string {
  if (!isCacheScope(input.scope)) throw new TypeError(`computeCacheKey: scope must be "user:<id>", got ${JSON.stringify(input.scope)}`);
  if (!input.model || !input.provider) throw new TypeError("computeCacheKey: model and provider are required");

  const hash = createHash("sha256");
  let buffer = "";
  const sink = (piece: string) => {
    buffer += piece;
    if (buffer.length >= FLUSH_AT) {
      hash.update(buffer);
      buffer = "";
    }
  };
  writeCanonicalJson(
    {
      v: CACHE_KEY_VERSION,
      scope: input.scope,
      model: input.model.trim(),
      provider: input.provider.trim().toLowerCase(),
      promptVersion: input.promptVersion ?? PROMPT_VERSION,
      variant: input.variant ?? null,
      messages: normalizeMessages(input.messages),
      context: input.context ?? null,
    },
    sink,
  );
  hash.update(buffer);
  return `${CACHE_KEY_PREFIX}${input.scope}:${hash.digest("hex")}`;
}
