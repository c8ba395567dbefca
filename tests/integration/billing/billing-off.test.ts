// Without Stripe configured, billing is off: everyone gets DEFAULT_PLAN, the billing routes
// answer 503 billing_not_configured, and nothing else breaks.
import { describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { signDelivery, stripeEvent } from "../../fixtures/stripe/events";
import { callRoute } from "../../helpers/call-route";

const session = vi.hoisted(() => ({ user: null as null | { userId: string; email: string; claims: object } }));
vi.mock("@/lib/auth/current-user", () => ({
  requireUser: async () => ({ kind: "user", via: "cookie", ...session.user }),
  getCurrentUser: async () => session.user,
}));

for (const name of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_PRO", "STRIPE_PRICE_TEAM", "STRIPE_API_BASE_URL"]) {
  delete process.env[name];
}
process.env.DEFAULT_PLAN = "pro";

const { POST: checkout } = await import("@/app/api/billing/checkout/route");
const { POST: portal } = await import("@/app/api/billing/portal/route");
const { POST: webhook } = await import("@/app/api/webhooks/stripe/route");
const { GET: listKeys } = await import("@/app/api/keys/route");
const { createTestUser } = await import("../../helpers/test-users");
const { getUserPlan } = await import("@/lib/billing/get-user-plan");
const { getBillingStatus } = await import("@/lib/billing/get-billing-status");
const { default: BillingPage } = await import("@/app/(dashboard)/dashboard/billing/page");

describe("billing off", () => {
  it("gives every signed-in user DEFAULT_PLAN", async () => {
    const user = await createTestUser("off");
    expect(await getUserPlan({ userId: user.id })).toBe("pro");
    expect(await getUserPlan({ userId: user.id, claims: user.claims })).toBe("pro");
    expect(await getBillingStatus({ claims: user.claims })).toMatchObject({ mode: "off", plan: "pro", status: null });
  });

  it("answers checkout, portal and the webhook with 503 billing_not_configured", async () => {
    const user = await createTestUser("off-routes");
    const results = [
      await callRoute(checkout, "/api/billing/checkout", { token: user.accessToken, body: { plan: "pro" } }),
      await callRoute(portal, "/api/billing/portal", { method: "POST", token: user.accessToken }),
      await callRoute(webhook, "/api/webhooks/stripe", { rawBody: signDelivery(stripeEvent("invoice.paid", {})).payload, headers: { "stripe-signature": "t=1,v1=x" } }),
    ];
    for (const result of results) {
      expect(result.status).toBe(503);
      expect(result.json.error).toMatchObject({ code: "provider_unavailable", reason: "billing_not_configured", plan: "pro" });
      expect(result.json.error.message).toMatch(/Plans are not sold on this deployment: everyone is on the pro plan/);
      // Operator details (which variables enable billing) stay in the server log.
      expect(result.json.error.message).not.toMatch(/STRIPE_|not configured/);
    }
  });

  it("still refuses guests with 401 and bad input with 400 before saying billing is off", async () => {
    expect((await callRoute(checkout, "/api/billing/checkout", { body: { plan: "pro" } })).status).toBe(401);
    const user = await createTestUser("off-bad");
    expect((await callRoute(checkout, "/api/billing/checkout", { token: user.accessToken, body: { plan: "gold" } })).status).toBe(400);
  });

  it("the billing page says plans are not sold here, in a user's words, shows the default plan's limits and no Stripe buttons", async () => {
    const user = await createTestUser("off-page");
    session.user = { userId: user.id, email: user.email, claims: user.claims };
    const element = await BillingPage({ searchParams: Promise.resolve({ checkout: "success" }) });
    const html = renderToStaticMarkup(element).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(html).toContain("Plans are not sold on this site");
    expect(html).toContain("Everyone here is on the Pro plan");
    expect(html).not.toMatch(/STRIPE_|not configured|operator/i);
    expect(html).toContain("0 of 1,000");
    expect(html).not.toContain("Upgrade to");
    expect(html).not.toContain("Manage billing");
    expect(html).not.toContain("Checkout complete");
  });

  it("leaves the rest of the API working", async () => {
    const user = await createTestUser("off-rest");
    expect((await callRoute(listKeys, "/api/keys", { token: user.accessToken })).status).toBe(200);
  });
});

describe("plan prices with billing off", () => {
  it("come from the plan table, without asking Stripe", async () => {
    const { getPlanPrices } = await import("@/lib/billing/get-plan-prices");
    const { BILLING_PLANS } = await import("@/lib/billing/plans");
    const { Pricing } = await import("@/components/marketing/pricing");
    expect(await getPlanPrices()).toEqual({ free: BILLING_PLANS.free.listPrice, pro: BILLING_PLANS.pro.listPrice, team: BILLING_PLANS.team.listPrice });
    const html = renderToStaticMarkup(await Pricing()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(html).toContain("$15 a month");
    expect(html).toContain("$49 a seat a month");
    expect(html).toContain("every account on this site gets the Pro plan at no charge");
    expect(html).not.toMatch(/not configured|STRIPE_/);
  });
});
