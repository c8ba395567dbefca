// Erasing an account cancels what Stripe could still charge, before any row is deleted.
import { describe, expect, it } from "vitest";
import { useFakeStripe } from "../../fixtures/stripe/use-fake-stripe";
import { PRICE_PRO, customerId, subscriptionId } from "../../fixtures/stripe/events";
import { callRoute } from "../../helpers/call-route";

const fake = await useFakeStripe();
const { DELETE: deleteAccount } = await import("@/app/api/account/route");
const { withServiceDb } = await import("@/lib/db/with-rls");
const { createTestUser } = await import("../../helpers/test-users");

async function subscribe(userId: string) {
  const id = subscriptionId();
  const customer = customerId();
  fake.setSubscription({ id, customer, status: "active", priceId: PRICE_PRO, metadata: { userId } });
  await withServiceDb(async (tx) => {
    await tx.insertInto("customers").values({ user_id: userId, stripe_customer_id: customer }).execute();
    await tx.insertInto("subscriptions").values({ id, user_id: userId, stripe_customer_id: customer, status: "active", plan: "pro", cancel_at_period_end: false }).execute();
  });
  return id;
}

describe("DELETE /api/account with billing on", () => {
  it("cancels the live subscription in Stripe, then erases the account", async () => {
    const user = await createTestUser("erase-paid");
    const id = await subscribe(user.id);
    const result = await callRoute(deleteAccount, "/api/account", { method: "DELETE", body: { confirm: user.email }, token: user.accessToken });
    expect(result.status).toBe(200);
    expect(fake.requests.some((r) => r.method === "DELETE" && r.path === `/v1/subscriptions/${id}`)).toBe(true);
    const left = await withServiceDb((tx) => tx.selectFrom("subscriptions").select("id").where("user_id", "=", user.id).execute());
    expect(left).toEqual([]);
  });

  it("keeps the account when Stripe cannot be reached, so the user is never billed after erasure", async () => {
    const user = await createTestUser("erase-down");
    await subscribe(user.id);
    fake.setDown(true);
    try {
      const result = await callRoute(deleteAccount, "/api/account", { method: "DELETE", body: { confirm: user.email }, token: user.accessToken });
      expect(result.status).toBeGreaterThanOrEqual(500);
      expect(result.json.error.message).not.toMatch(/sk_test|Fake Stripe/);
    } finally {
      fake.setDown(false);
    }
    const still = await withServiceDb((tx) => tx.selectFrom("auth.users").select("id").where("id", "=", user.id).execute());
    expect(still).toHaveLength(1);
  });
});
