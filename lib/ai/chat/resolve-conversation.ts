// Which stored conversation a chat request belongs to, checked for ownership before anything is
// stored (STYLE habit 7). Another user's conversation is "not found" (404), never "forbidden":
// a 403 would confirm that the id exists.
//
// - `conversationId` given: it must be one of mine.
// - Only a client chat id (useChat's `id`): a UUID is used as the conversation id; any other id is
//   mapped to a UUID derived from (user, chat id), so every turn of that chat lands in the same
//   conversation without storing the client's id, and two users' chat ids can never collide.
//   Either way the conversation is created on the first turn.
// - Neither: a new conversation.
import { createHash } from "node:crypto";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { createConversation, getConversation, isConversationId } from "@/lib/db/conversations";
import type { DbClaims } from "@/lib/db/with-rls";

export const CONVERSATION_NOT_FOUND = "No conversation with that id.";

/** A stable UUID (version 8, RFC 9562 custom) for a client chat id, scoped to one user. */
export function derivedConversationId(userId: string, chatId: string): string {
  const hex = createHash("sha256").update(`chat:${userId}:${chatId}`).digest("hex");
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function isUniqueViolation(error: unknown): boolean {
  const cause = isAppError(error) ? error.cause : error;
  return (cause as { code?: string } | undefined)?.code === "23505";
}

export async function resolveConversation(input: {
  claims: DbClaims;
  conversationId?: string | null;
  chatId?: string | null;
  title: string;
  workbook: string | null;
}): Promise<{ id: string; created: boolean }> {
  const { claims } = input;
  if (input.conversationId) {
    const existing = await getConversation({ claims, id: input.conversationId });
    if (!existing) throw new AppError("not_found", CONVERSATION_NOT_FOUND);
    return { id: existing.id, created: false };
  }
  if (input.chatId) {
    const id = isConversationId(input.chatId) ? input.chatId.toLowerCase() : derivedConversationId(claims.sub, input.chatId);
    if (await getConversation({ claims, id })) return { id, created: false };
    try {
      await createConversation({ claims, id, title: input.title, workbook: input.workbook });
      return { id, created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Two first turns raced and the other one created it, or the id is someone else's (RLS hid it).
      if (await getConversation({ claims, id })) return { id, created: false };
      throw new AppError("not_found", CONVERSATION_NOT_FOUND);
    }
  }
  const created = await createConversation({ claims, title: input.title, workbook: input.workbook });
  return { id: created.id, created: true };
}
