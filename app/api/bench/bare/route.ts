// POST /api/bench/bare — the benchmark's baseline: a bare AI SDK `streamText` route (as in the AI
// SDK docs) on the same mock model and the same build as /api/chat, so `npm run bench` can
// measure what auth, limits, analysis and persistence add. It answers 404 unless BENCH_ROUTES is
// "true", which only the benchmark sets.
import { convertToModelMessages, streamText, type UIMessage } from "ai";
import { env } from "@/lib/env";
import { createMockLanguageModel } from "@/lib/ai/providers/mock-language-model";
import { otherMethods, unknownApiPath } from "@/lib/api/unsupported-requests";

// One model for the process, like the provider chain builds once.
const model = createMockLanguageModel({ tokens: env.MOCK_MODEL_TOKENS, delayMs: env.MOCK_MODEL_DELAY_MS });

export async function POST(request: Request): Promise<Response> {
  // Off: indistinguishable from a path that does not exist.
  if (!env.BENCH_ROUTES) return unknownApiPath(request);
  const { messages } = (await request.json()) as { messages: UIMessage[] };
  const result = streamText({ model, messages: await convertToModelMessages(messages) });
  return result.toUIMessageStreamResponse();
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
