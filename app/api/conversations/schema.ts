import { z } from "zod";
import { editOutcomeSchema } from "@/lib/ai/tools/edit-outcome";
import { messageItemSchema } from "@/lib/ai/chat/response-schemas";

export const listConversationsQuery = z.object({
  q: z
    .string()
    .trim()
    .max(200, "q must be at most 200 characters")
    .optional()
    .meta({ description: "Search: conversations whose title or messages contain these words." }),
  limit: z.coerce.number().int().min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(20).meta({ description: "How many to return." }),
  offset: z.coerce.number().int().min(0, "offset must not be negative").max(100_000).default(0).meta({ description: "How many to skip." }),
  workspaceId: z
    .uuid({ error: "workspaceId must be a workspace id (a UUID)" })
    .optional()
    .meta({ description: "List this workspace's conversations (every member's, with their author) instead of your personal ones." }),
});

/** Any string: a malformed id is "not found", like another user's, never a different error. */
export const conversationParams = z.object({ id: z.string().max(200).meta({ description: "The conversation's id." }) });

/** PATCH /api/conversations/:id — what the user did with proposals of its answers. */
export const recordOutcomesBody = z
  .object({
    outcomes: z
      .array(
        z.object({
          messageId: z.string().min(1).max(100).meta({ description: "The answer that made the proposal." }),
          toolCallId: z.string().min(1).max(200).meta({ description: "The proposal's tool call id within that answer." }),
          outcome: editOutcomeSchema,
        }),
      )
      .min(1, "outcomes must hold at least one outcome")
      .max(50, "outcomes may hold at most 50 outcomes")
      .meta({ description: "When one proposal is reported twice, the last report wins." }),
  })
  .meta({
    id: "RecordOutcomesRequest",
    examples: [{ outcomes: [{ messageId: "b8e7c0f2-3c4d-4e5f-8a9b-0c1d2e3f4a5b", toolCallId: "call_1", outcome: { status: "applied", address: "Sheet1!D2:D20" } }] }],
  });

const conversationSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    workbook: z.string().nullable().meta({ description: "The workbook the add-in reported, if any." }),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    messageCount: z.number().int(),
    workspaceId: z.uuid().nullable().meta({ description: "The workspace it is shared with; null for your personal space." }),
    author: z
      .object({ id: z.uuid(), email: z.string().nullable(), displayName: z.string().nullable() })
      .meta({ description: "Who started it: in a workspace, any member." }),
  })
  .meta({ id: "Conversation" });

export const listConversationsResponse = z.object({
  conversations: z.array(conversationSchema).meta({ description: "Newest activity first." }),
  total: z.number().int().meta({ description: "How many match, across all pages." }),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const conversationDetailResponse = z.object({
  conversation: conversationSchema,
  messages: z.array(messageItemSchema).meta({ description: "Oldest first." }),
});

export const recordOutcomesResponse = z.object({
  updatedMessages: z.number().int().meta({ description: "How many stored answers changed." }),
});

export const deletedConversationResponse = z.object({ deleted: z.literal(true), id: z.string() });
