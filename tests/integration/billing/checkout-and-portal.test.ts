// POST /api/billing/checkout and POST /api/billing/portal against a local fake of the Stripe
// API: who may call them, what they send Stripe, and one Stripe customer per user even when
// two checkouts race.
import { beforeEach, describe, expect, it } from "vitest";
import { useFakeStripe } from "../../fixtures/stripe/use-fake-stripe";
import { PRICE_PRO, PRICE_TEAM, checkoutCompletedEvent, signDelivery, subscriptionId } from "../../fixtures/stripe/events";
import { BASE_URL, callRoute } from "../../helpers/call-route";

const fake = await useFakeStripe();
const { POST: checkout } = await import("@/app/api/billing/checkout/route");
const { POST: portal } = await import("@/app/api/billing/portal/route");
const { POST: webhook } = await import("@/app/api/webhooks/stripe/route");
const { createTestUser } = await import("../../helpers/test-users");
const db = await import("./billing-db");

const posts = (path: string) => fake.requests.filter((r) => r.method === "POST" && r.path === path);

beforeEach(() => {
  fake.setDown(false);
  fake.setLatency(0);
});

describe("who may call", () => {
  it("refuses guests with 401 on both routes", async () => {
    const a = await callRoute(checkout, "/api/billing/checkout", { body: { plan: "pro" } });
    const b = await callRoute(portal, "/api/billing/portal", { method: "POST" });
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(a.json.error.code).toBe("unauthorized");
  });

  it("refuses an unknown or missing plan with 400 that lists the allowed plans", async () => {
    const user = await createTestUser("plan");
    for (const body of [{ plan: "enterprise" }, { plan: "free" }, {}]) {
      const result = await callRoute(checkout, "/api/billing/checkout", { token: user.accessToken, body });
      expect(result.status).toBe(400);
      expect(result.json.error.code).toBe("bad_request");
      expect(result.json.error.message).toContain("pro, team");
    }
    expect(posts("/v1/customers").filter((r) => (r.params.metadata as Record<string, string>)?.userId === user.id)).toHaveLength(0);
  });

  it("refuses a cross-site form post that rides on the session cookie", async () => {
    const user = await createTestUser("csrf");
    const result = await callRoute(checkout, "/api/billing/checkout", { cookie: user.cookie, body: { plan: "pro" }, headers: { origin: "https://evil.example" } });
    expect(result.status).toBe(403);
  });
});

