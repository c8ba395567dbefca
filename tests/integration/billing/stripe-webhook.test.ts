// POST /api/webhooks/stripe against signed events and a local fake of the Stripe API: the
// signature gate, idempotency (also for concurrent duplicates), re-sync from Stripe whatever
// the delivery order, entitlements that follow the status, audit entries for plan changes.
import { beforeEach, describe, expect, it } from "vitest";
import { useFakeStripe } from "../../fixtures/stripe/use-fake-stripe";
import {
  PRICE_PRO,
  PRICE_TEAM,
  WEBHOOK_SECRET,
  checkoutCompletedEvent,
  customerId,
  invoiceEvent,
  signDelivery,
  stripeEvent,
  subscriptionEvent,
  subscriptionId,
} from "../../fixtures/stripe/events";
import { callRoute } from "../../helpers/call-route";

const fake = await useFakeStripe();
const { POST: webhook } = await import("@/app/api/webhooks/stripe/route");
const { POST: checkout } = await import("@/app/api/billing/checkout/route");
const { createTestUser } = await import("../../helpers/test-users");
const { getUserPlan } = await import("@/lib/billing/get-user-plan");
const { getBillingStatus } = await import("@/lib/billing/get-billing-status");
const db = await import("./billing-db");

function deliver(event: object, options: Parameters<typeof signDelivery>[1] & { body?: string; signature?: string | null } = {}) {
  const { payload, header } = signDelivery(event, options);
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  const signature = options.signature === undefined ? header : options.signature;
  if (signature !== null) headers["stripe-signature"] = signature;
  return callRoute(webhook, "/api/webhooks/stripe", { rawBody: options.body ?? payload, headers, ip: "3.18.12.63" });
}

const subscriptionFetches = (id: string) => fake.requests.filter((r) => r.method === "GET" && r.path === `/v1/subscriptions/${id}`).length;

/** A user with a subscription that Stripe (the fake) reports with `status` on `price`. */
async function subscriber(status = "active", price = PRICE_PRO) {
  const user = await createTestUser("billing");
  const sub = { id: subscriptionId(), customer: customerId() };
  fake.setSubscription({ ...sub, status, priceId: price, metadata: { userId: user.id } });
  return { user, sub };
}

beforeEach(() => {
  fake.setDown(false);
  fake.setLatency(0);
});

describe("signature gate", () => {
  it("refuses a missing, wrong, stale or tampered signature and a re-serialized body with 400, changing nothing", async () => {
    const { user, sub } = await subscriber();
    const event = checkoutCompletedEvent({ subscription: sub.id, customer: sub.customer, userId: user.id });
    const { payload } = signDelivery(event);
    const now = Math.floor(Date.now() / 1000);

    const attempts = {
      missing: await deliver(event, { signature: null }),
      wrongSecret: await deliver(event, { secret: "whsec_someone_else" }),
      stale: await deliver(event, { timestamp: now - 301 }),
      garbage: await deliver(event, { signature: "t=123,v1=deadbeef" }),
      // Signed over the pretty-printed body, sent compact: the bytes differ, so must the verdict.
      reserialized: await deliver(event, { body: JSON.stringify(JSON.parse(payload)) }),
      tampered: await deliver(event, { body: payload.replace(user.id, "00000000-0000-4000-8000-000000000000") }),
    };
    for (const [name, result] of Object.entries(attempts)) {
      expect(result.status, name).toBe(400);
      expect(result.json.error.code, name).toBe("bad_request");
    }
    expect(attempts.missing.json.error.message).toMatch(/Stripe-Signature/);
    expect(attempts.stale.json.error.message).toMatch(/300 seconds/);

    expect(await db.eventRecorded(event.id)).toBe(false);
    expect(await db.subscriptionRow(sub.id)).toBeUndefined();
    expect(subscriptionFetches(sub.id)).toBe(0);
    expect(await getUserPlan({ userId: user.id })).toBe("free");
  });

  it("accepts a signature just inside the 300 s tolerance", async () => {
    const { user, sub } = await subscriber();
    const event = checkoutCompletedEvent({ subscription: sub.id, customer: sub.customer, userId: user.id });
    const result = await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 290 });
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ received: true });
  });
});

