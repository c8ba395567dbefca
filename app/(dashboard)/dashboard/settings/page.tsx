import type { Metadata } from "next";
import { NotAvailableYet } from "@/components/dashboard/not-available-yet";
import { PageHeader } from "@/components/dashboard/page-header";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireUser("/dashboard/settings");
  return (
    <>
      <PageHeader title="Settings" description="How the assistant behaves for you." />
      <NotAvailableYet
        feature="Settings"
        willHold={[
          "Your display name and preferred model",
          "Write mode: ask before every change, apply automatically, or read only",
          "Redacting personal data before it is sent to the model",
          "How many days conversations are kept",
        ]}
      />
    </>
  );
}
