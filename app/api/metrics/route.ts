// GET /api/metrics — Prometheus text: requests and latency by route, tokens and cost by provider
// and model, cache hits, rate-limit refusals, circuit breakers. Needs `Authorization: Bearer
// <METRICS_TOKEN>` when METRICS_TOKEN is set (set it in production).
import { withRoute } from "@/lib/api/with-route";
import { hasBearerSecret } from "@/lib/api/bearer-secret";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { renderMetrics } from "@/lib/observability/metrics";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const dynamic = "force-dynamic";

export const GET = withRoute({ auth: "none" }, async ({ request }) => {
  if (env.METRICS_TOKEN && !hasBearerSecret(request, env.METRICS_TOKEN)) {
    throw new AppError("unauthorized", "Send `Authorization: Bearer <METRICS_TOKEN>` to read the metrics.", {
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"' },
    });
  }
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { "Content-Type": contentType } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