describe("events it does not act on", () => {
  it("answers 2xx with ignored: true, without calling Stripe or recording anything", async () => {
    const before = fake.requests.length;
    for (const event of [
      stripeEvent("payment_intent.succeeded", { id: "pi_1", object: "payment_intent" }),
      stripeEvent("customer.subscription.trial_will_end", { id: subscriptionId(), object: "subscription", customer: customerId() }),
      checkoutCompletedEvent({ subscription: null, customer: customerId(), userId: crypto.randomUUID(), mode: "payment" }),
    ]) {
      const result = await deliver(event);
      expect(result.status).toBe(200);
      expect(result.json).toMatchObject({ received: true, ignored: true });
      expect(await db.eventRecorded(event.id)).toBe(false);
    }
    expect(fake.requests.length).toBe(before);
  });

  it("acknowledges a subscription Stripe does not know, or one no user owns, and stores nothing", async () => {
    const missing = subscriptionEvent("customer.subscription.updated", { id: subscriptionId(), customer: customerId(), status: "active" });
    const gone = await deliver(missing);
    expect(gone.status).toBe(200);
    expect(gone.json).toMatchObject({ received: true, ignored: true });

    const stranger = { id: subscriptionId(), customer: customerId() };
    fake.setSubscription({ ...stranger, status: "active", priceId: PRICE_PRO, metadata: { userId: crypto.randomUUID() } });
    const unowned = await deliver(subscriptionEvent("customer.subscription.created", { ...stranger, status: "active" }));
    expect(unowned.status).toBe(200);
    expect(unowned.json).toMatchObject({ received: true, ignored: true });
    expect(await db.subscriptionRow(stranger.id)).toBeUndefined();
  });
});

