// The hooks the chat routes pass to runChat: where plan quotas (lib/limits/check-quota.ts) and
// the AI response cache plug into the chat pipeline, at the steps STYLE habit 7 puts them —
// `beforeModel` (quota, before ownership, storage and the model), `cachedAnswer` (replay a stored
// answer instead of calling a provider) and `afterAnswer` (record tokens, store in the cache).
// Both chat routes use this one object, so wiring them in is a change here only.
import type { ChatHooks } from "./run-chat";

export const chatHooks: ChatHooks = {};
