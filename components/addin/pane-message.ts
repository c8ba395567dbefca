// The message type the pane's useChat works with. @ai-sdk/react 3 carries its own `ai` 6 (a
// nested dependency) while the server streams with `ai` 7; the wire protocol matches, the
// TypeScript types do not (ai 7 adds part kinds ai 6 does not know). So the pane types its
// messages with @ai-sdk/react's UIMessage and the server's metadata shape, and reads tool parts
// by their `tool-<name>` type (lib/addin/edits/proposal.ts) rather than through ai 7's types.
import type { UIMessage } from "@ai-sdk/react";
import type { ChatMessageMetadata } from "@/lib/ai/chat/chat-types";

export type PaneMessage = UIMessage<ChatMessageMetadata>;
