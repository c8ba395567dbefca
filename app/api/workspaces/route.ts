// GET /api/workspaces — the workspaces I am a member of, with my role in each;
// POST /api/workspaces — create one, with me as its owner. Managing workspaces needs a signed-in
// session: an API key cannot.
import type { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { createWorkspace, getWorkspace, listWorkspaces, recordWorkspaceAudit } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors/app-error";
import { createWorkspaceBody, type listWorkspacesResponse, type workspaceSchema } from "./schema";

import { otherMethods } from "@/lib/api/unsupported-requests";

export const GET = withRoute({ auth: "user", rateLimit: "api" }, async ({ principal }) => {
  return { workspaces: await listWorkspaces({ claims: principal.claims }) } satisfies z.infer<typeof listWorkspacesResponse>;
});

export const POST = withRoute({ auth: "user", rateLimit: "api", body: createWorkspaceBody }, async ({ principal, body }) => {
  const id = await createWorkspace({ userId: principal.userId, name: body.name });
  await recordWorkspaceAudit({ workspaceId: id, actorId: principal.userId, action: "workspace.created", metadata: { name: body.name } });
  const workspace = await getWorkspace({ claims: principal.claims, id });
  if (!workspace) throw new AppError("internal", "The workspace was created but could not be read back. Reload the page.");
  return Response.json(workspace satisfies z.infer<typeof workspaceSchema>, { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
