// Maps stripe-node errors to AppError. What the client sees says whether to retry; the
// Stripe error's own message (which can name ids and parameters) goes to the log only.
import "server-only";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";

interface StripeLikeError {
  type?: string;
  statusCode?: number;
  code?: string;
  message?: string;
  requestId?: string;
}

function isStripeError(error: unknown): error is StripeLikeError {
  const type = (error as StripeLikeError | null)?.type;
  return typeof type === "string" && type.startsWith("Stripe");
}

/** True for a 404 from Stripe: the object does not exist (in this account and mode). */
export function isStripeNotFound(error: unknown): boolean {
  return isStripeError(error) && (error.statusCode === 404 || error.code === "resource_missing");
}

export function toBillingError(error: unknown, action: string): AppError {
  if (isAppError(error)) return error;
  const stripe = isStripeError(error) ? error : undefined;
  logger.error(
    { action, err: { type: stripe?.type, statusCode: stripe?.statusCode, code: stripe?.code, requestId: stripe?.requestId, message: (error as Error)?.message } },
    "stripe call failed",
  );
  if (!stripe) {
    return new AppError("internal", "Something went wrong on our side. Try again.", { cause: error });
  }
  const transient =
    stripe.type === "StripeConnectionError" ||
    stripe.type === "StripeAPIError" ||
    stripe.type === "StripeRateLimitError" ||
    stripe.type === "StripeIdempotencyError" ||
    (stripe.statusCode !== undefined && stripe.statusCode >= 500);
  if (transient) {
    return new AppError("provider_unavailable", "Stripe is not reachable right now. Try again in a minute.", {
      status: 503,
      details: { reason: "stripe_unavailable" },
      cause: error,
    });
  }
  // Authentication, permission or invalid-request errors: the deployment's keys or price ids
  // are wrong. Retrying will not help; an operator has to look at the log.
  return new AppError("internal", "Billing is misconfigured on this deployment; the details are in the server log.", {
    details: { reason: "stripe_rejected" },
    cause: error,
  });
}
