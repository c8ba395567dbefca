// Seats with billing on, against the local fake of the Stripe API: a workspace's team
// subscription is bought per seat (quantity = seats), the webhook files it under the workspace and
// updates its seats, invites past the seats answer 402 payment_required with a clear message, and
// the pooled quota grows with the seats. The buyer gets no personal team plan from it.
import { describe, expect, it } from "vitest";
import { useFakeStripe } from "../../fixtures/stripe/use-fake-stripe";
import { PRICE_TEAM, checkoutCompletedEvent, customerId, signDelivery, subscriptionEvent, subscriptionId } from "../../fixtures/stripe/events";
import { callRoute } from "../../helpers/call-route";

const fake = await useFakeStripe();
const { POST: createWorkspaceRoute } = await import("@/app/api/workspaces/route");
const { GET: getWorkspaceRoute } = await import("@/app/api/workspaces/[id]/route");
const { POST: inviteRoute } = await import("@/app/api/workspaces/[id]/invites/route");
const { POST: acceptRoute } = await import("@/app/api/invites/[token]/accept/route");
const { POST: checkoutRoute } = await import("@/app/api/workspaces/[id]/checkout/route");
const { POST: portalRoute } = await import("@/app/api/workspaces/[id]/portal/route");
const { GET: auditRoute } = await import("@/app/api/workspaces/[id]/audit/route");
const { GET: usageRoute } = await import("@/app/api/workspaces/[id]/usage/route");
const { POST: webhook } = await import("@/app/api/webhooks/stripe/route");
const { createTestUser } = await import("../../helpers/test-users");
const { findEntitledPlan } = await import("@/lib/db/billing");
const { ENTITLEMENTS } = await import("@/lib/limits/entitlements");
const { FREE_WORKSPACE_SEATS } = await import("@/lib/workspaces/seat-limit");

type User = Awaited<ReturnType<typeof createTestUser>>;

function deliver(event: object) {
  const { payload, header } = signDelivery(event);
  return callRoute(webhook, "/api/webhooks/stripe", { rawBody: payload, headers: { "content-type": "application/json", "stripe-signature": header }, ip: "3.18.12.63" });
}

async function workspaceOf(owner: User) {
  const created = await callRoute(createWorkspaceRoute, "/api/workspaces", { token: owner.accessToken, body: { name: "Seats" } });
  return created.json.id as string;
}

const invite = (user: User, id: string) => callRoute(inviteRoute, "/", { token: user.accessToken, body: {}, params: { id } });
const detail = (user: User, id: string) => callRoute(getWorkspaceRoute, "/", { token: user.accessToken, params: { id } });

/** Stripe (the fake) reports a team subscription for the workspace with `seats`, and says so by webhook. */
async function subscribe(owner: User, workspaceId: string, seats: number, status = "active", ids = { sub: subscriptionId(), cus: customerId() }) {
  fake.setSubscription({ id: ids.sub, customer: ids.cus, status, priceId: PRICE_TEAM, quantity: seats, metadata: { userId: owner.id, plan: "team", workspaceId } });
  const event = ids.sub && status === "active" ? checkoutCompletedEvent({ subscription: ids.sub, customer: ids.cus, userId: owner.id }) : subscriptionEvent("customer.subscription.updated", { id: ids.sub, customer: ids.cus, status, userId: owner.id });
  expect((await deliver(event)).status).toBe(200);
  return ids;
}

