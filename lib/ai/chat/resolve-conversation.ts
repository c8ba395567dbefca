// Which stored conversation a chat request belongs to, checked for ownership before anything is
// stored, the user's message included. Another user's conversation is "not found" (404), never
// "forbidden": a 403 would confirm that the id exists.
//
// - `conversationId` given: it must be one of mine.
// - Only a client chat id (useChat's `id`): a UUID is used as the conversation id; any other id is
//   mapped to a UUID derived from (user, chat id), so every turn of that chat lands in the same
//   conversation without storing the client's id, and two users' chat ids can never collide.
//   Either way the conversation is created on the first turn.
// - Neither: a new conversation.
//
// The id is settled before the turn's first read (lib/db/chat-turns.ts reads whether it exists
// together with the preferences); the decision is applied after the quota check.
import { createHash, randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { isConversationId } from "@/lib/db/conversations";

export const CONVERSATION_NOT_FOUND = "No conversation with that id.";

/** A stable UUID (version 8, RFC 9562 custom) for a client chat id, scoped to one user. */
function derivedConversationId(userId: string, chatId: string): string {
  const hex = createHash("sha256").update(`chat:${userId}:${chatId}`).digest("hex");
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface PlannedConversation {
  id: string;
  /** An explicit `conversationId`: it must exist and be mine, or the turn is a 404. */
  mustExist: boolean;
  /** Worth looking up: false for a fresh random id, or a malformed one that cannot exist. */
  lookUp: boolean;
}

export function planConversation(input: { userId: string; conversationId?: string | null; chatId?: string | null }): PlannedConversation {
  if (input.conversationId) {
    const valid = isConversationId(input.conversationId);
    return { id: valid ? input.conversationId.toLowerCase() : input.conversationId, mustExist: true, lookUp: valid };
  }
  if (input.chatId) {
    const id = isConversationId(input.chatId) ? input.chatId.toLowerCase() : derivedConversationId(input.userId, input.chatId);
    return { id, mustExist: false, lookUp: true };
  }
  return { id: randomUUID(), mustExist: false, lookUp: false };
}

export function conversationNotFound(): AppError {
  return new AppError("not_found", CONVERSATION_NOT_FOUND);
}
