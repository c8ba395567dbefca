// The dashboard billing page rendered on the server for real users and real billing state
// (the session lookup is replaced: there is no Next.js request here).
import { describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { useFakeStripe } from "../../fixtures/stripe/use-fake-stripe";
import { PRICE_TEAM, checkoutCompletedEvent, customerId, signDelivery, subscriptionId } from "../../fixtures/stripe/events";
import { callRoute } from "../../helpers/call-route";

const session = vi.hoisted(() => ({ user: null as null | { userId: string; email: string; claims: object } }));
vi.mock("@/lib/auth/current-user", () => ({
  requireUser: async (next: string) => {
    if (!session.user) throw new Error(`redirect to sign-in?next=${next}`);
    return { kind: "user", via: "cookie", ...session.user };
  },
  getCurrentUser: async () => session.user,
}));

const fake = await useFakeStripe();
const { default: BillingPage } = await import("@/app/(dashboard)/dashboard/billing/page");
const { POST: webhook } = await import("@/app/api/webhooks/stripe/route");
const { createTestUser } = await import("../../helpers/test-users");

async function render(user: Awaited<ReturnType<typeof createTestUser>>, params: Record<string, string> = {}) {
  session.user = { userId: user.id, email: user.email, claims: user.claims };
  const element = await BillingPage({ searchParams: Promise.resolve(params) });
  return renderToStaticMarkup(element).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

describe("billing page", () => {
  it("shows a new user the free plan, usage against its limits and both upgrades", async () => {
    const user = await createTestUser("page-free");
    const html = await render(user, { plan: "team" });
    expect(html).toContain("Free plan");
    expect(html).toContain("0 of 50"); // the real counters: nothing used yet
    expect(html).toContain("Upgrade to Pro");
    expect(html).toContain("Buy seats for a workspace");
    expect(html).not.toContain("Manage billing");
    expect(html).not.toContain("not configured");
  });

  it("shows a subscriber the plan, its status, renewal date and the portal, and no upgrade buttons", async () => {
    const user = await createTestUser("page-team");
    const sub = { id: subscriptionId(), customer: customerId() };
    fake.setSubscription({ ...sub, status: "active", priceId: PRICE_TEAM, metadata: { userId: user.id } });
    const { payload, header } = signDelivery(checkoutCompletedEvent({ subscription: sub.id, customer: sub.customer, userId: user.id }));
    expect((await callRoute(webhook, "/api/webhooks/stripe", { rawBody: payload, headers: { "stripe-signature": header } })).status).toBe(200);

    const html = await render(user, { checkout: "success" });
    expect(html).toContain("Checkout complete");
    expect(html).toContain("Your new plan is active");
    expect(html).toContain("Team plan");
    expect(html).toContain("Active");
    expect(html).toMatch(/Renews on \w+ \d+, \d{4} \(UTC\)/);
    expect(html).toContain("0 of 5,000");
    expect(html).toContain("Manage billing");
    expect(html).not.toContain("Upgrade to");
  });
});
