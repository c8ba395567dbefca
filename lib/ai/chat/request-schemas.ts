// Request bodies of the chat routes. The Excel context is taken as is (`unknown`) and read by
// parseExcelContext, which accepts every variant add-ins in the field send and refuses an
// oversized one with a message naming the plan's limit.
import { z } from "zod";
import { excelContextField } from "@/lib/excel/context-schema";

/** Longest question accepted, in characters (the original add-in allowed 2,000; pasted tables need more). */
export const MAX_MESSAGE_CHARS = 8_000;

/** Vercel caps request bodies at 4.5 MB; chat bodies carry spreadsheet context, so they get 4 MB. */
export const CHAT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Structure only; parts are checked against the tool schemas by the SDK's validator in runChat. */
const uiMessageSchema = z
  .object({
    id: z.string().max(200),
    role: z.enum(["system", "user", "assistant"]),
    parts: z.array(z.looseObject({ type: z.string().max(100) })).max(200),
    metadata: z.unknown().optional(),
  })
  .loose()
  .meta({
    id: "UIMessage",
    description: "An AI SDK UI message. Earlier turns come back with their proposals and what the user did with them.",
  });

const message = z
  .string({ error: "message must be a string" })
  .trim()
  .min(1, "message must not be empty")
  .max(MAX_MESSAGE_CHARS, `message must be at most ${MAX_MESSAGE_CHARS.toLocaleString("en-US")} characters`)
  .meta({ description: "The question, as text." });
const conversationId = z
  .string()
  .max(100)
  .nullish()
  .meta({ description: "Continue this conversation (one of yours); omit to start a new one. Guests' chats are not stored." });
/** What the client can run itself (agent mode); read tools are offered only when declared here. */
const capabilitiesField = z
  .object({
    tools: z
      .array(z.string().max(100))
      .max(50)
      .optional()
      .meta({ description: "Read tools the client runs on the workbook: any of list_sheets, read_range, find_cells, analyze_range. Unknown names are ignored." }),
  })
  .loose()
  .optional()
  .meta({ id: "ChatCapabilities", description: "Agent mode: the tools this client can run. Omit it and nothing changes." });

const timestamp = z.string().max(100).optional().meta({ description: "When the client sent it; accepted for older add-ins and ignored." });

const EXAMPLE_CONTEXT = {
  selectedRange: { address: "Sheet1!A1:C3", values: [["Region", "Q1", "Q2"], ["North", 1200, 1350], ["South", 980, 1010]] },
  worksheet: { name: "Sheet1" },
  workbook: { name: "Budget.xlsx" },
};

/** Seed 001: `{message, context?, timestamp?, conversationId?}`. */
export const seedChatBody = z
  .object({ message, context: excelContextField, timestamp, conversationId })
  .loose()
  .meta({
    id: "JsonChatRequest",
    examples: [{ message: "What is the total of Q1?", context: EXAMPLE_CONTEXT }],
  });

/** POST /api/chat: the AI SDK shape `{id?, messages, context?, conversationId?}`, or the original add-in's JSON shape. */
export const chatBody = z
  .object({
    id: z.string().max(200).optional().meta({ description: "The chat's id on the client (AI SDK `useChat`)." }),
    messages: z
      .array(uiMessageSchema)
      .min(1, "messages must not be empty")
      .max(200)
      .optional()
      .meta({ description: "The conversation so far, ending with the new question. Send this or `message`." }),
    message: message.optional(),
    context: excelContextField,
    conversationId,
    timestamp,
    capabilities: capabilitiesField,
  })
  .loose()
  .refine((body) => body.messages !== undefined || body.message !== undefined, {
    message: "send `messages` (AI SDK UI messages) or `message` (the question as text)",
  })
  .meta({
    id: "ChatRequest",
    description: "Either `messages` (answered as a stream) or `message` (answered as JSON, like POST /api/v1/chat).",
    examples: [
      {
        messages: [{ id: "msg-1", role: "user", parts: [{ type: "text", text: "What is the total of Q1?" }] }],
        context: EXAMPLE_CONTEXT,
      },
    ],
  });

/**
 * A further step of an answer in agent mode: the client declares read tools and sends the
 * conversation ending with the answer and its tool results. Whether it really is one (the
 * answer stored, the results for calls it made) is checked when the turn is prepared.
 */
export function isAgentStep(body: { messages?: { role: string }[]; capabilities?: { tools?: readonly string[] } }): boolean {
  return (body.capabilities?.tools?.length ?? 0) > 0 && body.messages?.[body.messages.length - 1]?.role === "assistant";
}
