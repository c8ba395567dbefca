// Conversations as the API shows them: with their author, because a workspace's members read
// each other's. Names are looked up only for conversations the caller could already read.
import "server-only";
import type { ConversationSummary } from "@/lib/db/conversations";
import { peopleOf } from "@/lib/db/workspaces";

export type ConversationWithAuthor = Omit<ConversationSummary, "authorId"> & {
  author: { id: string; email: string | null; displayName: string | null };
};

export async function withAuthors(conversations: ConversationSummary[]): Promise<ConversationWithAuthor[]> {
  const people = await peopleOf(conversations.map((c) => c.authorId));
  return conversations.map(({ authorId, ...rest }) => {
    const person = people.get(authorId);
    return { ...rest, author: { id: authorId, email: person?.email ?? null, displayName: person?.displayName ?? null } };
  });
}
