import { z } from "zod";
import { historyItemSchema } from "@/lib/ai/chat/response-schemas";

export const historyQuery = z.object({
  limit: z.coerce.number().int().min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(20).meta({ description: "How many to return." }),
  offset: z.coerce.number().int().min(0, "offset must not be negative").max(100_000).default(0).meta({ description: "How many to skip." }),
});

export const historyResponse = z.object({
  conversations: z.array(historyItemSchema).meta({ description: "Question-and-answer pairs across all conversations, newest first." }),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const clearHistoryResponse = z.object({
  message: z.string(),
  deleted: z.number().int().meta({ description: "How many conversations were deleted." }),
});
