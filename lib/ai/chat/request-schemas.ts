// Request bodies of the chat routes. The Excel context is taken as is (`unknown`) and read by
// parseExcelContext, which accepts every variant add-ins in the field send and refuses an
// oversized one with a message naming the plan's limit.
import { z } from "zod";

/** Longest question accepted, in characters (seed 001 allowed 2,000; pasted tables need more). */
export const MAX_MESSAGE_CHARS = 8_000;

/** Vercel caps request bodies at 4.5 MB; chat bodies carry spreadsheet context, so they get 4 MB. */
export const CHAT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Structure only; parts are checked against the tool schemas by the SDK's validator in runChat. */
export const uiMessageSchema = z
  .object({
    id: z.string().max(200),
    role: z.enum(["system", "user", "assistant"]),
    parts: z.array(z.looseObject({ type: z.string().max(100) })).max(200),
    metadata: z.unknown().optional(),
  })
  .loose();

const message = z
  .string({ error: "message must be a string" })
  .trim()
  .min(1, "message must not be empty")
  .max(MAX_MESSAGE_CHARS, `message must be at most ${MAX_MESSAGE_CHARS.toLocaleString("en-US")} characters`);
const conversationId = z.string().max(100).nullish();
const timestamp = z.string().max(100).optional();

/** Seed 001: `{message, context?, timestamp?, conversationId?}`. */
export const seedChatBody = z.object({ message, context: z.unknown().optional(), timestamp, conversationId }).loose();

/** POST /api/chat: the AI SDK shape `{id?, messages, context?, conversationId?}`, or the seed 001 shape. */
export const chatBody = z
  .object({
    id: z.string().max(200).optional(),
    messages: z.array(uiMessageSchema).min(1, "messages must not be empty").max(200).optional(),
    message: message.optional(),
    context: z.unknown().optional(),
    conversationId,
    timestamp,
  })
  .loose()
  .refine((body) => body.messages !== undefined || body.message !== undefined, {
    message: "send `messages` (AI SDK UI messages) or `message` (the question as text)",
  });
