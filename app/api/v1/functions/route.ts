// POST /api/v1/functions — compute a batch of in-cell AI functions (=AI.ASK, =AI.CLASSIFY,
// =AI.EXTRACT): each call answered on its own, from the cache when it can be (free), else by the
// model within the plan's per-minute and per-day limits. A batch naming a workspace is computed
// in it (members only): its shared cache, its pooled quota, its policies.
import { withRoute } from "@/lib/api/with-route";
import { runFunctionBatch } from "@/lib/ai/functions/run-function-batch";
import { otherMethods } from "@/lib/api/unsupported-requests";
import { functionsBody } from "./schema";

export const maxDuration = 60;

export const POST = withRoute(
  { auth: "user", keyScope: "chat", rateLimit: "functions", body: functionsBody, maxBodyBytes: 1024 * 1024 },
  async ({ principal, body }) => {
    return { results: await runFunctionBatch({ principal, calls: body.calls, workspaceId: body.workspaceId }) };
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
