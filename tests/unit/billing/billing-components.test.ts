// The billing page's pieces rendered to HTML: what a user reads in each subscription state,
// and no made-up usage numbers when the counters are unknown.
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { CurrentPlanCard } from "@/components/billing/current-plan-card";
import { PlanUsage } from "@/components/billing/plan-usage";
import { PricingPlans } from "@/components/billing/pricing-plans";
import { UpgradeOptions } from "@/components/billing/upgrade-options";
import type { BillingStatus } from "@/lib/billing/get-billing-status";

const base: BillingStatus = {
  mode: "stripe",
  plan: "free",
  subscribedPlan: null,
  status: null,
  cancelAtPeriodEnd: false,
  cancelAt: null,
  currentPeriodEnd: null,
  trialEnd: null,
  hasCustomer: false,
};

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const card = (status: Partial<BillingStatus>) => text(renderToStaticMarkup(createElement(CurrentPlanCard, { status: { ...base, ...status } })));

describe("CurrentPlanCard", () => {
  it("shows the renewal date of an active subscription and the way to the portal", () => {
    const html = card({ plan: "pro", subscribedPlan: "pro", status: "active", currentPeriodEnd: "2026-12-22T10:00:00.000Z", hasCustomer: true });
    expect(html).toContain("Pro plan");
    expect(html).toContain("Active");
    expect(html).toContain("Renews on Dec 22, 2026 (UTC)");
    expect(html).toContain("Manage billing");
  });

  it("shows the cancellation date instead of a renewal", () => {
    const html = card({ plan: "team", subscribedPlan: "team", status: "active", cancelAtPeriodEnd: true, cancelAt: "2026-12-22T10:00:00.000Z", currentPeriodEnd: "2026-12-22T10:00:00.000Z", hasCustomer: true });
    expect(html).toContain("Cancels on Dec 22, 2026");
    expect(html).not.toContain("Renews");
  });

  it("shows the trial end", () => {
    expect(card({ plan: "pro", subscribedPlan: "pro", status: "trialing", trialEnd: "2026-12-01T00:00:00.000Z", hasCustomer: true })).toContain("Trial ends on Dec 1, 2026");
  });

  it("explains a lapsed subscription: the user is on free until the payment is fixed", () => {
    const html = card({ plan: "free", subscribedPlan: "pro", status: "past_due", currentPeriodEnd: "2026-12-22T10:00:00.000Z", hasCustomer: true });
    expect(html).toContain("Free plan");
    expect(html).toContain("Payment failed");
    expect(html).toMatch(/Your Pro subscription: payment failed\. .*Update the payment method/);
    expect(html).not.toContain("Renews");
  });

  it("offers no portal without a Stripe customer, and none when billing is off", () => {
    expect(card({})).not.toContain("Manage billing");
    expect(card({ mode: "off", hasCustomer: true })).not.toContain("Manage billing");
  });
});

describe("PlanUsage", () => {
  it("shows usage against the limits when the counters are known", () => {
    const reset = new Date().toISOString();
    const html = text(
      renderToStaticMarkup(
        createElement(PlanUsage, {
          plan: "pro",
          usage: {
            plan: "pro",
            degraded: false,
            requests: { used: 12, limit: 1000, remaining: 988, resetsAt: reset },
            tokens: { used: 45_000, limit: 5_000_000, remaining: 4_955_000, resetsAt: reset },
          },
        }),
      ),
    );
    expect(html).toContain("12 of 1,000");
    expect(html).toContain("45,000 of 5,000,000");
  });

  it("shows only the limits, no zeros, when the counts are unknown", () => {
    const html = text(renderToStaticMarkup(createElement(PlanUsage, { plan: "free", usage: null })));
    expect(html).toContain("50 included");
    expect(html).toContain("200,000 included");
    expect(html).not.toMatch(/\b0 of\b/);
  });
});

describe("plan lists", () => {
  it("UpgradeOptions offers Checkout for pro and team", () => {
    const html = text(renderToStaticMarkup(createElement(UpgradeOptions, { highlight: "team" })));
    expect(html).toContain("Upgrade to Pro");
    expect(html).toContain("Buy seats for a workspace");
  });

  it("PricingPlans shows each plan's price, and says in a user's words when nothing is sold (this test has no Stripe keys)", () => {
    const prices = {
      free: { amount: 0, currency: "usd", interval: "month" },
      pro: { amount: 1500, currency: "usd", interval: "month" },
      team: { amount: 4950, currency: "eur", interval: "year" },
    } as const;
    const html = text(renderToStaticMarkup(createElement(PricingPlans, { prices })));
    expect(html).toContain("every account on this site gets the Free plan at no charge");
    expect(html).not.toMatch(/STRIPE_|not configured/);
    expect(html).toContain("$0 forever");
    expect(html).toContain("$15 a month");
    expect(html).toContain("€49.50 a seat a year");
    expect(html).toContain("1,000 chats a day");
    expect(html).toContain("5,000 chats a day");
  });
});
