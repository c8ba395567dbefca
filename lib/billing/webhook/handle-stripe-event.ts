// Applies one verified Stripe event. Every relevant event is only a signal: the subscription is
// re-fetched from Stripe and upserted by its Stripe id, so events that arrive late, twice or out of
// order all end in Stripe's current state. Events we do not act on are acknowledged with 2xx (a 4xx
// would make Stripe retry them for days).
import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";
import {
  findEntitledPlanInTx,
  findUserIdByStripeCustomer,
  isStripeEventProcessed,
  linkStripeCustomer,
  lockBillingKey,
  processStripeEventOnce,
  recordPlanChange,
  recordSeatsChange,
  storedSeats,
  upsertSubscription,
  userExists,
  workspaceExists,
} from "@/lib/db/billing";
import type { Tx } from "@/lib/db/with-rls";
import { getStripe } from "../stripe-client";
import { isStripeNotFound, toBillingError } from "../stripe-errors";
import { subscriptionRefFromEvent, type SubscriptionRef } from "./subscription-ref-from-event";
import { subscriptionSnapshot, type SubscriptionSnapshot } from "./subscription-snapshot";
import type { StripeEventEnvelope } from "./verify-stripe-event";

export type WebhookOutcome =
  | { received: true }
  | { received: true; duplicate: true }
  | { received: true; ignored: true; reason: string };

const userId = z.uuid();

export async function handleStripeEvent(event: StripeEventEnvelope): Promise<WebhookOutcome> {
  const ref = subscriptionRefFromEvent(event);
  if (!ref) return { received: true, ignored: true, reason: `${event.type} does not change a subscription` };

  // Stripe's retries of an event already applied stop here without a Stripe call; the
  // guarantee for concurrent deliveries is the insert-first inside processStripeEventOnce.
  if (await isStripeEventProcessed({ eventId: event.id })) return { received: true, duplicate: true };

  const outcome = await processStripeEventOnce({ eventId: event.id, type: event.type }, (tx) => applyEvent(tx, event, ref));
  if (outcome.duplicate) return { received: true, duplicate: true };
  return outcome.result;
}

async function applyEvent(tx: Tx, event: StripeEventEnvelope, ref: SubscriptionRef): Promise<WebhookOutcome> {
  // Held until commit: of two events about one subscription, the one that fetches last also
  // writes last, so a slower, older fetch can never overwrite a newer state.
  await lockBillingKey({ tx, key: `subscription:${ref.subscriptionId}` });
  const snapshot = await fetchSubscription(ref.subscriptionId);
  if (!snapshot) {
    logger.warn({ eventId: event.id, subscriptionId: ref.subscriptionId }, "stripe webhook: subscription not found in Stripe");
    return { received: true, ignored: true, reason: "the subscription does not exist in this Stripe account" };
  }

  const owner = await resolveUser(tx, snapshot, ref);
  if (!owner) {
    logger.warn({ eventId: event.id, subscriptionId: snapshot.id }, "stripe webhook: no user for this subscription");
    return { received: true, ignored: true, reason: "no user of this deployment owns the subscription" };
  }
  // Two subscriptions of one user (a plan switch) must not both read the old plan.
  await lockBillingKey({ tx, key: `user:${owner}` });

  const before = (await findEntitledPlanInTx({ tx, userId: owner })) ?? "free";
  const previous = await storedSeats({ tx, subscriptionId: snapshot.id });
  const workspaceId = previous ? previous.workspace_id : await workspaceFor(tx, snapshot);
  await upsertSubscription({
    tx,
    subscription: {
      id: snapshot.id,
      userId: owner,
      stripeCustomerId: snapshot.customerId,
      status: snapshot.status,
      priceId: snapshot.priceId,
      plan: snapshot.plan,
      cancelAtPeriodEnd: snapshot.cancelAtPeriodEnd,
      cancelAt: snapshot.cancelAt,
      currentPeriodStart: snapshot.currentPeriodStart,
      currentPeriodEnd: snapshot.currentPeriodEnd,
      trialEnd: snapshot.trialEnd,
      canceledAt: snapshot.canceledAt,
      eventCreatedAt: new Date(event.created * 1000),
      workspaceId,
      quantity: snapshot.quantity,
    },
  });
  if (workspaceId && (previous?.quantity !== snapshot.quantity || previous?.status !== snapshot.status)) {
    await recordSeatsChange({
      tx,
      workspaceId,
      actorId: owner,
      metadata: { seats: snapshot.quantity, previousSeats: previous?.quantity ?? 0, status: snapshot.status, subscriptionId: snapshot.id, eventId: event.id },
    });
  }
  const after = (await findEntitledPlanInTx({ tx, userId: owner })) ?? "free";
  if (before !== after) {
    await recordPlanChange({
      tx,
      userId: owner,
      metadata: { from: before, to: after, subscriptionId: snapshot.id, status: snapshot.status, eventId: event.id, eventType: event.type },
    });
  }
  logger.info(
    { eventId: event.id, type: event.type, subscriptionId: snapshot.id, userId: owner, status: snapshot.status, from: before, to: after },
    "stripe webhook applied",
  );
  return { received: true };
}

/** The workspace a new subscription pays seats for: named by our checkout, and only if it exists. */
async function workspaceFor(tx: Tx, snapshot: SubscriptionSnapshot): Promise<string | null> {
  const candidate = userId.safeParse(snapshot.metadataWorkspaceId);
  if (!candidate.success) return null;
  return (await workspaceExists({ tx, workspaceId: candidate.data })) ? candidate.data : null;
}

/** Stripe's current state of the subscription; null when Stripe says it does not exist. */
async function fetchSubscription(id: string): Promise<SubscriptionSnapshot | null> {
  let raw: unknown;
  try {
    // Runs inside the event's transaction: keep it short. Stripe retries the delivery anyway.
    raw = await getStripe().subscriptions.retrieve(id, {}, { maxNetworkRetries: 1, timeout: 8_000 });
  } catch (error) {
    if (isStripeNotFound(error)) return null;
    throw toBillingError(error, "subscriptions.retrieve");
  }
  try {
    return subscriptionSnapshot(raw);
  } catch (error) {
    logger.error({ subscriptionId: id, err: (error as Error).message }, "stripe returned a subscription we cannot read");
    throw new AppError("internal", "Stripe returned a subscription this server cannot read.", { cause: error });
  }
}

/**
 * The customers table is authoritative; the user id in the event or the subscription's
 * metadata (both set by our checkout) is the fallback, accepted only for an existing user.
 */
async function resolveUser(tx: Tx, snapshot: SubscriptionSnapshot, ref: SubscriptionRef): Promise<string | null> {
  const linked = await findUserIdByStripeCustomer({ tx, stripeCustomerId: snapshot.customerId });
  if (linked) return linked;
  for (const hint of [snapshot.metadataUserId, ref.userIdHint]) {
    const candidate = userId.safeParse(hint);
    if (!candidate.success) continue;
    if (await userExists({ tx, userId: candidate.data })) {
      await linkStripeCustomer({ tx, userId: candidate.data, stripeCustomerId: snapshot.customerId });
      return candidate.data;
    }
  }
  return null;
}
