// The AI response cache (SPEC section 6). Entries are scoped per user and never shared between
// users; guests are not cached — the reasoning is at the top of cache-scope.ts.
//
// Chat route use, after the quota check and before the model call:
//   const scope = cacheScopeFor(principal);                       // null for guests: skip the cache
//   const key = scope && computeCacheKey({ scope, model, provider, messages, context, variant });
//   const hit = key ? await getCachedAnswer({ key }) : null;      // never throws
//   if (hit) return replayAsUIMessageStreamResponse(hit, { messageId, metadata });  // or replayAsSeedJson
//   … stream the model; when it finishes normally:
//   if (key) void putCachedAnswer({ key, answer: { parts, model, provider, usage, finishReason } });
export { cacheScopeFor, userCacheScope, isCacheScope, type CacheScope } from "./cache-scope";
export { canonicalJson, writeCanonicalJson } from "./canonical-json";
export { normalizeMessages, normalizeWhitespace, type CacheKeyMessage } from "./normalize-messages";
export { computeCacheKey, CACHE_KEY_PREFIX, CACHE_KEY_VERSION, type CacheKeyInput } from "./compute-cache-key";
export {
  CACHE_TTL_MS,
  MAX_CACHED_ANSWER_BYTES,
  toCachedAnswer,
  parseCachedAnswer,
  type AnswerInput,
  type CachedAnswer,
  type CachedPart,
  type CachedUsage,
} from "./cached-answer";
export { getCachedAnswer, putCachedAnswer } from "./answer-store";
export {
  replayAsUIMessageStream,
  replayAsUIMessageStreamResponse,
  replayChunks,
  chunkText,
  type CachedReplayMetadata,
  type ReplayOptions,
} from "./replay-ui-message-stream";
export { replayAsSeedJson, type SeedJsonReplay } from "./replay-seed-json";
