// Which workspace a chat turn belongs to. Starting a conversation, the `workspaceId` the client
// sent (a member's only: anyone else gets not_found). Continuing one, the workspace the
// conversation was started in, whatever the client sends: leaving `workspaceId` out cannot
// escape a workspace's policies or quota, and naming another workspace is refused.
import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { TurnState } from "@/lib/db/chat-turns";
import { AppError } from "@/lib/errors/app-error";
import { loadChatWorkspace, type ChatWorkspace } from "./chat-workspace";

type Reading = Promise<ChatWorkspace> | null;

function start(principal: Principal, workspaceId: string | null | undefined): Reading {
  if (!workspaceId) return null;
  if (principal.kind !== "user") throw new AppError("unauthorized", "Sign in to chat in a workspace.");
  const reading = loadChatWorkspace({ claims: principal.claims, workspaceId });
  reading.catch(() => {}); // awaited in finish
  return reading;
}

async function finish(principal: Principal, reading: Reading, asked: string | null | undefined, turn: TurnState | null): Promise<ChatWorkspace | null> {
  const owning = turn?.conversationExists ? turn.conversationWorkspaceId : null;
  if (turn?.conversationExists && (asked ?? null) !== null && asked?.toLowerCase() !== owning) {
    throw new AppError(
      "bad_request",
      owning
        ? "This conversation belongs to another workspace: send its own workspaceId, or none."
        : "This conversation is in your personal space: continue it without a workspaceId, or start a new one in the workspace.",
    );
  }
  if (owning) {
    if (reading) return reading;
    if (principal.kind !== "user") return null;
    return loadChatWorkspace({ claims: principal.claims, workspaceId: owning });
  }
  return reading ? reading : null;
}

export const resolveChatWorkspace = { start, finish };