describe("POST /api/billing/checkout", () => {
  it("creates the customer once and a subscription checkout with the user id and URLs on the request's origin", async () => {
    const user = await createTestUser("checkout");
    const result = await callRoute(checkout, "/api/billing/checkout", {
      cookie: user.cookie,
      body: { plan: "pro" },
      headers: { origin: "https://app.example.com", "x-forwarded-host": "app.example.com", "x-forwarded-proto": "https" },
    });
    expect(result.status).toBe(200);
    expect(result.json.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/checkout\/cs_test_/);

    const [customerCall] = posts("/v1/customers").filter((r) => r.idempotencyKey === `customer-create-${user.id}`);
    expect(customerCall.params).toMatchObject({ email: user.email, metadata: { userId: user.id } });
    const [customer] = await db.customerRowsOf(user.id);

    const session = posts("/v1/checkout/sessions").at(-1)!.params;
    expect(session).toMatchObject({
      mode: "subscription",
      customer: customer.stripe_customer_id,
      client_reference_id: user.id,
      line_items: [{ price: PRICE_PRO, quantity: "1" }],
      metadata: { userId: user.id, plan: "pro" },
      subscription_data: { metadata: { userId: user.id, plan: "pro" } },
    });
    expect(session.success_url).toMatch(/^https:\/\/app\.example\.com\/dashboard\/billing\?checkout=success/);
    expect(session.cancel_url).toMatch(/^https:\/\/app\.example\.com\/dashboard\/billing\?checkout=canceled/);

    // A second checkout (changed their mind: team) reuses the customer.
    const again = await callRoute(checkout, "/api/billing/checkout", { token: user.accessToken, body: { plan: "team" } });
    expect(again.status).toBe(200);
    expect(posts("/v1/checkout/sessions").at(-1)!.params).toMatchObject({ customer: customer.stripe_customer_id, line_items: [{ price: PRICE_TEAM }] });
    expect(fake.customers.filter((c) => (c.metadata as Record<string, string>).userId === user.id)).toHaveLength(1);
    expect(new URL(session.success_url as string).origin).not.toBe(BASE_URL);
  });

  it("two checkouts at the same moment create one Stripe customer and one customers row", async () => {
    const user = await createTestUser("race");
    fake.setLatency(30);
    const results = await Promise.all([
      callRoute(checkout, "/api/billing/checkout", { token: user.accessToken, body: { plan: "pro" } }),
      callRoute(checkout, "/api/billing/checkout", { token: user.accessToken, body: { plan: "pro" } }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    // Both requests reached Stripe (neither saw the other's customers row yet); the idempotency
    // key is what made them one customer.
    expect(posts("/v1/customers").filter((r) => r.idempotencyKey === `customer-create-${user.id}`).length).toBeGreaterThanOrEqual(2);
    const created = fake.customers.filter((c) => (c.metadata as Record<string, string>).userId === user.id);
    expect(created).toHaveLength(1);
    const rows = await db.customerRowsOf(user.id);
    expect(rows.map((r) => r.stripe_customer_id)).toEqual([created[0].id]);
    const sessions = posts("/v1/checkout/sessions").filter((r) => r.params.client_reference_id === user.id);
    expect(new Set(sessions.map((s) => s.params.customer))).toEqual(new Set([created[0].id]));
  });

  it("sends a subscribed user to the portal instead of a second subscription (409)", async () => {
    const user = await createTestUser("subscribed");
    await callRoute(checkout, "/api/billing/checkout", { token: user.accessToken, body: { plan: "pro" } });
    const [customer] = await db.customerRowsOf(user.id);
    const sub = subscriptionId();
    fake.setSubscription({ id: sub, customer: customer.stripe_customer_id, status: "active", priceId: PRICE_PRO });
    const { payload, header } = signDelivery(checkoutCompletedEvent({ subscription: sub, customer: customer.stripe_customer_id, userId: user.id }));
    const delivered = await callRoute(webhook, "/api/webhooks/stripe", { rawBody: payload, headers: { "stripe-signature": header } });
    expect(delivered.status).toBe(200);

    const second = await callRoute(checkout, "/api/billing/checkout", { token: user.accessToken, body: { plan: "team" } });
    expect(second.status).toBe(409);
    expect(second.json.error).toMatchObject({ code: "bad_request", reason: "already_subscribed", plan: "pro" });
    expect(second.json.error.message).toMatch(/portal/);
  });

  it("answers 503 when Stripe is down, and stores no customer", async () => {
    const user = await createTestUser("down");
    fake.setDown(true);
    const result = await callRoute(checkout, "/api/billing/checkout", { token: user.accessToken, body: { plan: "pro" } });
    expect(result.status).toBe(503);
    expect(result.json.error).toMatchObject({ code: "provider_unavailable", reason: "stripe_unavailable" });
    expect(result.json.error.message).not.toMatch(/Fake Stripe/); // Stripe's own message stays in the log
    expect(await db.customerRowsOf(user.id)).toHaveLength(0);
  });
});

describe("POST /api/billing/portal", () => {
  it("says there is nothing to manage before the first checkout", async () => {
    const user = await createTestUser("portal-new");
    const result = await callRoute(portal, "/api/billing/portal", { method: "POST", token: user.accessToken });
    expect(result.status).toBe(409);
    expect(result.json.error).toMatchObject({ code: "bad_request", reason: "no_billing_account" });
  });

  it("opens the portal for the user's own customer with a return URL on the request's origin", async () => {
    const user = await createTestUser("portal");
    await callRoute(checkout, "/api/billing/checkout", { token: user.accessToken, body: { plan: "pro" } });
    const [customer] = await db.customerRowsOf(user.id);
    const result = await callRoute(portal, "/api/billing/portal", { method: "POST", token: user.accessToken });
    expect(result.status).toBe(200);
    expect(result.json.url).toMatch(/\/portal\/bps_/);
    expect(posts("/v1/billing_portal/sessions").at(-1)!.params).toEqual({
      customer: customer.stripe_customer_id,
      return_url: `${BASE_URL}/dashboard/billing`,
    });

    // User B gets their own customer's portal, never A's.
    const other = await createTestUser("portal-b");
    const refused = await callRoute(portal, "/api/billing/portal", { method: "POST", token: other.accessToken });
    expect(refused.status).toBe(409);
  });
});
