import type { Metadata } from "next";
import { NotAvailableYet } from "@/components/dashboard/not-available-yet";
import { PageHeader } from "@/components/dashboard/page-header";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser("/dashboard/account");
  return (
    <>
      <PageHeader title="Account" description="Your sign-in and your data." />
      <dl className="grid gap-1 rounded-xl border p-4 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="text-muted-foreground">Email</dt>
        <dd className="min-w-0 font-medium break-all">{user.email}</dd>
      </dl>
      <NotAvailableYet
        feature="Data export and account deletion"
        willHold={[
          "Downloading everything stored about you as one JSON file",
          "Deleting your account and all its conversations, keys and usage records",
        ]}
      />
    </>
  );
}
