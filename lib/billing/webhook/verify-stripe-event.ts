// The webhook's gate: the Stripe-Signature header is checked against the RAW body, byte for
// byte as Stripe sent it (a re-serialized body does not match), within 300 s of its timestamp.
// Anything that fails is a 400 and nothing else runs.
import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import { readBodyWithLimit } from "@/lib/api/read-body";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";
import { getStripe } from "../stripe-client";

/** Seconds a signed delivery stays valid; a replay of an older capture is refused. */
const SIGNATURE_TOLERANCE_SECONDS = 300;
/** Stripe events are a few KB; this only stops an unauthenticated caller from streaming gigabytes. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

const eventEnvelope = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  created: z.number().int(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

export type StripeEventEnvelope = z.infer<typeof eventEnvelope>;

export async function verifyStripeEvent(request: Request): Promise<StripeEventEnvelope> {
  const signature = request.headers.get("stripe-signature");
  if (!signature) throw new AppError("bad_request", "Missing Stripe-Signature header.");
  const raw = await readBodyWithLimit(request, MAX_WEBHOOK_BYTES, "The webhook body");
  let event: unknown;
  try {
    event = await getStripe().webhooks.constructEventAsync(raw, signature, env.STRIPE_WEBHOOK_SECRET ?? "", SIGNATURE_TOLERANCE_SECONDS);
  } catch (error) {
    logger.warn({ err: { type: (error as { type?: string }).type, message: (error as Error).message } }, "stripe webhook signature refused");
    throw new AppError(
      "bad_request",
      `The Stripe signature does not match this body, or is older than ${SIGNATURE_TOLERANCE_SECONDS} seconds.`,
    );
  }
  const parsed = eventEnvelope.safeParse(event);
  if (!parsed.success) throw new AppError("bad_request", "The signed body is not a Stripe event.");
  return parsed.data;
}
