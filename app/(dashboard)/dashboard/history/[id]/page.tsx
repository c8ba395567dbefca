import type { Metadata } from "next";
import { ConversationView } from "@/components/history/conversation-view";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Conversation" };

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/dashboard/history/${encodeURIComponent(id)}`);
  return <ConversationView id={id} claims={user.claims} />;
}
