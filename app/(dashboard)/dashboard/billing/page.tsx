import type { Metadata } from "next";
import Link from "next/link";
import { NotAvailableYet } from "@/components/dashboard/not-available-yet";
import { PageHeader } from "@/components/dashboard/page-header";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Billing" };

export default async function BillingPage() {
  await requireUser("/dashboard/billing");
  return (
    <>
      <PageHeader title="Billing" description="Your plan and subscription." />
      <NotAvailableYet
        feature="Billing"
        willHold={[
          "Your current plan and its limits",
          "Upgrading to Pro or Team through Stripe checkout",
          "The Stripe customer portal for invoices, payment method and cancellation",
        ]}
      />
      <p className="text-sm text-muted-foreground">
        The plans and their limits are listed on the{" "}
        <Link href="/#pricing" className="font-medium text-foreground underline underline-offset-4 hover:text-primary">
          pricing section
        </Link>{" "}
        of the home page.
      </p>
    </>
  );
}
