// GET /api/openapi.json — the OpenAPI 3.1 description of the public API, generated from the
// routes' own schemas. Public and the same for everyone, so caches may keep it for a while.
import { withRoute } from "@/lib/api/with-route";
import { buildOpenApiDocument } from "@/lib/api/openapi/build-openapi-document";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const GET = withRoute({ auth: "none" }, async () => {
  return Response.json(buildOpenApiDocument(), {
    headers: { "Cache-Control": "public, max-age=300, stale-while-revalidate=3600" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