describe("applying events", () => {
  it("checkout.session.completed re-fetches the subscription, links the customer and grants the plan", async () => {
    const { user, sub } = await subscriber("active", PRICE_PRO);
    const event = checkoutCompletedEvent({ subscription: sub.id, customer: sub.customer, userId: user.id });
    const result = await deliver(event);
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ received: true });
    expect(subscriptionFetches(sub.id)).toBe(1);

    const row = await db.subscriptionRow(sub.id);
    expect(row).toMatchObject({ user_id: user.id, stripe_customer_id: sub.customer, status: "active", plan: "pro", price_id: PRICE_PRO });
    expect(row!.current_period_end).toBeInstanceOf(Date);
    expect((await db.customerRowsOf(user.id)).map((c) => c.stripe_customer_id)).toEqual([sub.customer]);
    expect(await db.eventRecorded(event.id)).toBe(true);
    expect(await getUserPlan({ userId: user.id })).toBe("pro");
    expect(await getUserPlan({ userId: user.id, claims: user.claims })).toBe("pro");
    expect(await db.planChanges(user.id)).toEqual([
      expect.objectContaining({ from: "free", to: "pro", subscriptionId: sub.id, status: "active", eventId: event.id }),
    ]);
  });

  it("maps the customer through the customers table when the subscription carries no user id", async () => {
    const user = await createTestUser("mapped");
    const started = await callRoute(checkout, "/api/billing/checkout", { token: user.accessToken, body: { plan: "team" } });
    expect(started.status).toBe(200);
    const [customer] = await db.customerRowsOf(user.id);
    const sub = { id: subscriptionId(), customer: customer.stripe_customer_id };
    fake.setSubscription({ ...sub, status: "trialing", priceId: PRICE_TEAM, trialEnd: Math.floor(Date.now() / 1000) + 7 * 86_400 });

    const result = await deliver(subscriptionEvent("customer.subscription.created", { ...sub, status: "trialing" }));
    expect(result.json).toEqual({ received: true });
    expect(await getUserPlan({ userId: user.id })).toBe("team");
    const status = await getBillingStatus({ claims: user.claims });
    expect(status).toMatchObject({ mode: "stripe", plan: "team", status: "trialing", hasCustomer: true });
    expect(Date.parse(status.trialEnd!)).toBeGreaterThan(Date.now());
  });

  it("invoice.paid and invoice.payment_failed find the subscription through invoice.parent and re-sync it", async () => {
    const { user, sub } = await subscriber("active", PRICE_PRO);
    await deliver(checkoutCompletedEvent({ subscription: sub.id, customer: sub.customer, userId: user.id }));
    fake.setSubscription({ ...sub, status: "past_due", priceId: PRICE_PRO, metadata: { userId: user.id } });
    const failed = await deliver(invoiceEvent("invoice.payment_failed", { subscription: sub.id, customer: sub.customer }));
    expect(failed.json).toEqual({ received: true });
    expect((await db.subscriptionRow(sub.id))!.status).toBe("past_due");
    expect(await getUserPlan({ userId: user.id })).toBe("free");

    fake.setSubscription({ ...sub, status: "active", priceId: PRICE_PRO, metadata: { userId: user.id } });
    await deliver(invoiceEvent("invoice.paid", { subscription: sub.id, customer: sub.customer }));
    expect(await getUserPlan({ userId: user.id })).toBe("pro");
  });

  it("entitles only trialing and active; every other status means free", async () => {
    const { user, sub } = await subscriber("active", PRICE_TEAM);
    const expected: Record<string, string> = {
      trialing: "team",
      active: "team",
      past_due: "free",
      unpaid: "free",
      incomplete: "free",
      incomplete_expired: "free",
      paused: "free",
      canceled: "free",
    };
    for (const [status, plan] of Object.entries(expected)) {
      fake.setSubscription({ ...sub, status, priceId: PRICE_TEAM, metadata: { userId: user.id } });
      const result = await deliver(subscriptionEvent("customer.subscription.updated", { ...sub, status, userId: user.id }));
      expect(result.status, status).toBe(200);
      expect(await getUserPlan({ userId: user.id }), status).toBe(plan);
      expect((await getBillingStatus({ claims: user.claims })).status, status).toBe(status);
    }
  });

  it("shows cancellation at period end and the renewal date", async () => {
    const { user, sub } = await subscriber("active", PRICE_PRO);
    const periodEnd = Math.floor(Date.now() / 1000) + 10 * 86_400;
    fake.setSubscription({ ...sub, status: "active", priceId: PRICE_PRO, metadata: { userId: user.id }, cancelAtPeriodEnd: true, currentPeriodEnd: periodEnd });
    await deliver(subscriptionEvent("customer.subscription.updated", { ...sub, status: "active" }));
    const status = await getBillingStatus({ claims: user.claims });
    expect(status).toMatchObject({ plan: "pro", cancelAtPeriodEnd: true });
    expect(status.currentPeriodEnd).toBe(new Date(periodEnd * 1000).toISOString());
    expect(status.cancelAt).toBe(new Date(periodEnd * 1000).toISOString());
  });

  it("records each plan change once in the audit log, old plan to new plan", async () => {
    const { user, sub } = await subscriber("active", PRICE_PRO);
    await deliver(checkoutCompletedEvent({ subscription: sub.id, customer: sub.customer, userId: user.id }));
    // A change that does not move the plan (renewal) writes nothing.
    await deliver(invoiceEvent("invoice.paid", { subscription: sub.id, customer: sub.customer }));
    fake.setSubscription({ ...sub, status: "active", priceId: PRICE_TEAM, metadata: { userId: user.id } });
    await deliver(subscriptionEvent("customer.subscription.updated", { ...sub, status: "active" }));
    fake.setSubscription({ ...sub, status: "canceled", priceId: PRICE_TEAM, metadata: { userId: user.id } });
    await deliver(subscriptionEvent("customer.subscription.deleted", { ...sub, status: "canceled" }));
    expect((await db.planChanges(user.id)).map(({ from, to }) => `${from}->${to}`)).toEqual(["free->pro", "pro->team", "team->free"]);
  });
});

