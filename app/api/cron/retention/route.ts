// GET /api/cron/retention — deletes history older than each user's retention (default 90 days),
// and the in-cell functions' cached results past their 30 days.
// Called daily by Vercel Cron (vercel.json), which sends `Authorization: Bearer <CRON_SECRET>`;
// without CRON_SECRET configured the job refuses to run at all (503), so it is never public.
import { withRoute } from "@/lib/api/with-route";
import { hasBearerSecret } from "@/lib/api/bearer-secret";
import { deleteExpiredFunctionResults } from "@/lib/db/function-results";
import { deleteExpiredHistory } from "@/lib/db/retention";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";
import { otherMethods } from "@/lib/api/unsupported-requests";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

export const GET = withRoute({ auth: "none" }, async ({ request, requestId }) => {
  if (!env.CRON_SECRET) {
    throw new AppError("internal", "Retention is not configured: set CRON_SECRET to enable this job.", {
      status: 503,
      details: { reason: "not_configured" },
    });
  }
  if (!hasBearerSecret(request, env.CRON_SECRET)) {
    throw new AppError("unauthorized", "Send `Authorization: Bearer <CRON_SECRET>` to run this job.");
  }
  const started = performance.now();
  const deleted = await deleteExpiredHistory();
  const expiredFunctionResults = await deleteExpiredFunctionResults();
  const durationMs = Math.round(performance.now() - started);
  logger.info({ requestId, job: "retention", ...deleted, expiredFunctionResults, durationMs }, "retention job finished");
  return { deleted, expiredFunctionResults, durationMs };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
