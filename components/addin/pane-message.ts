// The message type the pane's useChat works with: UI messages with the server's metadata shape.
// Tool parts are read by their `tool-<name>` type (lib/addin/edits/proposal.ts), which
// validates them again before anything reaches Excel.
import type { UIMessage } from "@ai-sdk/react";
import type { ChatMessageMetadata } from "@/lib/ai/chat/chat-types";

export type PaneMessage = UIMessage<ChatMessageMetadata>;
