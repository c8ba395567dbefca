// Bumped whenever the wording or structure of the prompts changes. It is part of the AI response
// cache key (lib/ai/cache), so answers produced by an older prompt are never replayed.
export const PROMPT_VERSION = "2026-12-06.1";
