import type { Metadata } from "next";
import { NotAvailableYet } from "@/components/dashboard/not-available-yet";
import { PageHeader } from "@/components/dashboard/page-header";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "History" };

export default async function HistoryPage() {
  await requireUser("/dashboard/history");
  return (
    <>
      <PageHeader title="History" description="Your conversations from the add-in and the playground." />
      <NotAvailableYet
        feature="Chat history"
        willHold={[
          "Every conversation, newest first, with the workbook it was about",
          "Search across titles and messages",
          "Opening a conversation to reread it, and deleting it",
        ]}
      />
    </>
  );
}
