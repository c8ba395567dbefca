// What the chat and history routes answer, as zod schemas: the types the code builds its answers
// with are inferred from them, the API description is generated from them, and the route tests
// check real answers against them, so code, description and answers cannot drift apart.
import { z } from "zod";

const answerStatus = z.enum(["complete", "incomplete", "error"]).meta({
  description: "`incomplete`: the answer was cut short (timeout, disconnect, budget); `error`: it failed and says so.",
});

const timestamp = z.iso.datetime({ offset: true });

const seedAnalysisSchema = z
  .object({
    summary: z.string(),
    dataType: z.string().meta({ description: "numerical, categorical, temporal, mixed or empty." }),
    statistics: z.object({
      rows: z.number().int(),
      columns: z.number().int(),
      missingCells: z.number().int(),
      duplicateRows: z.number().int(),
      byColumn: z.array(
        z.object({
          column: z.string().meta({ description: "Column letter in the sheet, e.g. `B`." }),
          header: z.string(),
          type: z.string().meta({ description: "number, currency, percent, date, text, boolean, empty or error." }),
          count: z.number().int(),
          missing: z.number().int(),
          distinct: z.number().int(),
          min: z.number().optional(),
          max: z.number().optional(),
          mean: z.number().optional(),
          median: z.number().optional(),
          std: z.number().optional(),
          sum: z.number().optional(),
        }),
      ),
    }),
    insights: z.array(z.string()),
    recommendations: z.array(z.string()),
  })
  .meta({ id: "SelectionAnalysis", description: "The analysis of the selection, computed without a model." });

export type SeedAnalysis = z.infer<typeof seedAnalysisSchema>;

export const seedChatResponseSchema = z
  .object({
    response: z.string().meta({ description: "The answer, as Markdown." }),
    metadata: z.object({
      conversationId: z.string().nullable().meta({ description: "Null for guests, whose chats are not stored." }),
      messageId: z.string(),
      model: z.string().nullable(),
      provider: z.string().nullable(),
      cached: z.boolean().meta({ description: "True when the answer was replayed from the response cache (and cost nothing)." }),
      status: answerStatus,
      offline: z.boolean().meta({ description: "True when the built-in offline analyst answered instead of a model." }),
      usage: z.object({
        promptTokens: z.number().int(),
        completionTokens: z.number().int(),
        totalTokens: z.number().int(),
        costMicros: z.number().int().meta({ description: "Cost in millionths of a US dollar." }),
      }),
      analysis: seedAnalysisSchema.nullable(),
      context: z.unknown().meta({ description: "Exactly what was sent to the model about the selection (a compact summary), or null." }),
      promptVersion: z.string(),
      latencyMs: z.number(),
      timestamp,
    }),
  })
  .meta({ id: "ChatAnswer", description: "A whole answer as JSON." });

export type SeedChatResponse = z.infer<typeof seedChatResponseSchema>;

export const historyItemSchema = z
  .object({
    id: z.string().meta({ description: "The question's message id." }),
    conversationId: z.string(),
    user_message: z.string(),
    ai_response: z.string().nullable().meta({ description: "Null while the answer is still being written." }),
    timestamp,
    excel_context: z.unknown().meta({ description: "What was sent about the selection with this question, or null." }),
    status: answerStatus.nullable(),
    model: z.string().nullable(),
    provider: z.string().nullable(),
  })
  .meta({ id: "HistoryItem", description: "One question and its answer." });

export type HistoryItem = z.infer<typeof historyItemSchema>;

export const messageItemSchema = z
  .object({
    id: z.string(),
    role: z.enum(["user", "assistant", "system"]),
    parts: z.array(z.unknown()).meta({
      description: "The message's AI SDK UI message parts: text, and proposals to change the workbook (tool parts) with what the user did with them.",
    }),
    text: z.string().meta({ description: "The text parts joined, for display." }),
    status: answerStatus,
    model: z.string().nullable(),
    provider: z.string().nullable(),
    cached: z.boolean(),
    usage: z.object({ inputTokens: z.number().int(), outputTokens: z.number().int() }),
    latencyMs: z.number().nullable(),
    context: z.unknown().meta({ description: "What was sent about the selection with this message, or null." }),
    createdAt: timestamp,
  })
  .meta({ id: "Message", description: "A stored message of a conversation." });

export type MessageItem = z.infer<typeof messageItemSchema>;
