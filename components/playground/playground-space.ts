// What the playground page reads on the server and hands to the browser: the space new
// conversations start in (with its admins' policies, as GET /api/workspaces lists them), the
// user's answer preferences those policies cap, and a conversation opened from History.
import type { WriteMode } from "@/lib/addin/write-mode";
import type { ChatClientMessage } from "@/lib/chat-client/create-chat-transport";

export interface AnswerPreferences {
  writeMode: WriteMode;
  piiRedaction: boolean;
  /** A model option's value, or null for the server's order. */
  preferredModel: string | null;
}

/** A model this site offers, and whether the chosen space's allowed-providers policy lets it answer. */
export interface PlaygroundModel {
  value: string;
  label: string;
  allowed: boolean;
}

export interface OpenedConversation {
  id: string;
  title: string;
  /** The workspace it was started in (null: the author's personal space). */
  workspace: { id: string; name: string } | null;
  /** Who started it, as the page names them ("you" for the viewer). */
  author: string;
  /** Someone else's: members read each other's conversations but only the author adds to one. */
  readOnly: boolean;
  messages: ChatClientMessage[];
}