describe("seats", () => {
  it("a workspace without a subscription has the free allowance; inviting past it is 402 with a clear message", async () => {
    const owner = await createTestUser("seats-free");
    const id = await workspaceOf(owner);
    expect((await detail(owner, id)).json.seats).toEqual({ used: 1, pendingInvites: 0, paid: 0, limit: FREE_WORKSPACE_SEATS });
    for (let i = 1; i < FREE_WORKSPACE_SEATS; i++) expect((await invite(owner, id)).status).toBe(201);
    const refused = await invite(owner, id);
    expect(refused.status).toBe(402);
    expect(refused.json.error.code).toBe("payment_required");
    expect(refused.json.error.message).toContain(`this workspace has ${FREE_WORKSPACE_SEATS} seats`);
    expect(refused.json.error.message).toMatch(/Add seats/);
  });

  it("checkout buys seats as the quantity, with the workspace in the metadata; owners only", async () => {
    const owner = await createTestUser("seats-checkout");
    const id = await workspaceOf(owner);
    const result = await callRoute(checkoutRoute, "/", { token: owner.accessToken, body: { seats: 5 }, params: { id } });
    expect(result.status).toBe(200);
    expect(result.json.url).toMatch(/\/checkout\/cs_test_/);
    const session = fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions").at(-1)!.params;
    expect(session).toMatchObject({
      mode: "subscription",
      line_items: [{ price: PRICE_TEAM, quantity: "5" }],
      metadata: { userId: owner.id, plan: "team", workspaceId: id },
      subscription_data: { metadata: { workspaceId: id } },
    });
    expect((await callRoute(checkoutRoute, "/", { token: owner.accessToken, body: { seats: 0 }, params: { id } })).status).toBe(400);
    const stranger = await createTestUser("seats-stranger");
    expect((await callRoute(checkoutRoute, "/", { token: stranger.accessToken, body: { seats: 5 }, params: { id } })).status).toBe(404);
    expect((await callRoute(portalRoute, "/", { method: "POST", token: owner.accessToken, params: { id } })).status).toBe(409);
  });

  it("the webhook files the subscription under the workspace and updates its seats; invites follow the seats", async () => {
    const owner = await createTestUser("seats-webhook");
    const id = await workspaceOf(owner);
    const ids = await subscribe(owner, id, 2);
    let seats = (await detail(owner, id)).json;
    expect(seats.plan).toBe("team");
    expect(seats.seats).toMatchObject({ used: 1, paid: 2, limit: 2 });
    // The buyer has no personal team plan from it.
    expect(await findEntitledPlan({ userId: owner.id })).toBeNull();

    const first = await invite(owner, id);
    expect(first.status).toBe(201);
    expect((await invite(owner, id)).status).toBe(402);
    const joiner = await createTestUser("seats-joiner");
    expect((await callRoute(acceptRoute, "/", { method: "POST", token: joiner.accessToken, params: { token: first.json.token } })).status).toBe(200);

    // More seats in the portal: Stripe says so, the webhook applies it.
    fake.setSubscription({ id: ids.sub, customer: ids.cus, status: "active", priceId: PRICE_TEAM, quantity: 4, metadata: { userId: owner.id, workspaceId: id } });
    expect((await deliver(subscriptionEvent("customer.subscription.updated", { id: ids.sub, customer: ids.cus, status: "active", userId: owner.id }))).status).toBe(200);
    seats = (await detail(owner, id)).json;
    expect(seats.seats).toMatchObject({ used: 2, paid: 4, limit: 4 });
    expect((await invite(owner, id)).status).toBe(201);

    const audit = await callRoute(auditRoute, "/", { token: owner.accessToken, params: { id } });
    const changes = audit.json.entries.filter((e: { action: string }) => e.action === "billing.seats_changed").map((e: { metadata: { seats: number } }) => e.metadata.seats);
    expect(changes).toEqual([4, 2]);

    // The pool is the team plan times the paid seats.
    const usage = await callRoute(usageRoute, "/", { token: owner.accessToken, params: { id } });
    expect(usage.json.pooled.requestsPerDay).toBe(ENTITLEMENTS.team.requestsPerDay * 4);
    expect(usage.json.pooled.tokensPerMonth).toBe(ENTITLEMENTS.team.tokensPerMonth * 4);

    // A second checkout would bill twice: the portal manages it.
    expect((await callRoute(checkoutRoute, "/", { token: owner.accessToken, body: { seats: 3 }, params: { id } })).status).toBe(409);
    expect((await callRoute(portalRoute, "/", { method: "POST", token: owner.accessToken, params: { id } })).status).toBe(200);

    // Cancelled: back to the free allowance; accepting an invite past it is refused.
    fake.setSubscription({ id: ids.sub, customer: ids.cus, status: "canceled", priceId: PRICE_TEAM, quantity: 4, metadata: { userId: owner.id, workspaceId: id } });
    await deliver(subscriptionEvent("customer.subscription.deleted", { id: ids.sub, customer: ids.cus, status: "canceled", userId: owner.id }));
    seats = (await detail(owner, id)).json;
    expect(seats.plan).toBe("free");
    expect(seats.seats.limit).toBe(FREE_WORKSPACE_SEATS);
  });

  it("a checkout's workspace id is trusted only for a workspace that exists", async () => {
    const owner = await createTestUser("seats-forged");
    const forged = "00000000-0000-4000-8000-000000000001";
    const ids = { sub: subscriptionId(), cus: customerId() };
    fake.setSubscription({ id: ids.sub, customer: ids.cus, status: "active", priceId: PRICE_TEAM, quantity: 9, metadata: { userId: owner.id, workspaceId: forged } });
    expect((await deliver(checkoutCompletedEvent({ subscription: ids.sub, customer: ids.cus, userId: owner.id }))).status).toBe(200);
    // Filed as the buyer's own team plan instead.
    expect(await findEntitledPlan({ userId: owner.id })).toBe("team");
  });
});
