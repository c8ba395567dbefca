// POST /api/addin/heartbeat — a signed-in task pane reports in when it starts, so the Connect
// page can tell its user the add-in is installed and working. Not part of the public API: only
// the pane calls it (with its session token, or an API key with the `chat` scope it chats with).
import { withRoute } from "@/lib/api/with-route";
import { otherMethods } from "@/lib/api/unsupported-requests";
import { recordAddinConnection } from "@/lib/db/addin-heartbeats";
import { heartbeatBody } from "./schema";

export const POST = withRoute({ auth: "user", keyScope: "chat", rateLimit: "api", body: heartbeatBody }, async ({ principal, body }) => {
  const connection = await recordAddinConnection({ claims: principal.claims, report: body });
  return { connected: true, lastSeenAt: connection.lastSeenAt.toISOString() };
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
