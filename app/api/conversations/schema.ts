import { z } from "zod";
import { editOutcomeSchema } from "@/lib/ai/tools/edit-outcome";

export const listConversationsQuery = z.object({
  q: z.string().trim().max(200, "q must be at most 200 characters").optional(),
  limit: z.coerce.number().int().min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(20),
  offset: z.coerce.number().int().min(0, "offset must not be negative").max(100_000).default(0),
});

/** Any string: a malformed id is "not found", like another user's, never a different error. */
export const conversationParams = z.object({ id: z.string().max(200) });

/** PATCH /api/conversations/:id — what the user did with proposals of its answers. */
export const recordOutcomesBody = z.object({
  outcomes: z
    .array(
      z.object({
        messageId: z.string().min(1).max(100),
        toolCallId: z.string().min(1).max(200),
        outcome: editOutcomeSchema,
      }),
    )
    .min(1, "outcomes must hold at least one outcome")
    .max(50, "outcomes may hold at most 50 outcomes"),
});
