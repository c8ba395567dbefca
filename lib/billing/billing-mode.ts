// Whether this deployment bills through Stripe (runtimeModes().billing). Without STRIPE_SECRET_KEY
// billing is off: everyone is on DEFAULT_PLAN and the billing endpoints say so plainly.
import { env, runtimeModes } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";

export function billingEnabled(): boolean {
  return runtimeModes().billing === "stripe";
}

/**
 * The answer of every billing endpoint when billing is off: 503 (this deployment cannot serve
 * the request; nothing the client sends will change that) with reason `billing_not_configured`.
 * 503 also makes Stripe keep retrying a webhook delivery until the keys are configured. The
 * message is for the person who asked; which settings enable billing goes to the server log.
 */
export function billingNotConfigured(): AppError {
  logger.warn("billing request while billing is off: set STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_PRICE_PRO and STRIPE_PRICE_TEAM to enable it");
  return new AppError(
    "provider_unavailable",
    `Plans are not sold on this deployment: everyone is on the ${env.DEFAULT_PLAN} plan at no charge, so there is nothing to buy or manage.`,
    { status: 503, details: { reason: "billing_not_configured", plan: env.DEFAULT_PLAN } },
  );
}

export function requireBilling(): void {
  if (!billingEnabled()) throw billingNotConfigured();
}
