// The pricing section's prices: with Stripe on, what the plan's Stripe price says (fetched once
// and cached, falling back to the plan table when Stripe is down or the price cannot be stated
// plainly), rendered on the landing page's pricing section.
import { beforeEach, describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { useFakeStripe } from "../../fixtures/stripe/use-fake-stripe";
import { PRICE_PRO, PRICE_TEAM } from "../../fixtures/stripe/events";

const fake = await useFakeStripe();
const { clearPlanPriceCache, getPlanPrices } = await import("@/lib/billing/get-plan-prices");
const { BILLING_PLANS } = await import("@/lib/billing/plans");
const { Pricing } = await import("@/components/marketing/pricing");

const priceCalls = () => fake.requests.filter((r) => r.method === "GET" && r.path.startsWith("/v1/prices/"));
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

beforeEach(() => {
  fake.reset();
  clearPlanPriceCache();
});

describe("plan prices with Stripe on", () => {
  it("shows what Stripe will charge, looked up once and then cached", async () => {
    fake.setPrice({ id: PRICE_PRO, unitAmount: 1900, currency: "usd", interval: "month" });
    fake.setPrice({ id: PRICE_TEAM, unitAmount: 49000, currency: "eur", interval: "year" });
    const prices = await getPlanPrices();
    expect(prices).toEqual({
      free: BILLING_PLANS.free.listPrice,
      pro: { amount: 1900, currency: "usd", interval: "month" },
      team: { amount: 49000, currency: "eur", interval: "year" },
    });
    expect(priceCalls().map((r) => r.path).sort()).toEqual([`/v1/prices/${PRICE_PRO}`, `/v1/prices/${PRICE_TEAM}`].sort());

    // A second page view within the hour does not call Stripe again.
    await getPlanPrices();
    expect(priceCalls()).toHaveLength(2);

    const html = text(renderToStaticMarkup(await Pricing()));
    expect(html).toContain("$19 a month");
    expect(html).toContain("€490 a seat a year");
    expect(html).toContain("$0 forever");
    expect(html).not.toMatch(/not configured|STRIPE_/);
  });

  it("falls back to the plan table when Stripe is down, and tells no visitor why", async () => {
    fake.setDown(true);
    const prices = await getPlanPrices();
    expect(prices.pro).toEqual(BILLING_PLANS.pro.listPrice);
    expect(prices.team).toEqual(BILLING_PLANS.team.listPrice);
    const html = text(renderToStaticMarkup(await Pricing()));
    expect(html).toContain("$15 a month");
    expect(html).not.toMatch(/Stripe is down|api_error/i);
  });

  it("uses the plan table for a price it cannot state plainly (metered, or every 3 months)", async () => {
    fake.setPrice({ id: PRICE_PRO, unitAmount: null });
    fake.setPrice({ id: PRICE_TEAM, unitAmount: 12000, interval: "month", intervalCount: 3 });
    const prices = await getPlanPrices();
    expect(prices.pro).toEqual(BILLING_PLANS.pro.listPrice);
    expect(prices.team).toEqual(BILLING_PLANS.team.listPrice);
  });
});
