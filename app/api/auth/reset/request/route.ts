// POST /api/auth/reset/request — email a single-use link to set a new password (valid for 30
// minutes). Always 202, whether or not an account has this email, and answered before anything
// depends on whether it has: the lookup, the link and the email happen after the response.
// Limited per client address (429) and per email (silently: nothing more is sent).
import { withRoute } from "@/lib/api/with-route";
import { clientNetwork } from "@/lib/api/client-ip";
import { requestOrigin } from "@/lib/api/request-info";
import { keepAliveUntil } from "@/lib/ai/chat/keep-alive";
import { getAuth } from "@/lib/auth/get-auth";
import { accountTag } from "@/lib/auth/trusted-device";
import { findUserIdByEmail, recordAudit } from "@/lib/db/audit-log";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";
import { checkRateLimit } from "@/lib/limits/check-rate-limit";
import { RATE_LIMITS } from "@/lib/limits/rate-limit-policies";
import { logger } from "@/lib/observability/logger";
import { resetRequestBody } from "../../schema";
import { otherMethods } from "@/lib/api/unsupported-requests";

/** The page the emailed link opens. */
const RESET_PAGE_PATH = "/reset-password";

const ACCEPTED = {
  status: "accepted",
  message: "If an account uses this email, a link to choose a new password is on its way. It works once, for 30 minutes. Check your spam folder too.",
};

export const POST = withRoute({ auth: "none", body: resetRequestBody }, async ({ body, request, ip, responseHeaders }) => {
  const limit = await checkRateLimit({ policy: RATE_LIMITS.passwordResetIp, identifier: `ip:${clientNetwork(ip)}`, scale: env.RATE_LIMIT_SCALE });
  for (const [header, value] of Object.entries(limit.headers)) responseHeaders.set(header, value);

  const email = body.email.toLowerCase();
  const underEmailBudget = await checkRateLimit({ policy: RATE_LIMITS.passwordResetAccount, identifier: accountTag(email), scale: env.RATE_LIMIT_SCALE }).then(
    () => true,
    (error: unknown) => {
      if (isAppError(error) && error.code === "rate_limited") return false;
      throw error;
    },
  );
  if (!underEmailBudget) {
    logger.warn({ account: accountTag(email) }, "password reset requests for one email over their budget: nothing sent");
    return Response.json(ACCEPTED, { status: 202 });
  }

  const resetPageUrl = `${requestOrigin(request)}${RESET_PAGE_PATH}`;
  keepAliveUntil(
    (async () => {
      await getAuth().requestPasswordReset({ email, resetPageUrl });
      const userId = await findUserIdByEmail({ email });
      if (userId) await recordAudit({ userId, action: "auth.password_reset_requested", ip });
    })().catch((error: Error) => logger.error({ err: error.message }, "a password reset request failed after it was answered")),
  );
  return Response.json(ACCEPTED, { status: 202 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