describe("idempotency", () => {
  it("applies a replayed event once", async () => {
    const { user, sub } = await subscriber();
    const event = checkoutCompletedEvent({ subscription: sub.id, customer: sub.customer, userId: user.id });
    const first = await deliver(event);
    const replay = await deliver(event);
    expect(first.json).toEqual({ received: true });
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual({ received: true, duplicate: true });
    expect(subscriptionFetches(sub.id)).toBe(1);
    expect(await db.planChanges(user.id)).toHaveLength(1);
  });

  it("two identical deliveries at the same moment have one effect and one audit entry", async () => {
    const { user, sub } = await subscriber();
    fake.setLatency(40); // both deliveries are in flight together
    const event = checkoutCompletedEvent({ subscription: sub.id, customer: sub.customer, userId: user.id });
    const results = await Promise.all([deliver(event), deliver(event)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.filter((r) => r.json.duplicate === true)).toHaveLength(1);
    expect(results.map((r) => r.json)).toContainEqual({ received: true });
    expect(await db.planChanges(user.id)).toHaveLength(1);
    expect(await db.subscriptionsOf(user.id)).toHaveLength(1);
    expect(await getUserPlan({ userId: user.id })).toBe("pro");
  });

  it("a failed processing (Stripe down) answers 5xx, leaves the event unrecorded, and the retry applies it", async () => {
    const { user, sub } = await subscriber();
    const event = checkoutCompletedEvent({ subscription: sub.id, customer: sub.customer, userId: user.id });
    fake.setDown(true);
    const failed = await deliver(event);
    expect(failed.status).toBe(503);
    expect(failed.json.error.code).toBe("provider_unavailable");
    expect(await db.eventRecorded(event.id)).toBe(false);
    expect(await db.subscriptionRow(sub.id)).toBeUndefined();
    expect(await db.customerRowsOf(user.id)).toHaveLength(0);

    fake.setDown(false);
    const retried = await deliver(event);
    expect(retried.json).toEqual({ received: true });
    expect(await db.eventRecorded(event.id)).toBe(true);
    expect(await getUserPlan({ userId: user.id })).toBe("pro");
  });
});

describe("out-of-order delivery", () => {
  it("customer.subscription.deleted before .updated ends in what Stripe says now (canceled)", async () => {
    const { user, sub } = await subscriber("active", PRICE_PRO);
    await deliver(checkoutCompletedEvent({ subscription: sub.id, customer: sub.customer, userId: user.id }));
    const t = Math.floor(Date.now() / 1000);
    const updated = subscriptionEvent("customer.subscription.updated", { ...sub, status: "active" }, { created: t + 1 });
    const deleted = subscriptionEvent("customer.subscription.deleted", { ...sub, status: "canceled" }, { created: t + 2 });
    fake.setSubscription({ ...sub, status: "canceled", priceId: PRICE_PRO, metadata: { userId: user.id } });

    await deliver(deleted);
    await deliver(updated); // late, and its payload still says active
    expect((await db.subscriptionRow(sub.id))!.status).toBe("canceled");
    expect(await getUserPlan({ userId: user.id })).toBe("free");
  });

  it("a stale event arriving after a newer state re-syncs to the newer state, not to its payload", async () => {
    const { user, sub } = await subscriber("past_due", PRICE_PRO);
    await deliver(subscriptionEvent("customer.subscription.updated", { ...sub, status: "past_due", userId: user.id }));
    expect(await getUserPlan({ userId: user.id })).toBe("free");
    fake.setSubscription({ ...sub, status: "active", priceId: PRICE_TEAM, metadata: { userId: user.id } });
    await deliver(subscriptionEvent("customer.subscription.created", { ...sub, status: "incomplete", userId: user.id }, { created: 1 }));
    expect(await db.subscriptionRow(sub.id)).toMatchObject({ status: "active", plan: "team" });
  });
});

describe("row level security", () => {
  it("user B sees none of user A's billing", async () => {
    const { user: a, sub } = await subscriber("active", PRICE_TEAM);
    await deliver(checkoutCompletedEvent({ subscription: sub.id, customer: sub.customer, userId: a.id }));
    const b = await createTestUser("other");
    expect(await getBillingStatus({ claims: b.claims })).toMatchObject({ plan: "free", status: null, hasCustomer: false });
    // Even asking for A's id with B's claims: RLS returns nothing.
    expect(await getUserPlan({ userId: a.id, claims: b.claims })).toBe("free");
  });
});

it("the webhook secret in the fixtures is what the server verifies against", () => {
  expect(process.env.STRIPE_WEBHOOK_SECRET).toBe(WEBHOOK_SECRET);
});
