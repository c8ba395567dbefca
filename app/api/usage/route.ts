// GET /api/usage — the caller's plan, what they have used against its limits, what it cost,
// the cache hit rate and a daily series (lib/limits/get-usage-report.ts, which the dashboard's
// overview renders too).
import { withRoute } from "@/lib/api/with-route";
import { getUsageReport } from "@/lib/limits/get-usage-report";
import { usageQuery, type UsageResponse } from "./schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const GET = withRoute({ auth: "user", keyScope: "usage", rateLimit: "api", query: usageQuery }, async ({ principal, query }) => {
  const body: UsageResponse = await getUsageReport({ userId: principal.userId, claims: principal.claims, days: query.days });
  return Response.json(body);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
