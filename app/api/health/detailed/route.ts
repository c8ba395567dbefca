// GET /api/health/detailed — each dependency's mode, status and latency (database, KV, auth, AI
// providers with their circuit breakers, Stripe). 200 while the database answers (the rest
// degrades gracefully), 503 when it does not. Holds no secrets, hosts or connection strings.
import { withRoute } from "@/lib/api/with-route";
import { checkHealth } from "@/lib/observability/health";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const dynamic = "force-dynamic";

export const GET = withRoute({ auth: "none" }, async () => {
  const report = await checkHealth();
  return Response.json(report, { status: report.status === "down" ? 503 : 200 });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
