import type { Metadata } from "next";
import Link from "next/link";
import { NotAvailableYet } from "@/components/dashboard/not-available-yet";
import { PageHeader } from "@/components/dashboard/page-header";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Connect add-in" };

export default async function ConnectPage() {
  await requireUser("/dashboard/connect");
  return (
    <>
      <PageHeader title="Connect the Excel add-in" description="Put the assistant's task pane in Excel and sign it in." />
      <NotAvailableYet
        feature="Add-in setup"
        willHold={[
          "The manifest to download, and how to sideload it in Excel on Windows, Mac and the web",
          "Signing the add-in in with your account from Excel",
          "Checking that the add-in can reach this server",
        ]}
      />
      <p className="text-sm text-muted-foreground">
        Already have the add-in? It can also sign in with an{" "}
        <Link href="/dashboard/keys" className="font-medium text-foreground underline underline-offset-4 hover:text-primary">
          API key
        </Link>
        .
      </p>
    </>
  );
}
