// GET /addin/functions.json — the metadata of the in-cell functions (=AI.ASK, =AI.CLASSIFY,
// =AI.EXTRACT) that the manifest points Excel at: ids, argument help and descriptions.
import { withRoute } from "@/lib/api/with-route";
import { buildFunctionsMetadata } from "@/lib/addin/functions/functions-metadata";

export const GET = withRoute({ auth: "none" }, async () => {
  return Response.json(buildFunctionsMetadata(), { headers: { "Cache-Control": "public, max-age=300" } });
});
