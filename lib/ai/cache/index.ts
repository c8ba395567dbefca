// The AI response cache: a repeated question from the same user, on the same model, is answered
// from the KV instead of a model call. Entries are scoped per user and never shared between
// users; guests are not cached — the reasoning is at the top of cache-scope.ts.
//
// How a chat turn uses it (lib/ai/chat/chat-hooks.ts), after the quota and before the model:
//   const scope = cacheScopeFor(principal);                       // null for guests: skip the cache
//   const key = scope && computeCacheKey({ scope, model, provider, messages, context, variant });
//   const hit = key ? await getCachedAnswer({ key }) : null;      // never throws
//   if (hit) … stream replayChunks(hit) instead of calling the model
//   … otherwise stream the model; when it finishes normally:
//   if (key) void putCachedAnswer({ key, answer: { parts, model, provider, usage, finishReason } });
export { cacheScopeFor } from "./cache-scope";
export { normalizeWhitespace } from "./normalize-messages";
export { computeCacheKey } from "./compute-cache-key";
export type { CachedAnswer } from "./cached-answer";
export { getCachedAnswer, putCachedAnswer } from "./answer-store";
export { replayChunks } from "./replay-chunks";
